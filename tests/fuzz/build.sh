#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Build the libFuzzer harnesses with clang (-fsanitize=fuzzer,address,undefined),
# apart from the gcc build: the pure parsing code of lib/ and collect/ is compiled
# again here, without libpq or libfcgi, so no harness needs a database.
#
#   bash tests/fuzz/build.sh OUTDIR     -> OUTDIR/fuzz_<name> for every fuzz_*.c
set -euo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:?usage: build.sh OUTDIR}
CC=${UF_FUZZ_CC:-clang}
mkdir -p "$OUT/obj"
OUT=$(cd "$OUT" && pwd)

command -v "$CC" >/dev/null || { echo "build.sh: $CC not found (apt-get install clang)" >&2; exit 1; }

# The parsers and what they need; lib/db.c (libpq) and the FastCGI loop are
# left out on purpose. From manage/ only the .qdpx reader (libzip, libxml2).
LIB_SOURCES="lib/err.c lib/arena.c lib/buf.c lib/log.c lib/conf.c lib/utf8.c lib/num.c lib/group.c lib/code.c
	lib/form.c lib/form_answers.c lib/form_translation.c lib/form_text.c lib/item_types.c web/req.c web/route.c web/web_conf.c collect/collect_form.c
	manage/qual_qdpx_read.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz_qdpx_common.c"

# The product's flags (configure.ac) plus the fuzzer's sanitizers.
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -D_GNU_SOURCE -Wall -Wextra
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-unused-parameter
	-Werror -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined
	-fno-sanitize-recover=undefined $(pkg-config --cflags libcjson libsodium libzip libxml-2.0)
	-I$OUT -I$SRC/lib -I$SRC/web -I$SRC/collect -I$SRC/manage -I$SRC/tests/fuzz -DUF_FUZZ_FORMS=\"$SRC/forms\""
LIBS="$(pkg-config --libs libcjson libsodium libzip libxml-2.0) -lm -pthread"

# config.h: the parsers use none of configure's results.
[ -f "$OUT/config.h" ] || echo '/* fuzz build: nothing configured */' >"$OUT/config.h"

# Method and pattern of each route of both programs, for fuzz_request.c.
routes() { # NAME FILE
	echo "static const struct route $1[] = {"
	grep -oE '\{ *"(GET|POST)", *"[^"]*"' "$SRC/$2" | sed -E 's/\{ *("[A-Z]+"), *("[^"]*")/\t{ \1, \2, NULL, NULL, 0, "r" },/'
	echo "};"
}
{ routes collect_table collect/collect_routes.c; routes admin_table adminweb/aw_routes.c; } >"$OUT/routes.gen.h.tmp"
# A route table written differently would leave a table empty here.
[ "$(grep -c '^	{ "' "$OUT/routes.gen.h.tmp")" -ge 20 ] ||
	{ echo "build.sh: too few routes found in the route tables" >&2; exit 1; }
cmp -s "$OUT/routes.gen.h.tmp" "$OUT/routes.gen.h" 2>/dev/null || mv "$OUT/routes.gen.h.tmp" "$OUT/routes.gen.h"
rm -f "$OUT/routes.gen.h.tmp"

# compile SRC OBJ EXTRA: only when the source or a header is newer.
compile() {
	local src=$1 obj=$2; shift 2
	if [ ! -f "$obj" ] || [ -n "$(find "$SRC/lib" "$SRC/web" "$SRC/collect" "$SRC/manage" "$SRC/tests/fuzz" "$OUT/routes.gen.h" \
		-newer "$obj" \( -name '*.[ch]' -o -name '*.gen.h' \) -print -quit)" ]; then
		# shellcheck disable=SC2086
		"$CC" $CFLAGS "$@" -c "$SRC/$src" -o "$obj"
	fi
}

objs=()
for s in $LIB_SOURCES; do
	o=$OUT/obj/$(echo "${s%.c}" | tr / _).o
	compile "$s" "$o" -fsanitize=fuzzer-no-link &
	objs+=("$o")
done
wait_all() { local st=0; for j in $(jobs -p); do wait "$j" || st=1; done; return $st; }
wait_all

for h in "$SRC"/tests/fuzz/fuzz_*.c; do
	name=$(basename "${h%.c}")
	case $name in fuzz_common | fuzz_qdpx_common) continue ;; esac
	o=$OUT/obj/$name.o
	compile "tests/fuzz/$name.c" "$o" -fsanitize=fuzzer-no-link
	if [ ! -x "$OUT/$name" ] || [ -n "$(find "$OUT/obj" -newer "$OUT/$name" -name '*.o' -print -quit)" ]; then
		# shellcheck disable=SC2086
		"$CC" $CFLAGS -fsanitize=fuzzer "$o" "${objs[@]}" $LIBS -o "$OUT/$name"
	fi
done
