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

# The respondent languages (lib/lang.h): page texts per language and the
# information and consent texts per group and language. uppfolj-collect
# reads them from lang_dir (this folder once installed); `make check` runs
# forms-check on each against Swedish (tests/forms/run-checker.sh).
formsuidir = $(pkgdatadir)/forms/ui
dist_formsui_DATA = \
	forms/ui/sv.json \
	forms/ui/en.json \
	forms/ui/ar.json
formsinfodir = $(pkgdatadir)/forms/info
dist_formsinfo_DATA = \
	forms/info/chef.sv.json \
	forms/info/personal.sv.json \
	forms/info/peer.sv.json \
	forms/info/patient.sv.json \
	forms/info/chef.en.json \
	forms/info/personal.en.json \
	forms/info/peer.en.json \
	forms/info/patient.en.json \
	forms/info/patient.ar.json

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
