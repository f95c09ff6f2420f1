# deploy: scripts, templates and units that ship with the source (the test
# suites that a release tarball runs are listed in tests/local.mk).
EXTRA_DIST += deploy/run.sh deploy/lib.sh deploy/supervise.sh deploy/README.md .ci/run \
	deploy/backup.sh deploy/restore.sh \
	deploy/nginx/nginx.conf.in \
	deploy/nginx/errors/admin-skicka.html deploy/nginx/errors/fel.json deploy/nginx/errors/fel.js \
	deploy/uppfolj.conf.sample deploy/adminweb.conf.sample \
	deploy/systemd/uppfolj-collect.service deploy/systemd/uppfolj-adminweb.service
