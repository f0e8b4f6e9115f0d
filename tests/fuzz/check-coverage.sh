#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Every public function (OPV_EXTERN in include/opvang/*.h) must be named in a
# fuzz target's source (tests/fuzz/*.c), unless it is listed below with the
# reason it is left out.  Fails naming each function no target names.
# usage: check-coverage.sh SOURCE_ROOT
set -eu
root=${1:-.}
# name: reason (none at present; keep this list short and justified)
excluded=''
api=$(sed -n 's/^OPV_EXTERN([^)]*)[ *]*\(opv_[a-z0-9_]*\)(.*/\1/p' "$root"/include/opvang/*.h | sort -u)
total=$(printf '%s\n' "$api" | grep -c . || true)
[ "$total" -gt 0 ] || { echo "no OPV_EXTERN declarations found under $root/include/opvang" >&2; exit 1; }
# Identifiers the fuzz targets name, as whole words.
named=$(cat "$root"/tests/fuzz/*.c | grep -o 'opv_[a-z0-9_]*' | sort -u)
missing=''
count=0
for f in $api; do
	if printf '%s\n' "$named" | grep -qx "$f"; then
		count=$((count + 1))
	elif printf '%s\n' "$excluded" | grep -q "^$f:"; then
		:
	else
		missing="$missing $f"
	fi
done
echo "$count of $total public functions are named in tests/fuzz/*.c"
if [ -n "$missing" ]; then
	echo "public functions no fuzz target names (add them to a target, or to the exclusion list with a reason):" >&2
	for f in $missing; do
		echo "  $f" >&2
	done
	exit 1
fi
