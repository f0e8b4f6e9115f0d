#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The shared library may export nothing but the public opv_* API.
set -eu
lib=$1
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ { print $3 }')
count=$(printf '%s\n' "$exported" | grep -c '^opv_' || true)
stray=$(printf '%s\n' "$exported" | grep -v '^opv_' || true)
if [ -n "$stray" ]; then
	echo "symbols exported without the opv_ prefix:" >&2
	printf '  %s\n' $stray >&2
	exit 1
fi
if printf '%s\n' "$exported" | grep -q '^opv__'; then
	echo "internal opv__ symbols are exported:" >&2
	printf '%s\n' "$exported" | grep '^opv__' >&2
	exit 1
fi
[ "$count" -gt 0 ] || { echo "no opv_ symbols exported" >&2; exit 1; }
echo "$count opv_ symbols exported, nothing else"
