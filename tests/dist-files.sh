#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# make dist's hook: the release tarball cannot drift from the source tree.
#  - every migration schema/NNNN_*.sql is in the install list (dist_schema_DATA),
#    so `uppfolj-admin migrate` from an installed copy applies all of them;
#  - in a git checkout, every tracked file is in the tarball, and the test
#    folders that are distributed whole hold only tracked files (no stray
#    build output or screenshots ship).
# Usage: tests/dist-files.sh SRCDIR DISTDIR "WHOLE_FOLDERS" SCHEMA_FILE...
set -u
src=$1 dist=$2 whole=$3; shift 3
bad=0

for f in "$src"/schema/[0-9][0-9][0-9][0-9]_*.sql; do
	[ -e "$f" ] || continue
	rel=schema/${f##*/}
	listed=no
	for s in "$@"; do [ "$s" = "$rel" ] && listed=yes; done
	if [ $listed = no ]; then
		echo "dist: $rel is not in dist_schema_DATA (schema/local.mk): it would not be installed" >&2
		bad=1
	fi
done

# Only when SRCDIR is itself the top of a git checkout: a tarball unpacked
# inside some other repository must not be judged by that one's files.
top=$(git -C "$src" rev-parse --show-toplevel 2>/dev/null) || top=
if [ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(cd "$src" && pwd -P)" ]; then
	tracked=$(mktemp) || exit 2
	trap 'rm -f "$tracked"' EXIT
	git -C "$src" ls-files >"$tracked" || exit 2
	while IFS= read -r f; do
		case $f in
		.gitignore | m4/.keep) continue ;;   # repository plumbing
		esac
		if [ ! -e "$dist/$f" ]; then
			echo "dist: tracked file $f is missing from the tarball (add it to a local.mk)" >&2
			bad=1
		fi
	done <"$tracked"
	# Folders distributed whole (UF_DIST_WHOLE): drop what git does not track.
	for d in $whole; do
		[ -d "$dist/$d" ] || continue
		(cd "$dist" && find "$d" -type f) | while IFS= read -r f; do
			grep -qxF "$f" "$tracked" || { echo "dist: leaving out untracked $f"; rm -f "$dist/$f"; }
		done
	done
fi
exit $bad
