# forms: the instruments, installed for uppfolj-admin forms-load and demo
# (UF_DATADIR/forms). `make check` runs forms-check on each of them
# (tests/forms/run-checker.sh).
formsdir = $(pkgdatadir)/forms
dist_forms_DATA = \
	forms/chef.json \
	forms/personal.json \
	forms/peer.json \
	forms/patient.json
EXTRA_DIST += forms/README.md
