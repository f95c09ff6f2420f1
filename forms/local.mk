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

# Instrument translations (forms/README.md, "Translations"), installed beside
# the instruments; forms-load stores them, forms-check checks them.
formstranslationsdir = $(pkgdatadir)/forms/translations
dist_formstranslations_DATA = \
	forms/translations/chef-2.en.json \
	forms/translations/personal-2.en.json \
	forms/translations/peer-2.en.json \
	forms/translations/patient-2.en.json \
	forms/translations/patient-2.ar.json \
	forms/translations/patient-2.sv.json
