# deploy: scripts, templates and units that ship with the source; the test
# scripts are distributed too so a release tarball can run its own suites.
EXTRA_DIST += deploy/run.sh deploy/lib.sh deploy/supervise.sh deploy/README.md .ci/run tests/run-all.sh \
	deploy/backup.sh deploy/restore.sh \
	tests/scale/run.sh tests/scale/alternate.test.mjs tests/scale/load.mjs \
	deploy/nginx/nginx.conf.in \
	deploy/nginx/errors/fel.html deploy/nginx/errors/fel-skicka.html \
	deploy/nginx/errors/admin-skicka.html deploy/nginx/errors/fel.json deploy/nginx/errors/fel.js \
	tests/deploy/run.sh tests/deploy/errorpages.test.mjs \
	tests/faults/run.sh tests/faults/load.mjs tests/bench/faults.sh \
	deploy/uppfolj.conf.sample deploy/adminweb.conf.sample \
	deploy/systemd/uppfolj-collect.service deploy/systemd/uppfolj-adminweb.service \
	tests/package.json tests/package-lock.json \
	tests/api/fixture.mjs tests/api/api.test.mjs tests/api/pages.test.mjs \
	tests/api/zz_limits.test.mjs \
	tests/browser/collect.test.mjs tests/browser/tablet_safety.test.mjs \
	tests/browser/own_server.mjs \
	tests/bench/collect.sh tests/bench/collect_get.lua tests/bench/collect_post.lua \
	tests/valgrind/run.sh tests/bench/run.sh
