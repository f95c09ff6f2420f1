# deploy: scripts, templates and units that ship with the source; the test
# scripts are distributed too so a release tarball can run its own suites.
EXTRA_DIST += deploy/run.sh deploy/lib.sh deploy/supervise.sh deploy/README.md .ci/run tests/run-all.sh \
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
	tests/bench/stack.sh tests/bench/flow.sh tests/bench/flow.c tests/bench/openloop.sh \
	tests/bench/openloop.c tests/bench/bench_http.c tests/bench/bench_http.h \
	tests/valgrind/run.sh tests/bench/run.sh
