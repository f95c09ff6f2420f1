# deploy: scripts and templates that ship with the source; the test scripts
# are distributed too so a release tarball can run its own suites.
EXTRA_DIST += deploy/run.sh deploy/lib.sh .ci/run tests/run-all.sh
