# tests/fuzz: libFuzzer harnesses, built with clang apart from this build
# (tests/fuzz/build.sh). tests/run-all.sh runs each for a few seconds (suite
# fuzz); `make fuzz` runs them long, keeping the grown corpus in
# tests/fuzz/out/ of the build folder:
#   make fuzz [FUZZ_SECONDS=300] [FUZZ_JOBS=2] [FUZZ="json api_answers"]
FUZZ_SECONDS = 300
FUZZ_JOBS = 2
FUZZ =

.PHONY: fuzz fuzz-clean
fuzz:
	UF_FUZZ_SECONDS=$(FUZZ_SECONDS) UF_FUZZ_JOBS=$(FUZZ_JOBS) \
	    UF_FUZZ_OUT=$(abs_top_builddir)/tests/fuzz/out \
	    $(SHELL) $(abs_top_srcdir)/tests/fuzz/run.sh $(FUZZ)

fuzz-clean:
	rm -rf $(abs_top_builddir)/tests/fuzz/out

EXTRA_DIST += tests/fuzz/README.md tests/fuzz/build.sh tests/fuzz/run.sh \
	tests/fuzz/fuzz.h tests/fuzz/fuzz_common.c \
	tests/fuzz/fuzz_request.c tests/fuzz/fuzz_query.c tests/fuzz/fuzz_cookie.c \
	tests/fuzz/fuzz_json.c tests/fuzz/fuzz_api_answers.c tests/fuzz/fuzz_survey_post.c \
	tests/fuzz/fuzz_form_load.c tests/fuzz/fuzz_code.c tests/fuzz/fuzz_utf8.c \
	tests/fuzz/fuzz_conf.c tests/fuzz/fuzz_translation.c tests/fuzz/corpus \
	tests/fuzz/dict
