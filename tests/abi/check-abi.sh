#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The built library keeps the ABI of the committed baseline abi/libopvang.abi,
# as docs/ABI.md defines it (abi/suppressions.ini): added functions are fine,
# members appended to a versioned struct are fine; a removed or changed
# function, a changed enum value or a changed frozen struct is not.
#
# usage: check-abi.sh LIBRARY BASELINE HEADERS_DIR SUPPRESSIONS
# After a deliberate, allowed change (a new function), refresh the baseline:
#   abidw --no-corpus-path --headers-dir include/opvang \
#         --out-file abi/libopvang.abi build/lib/libopvang.so.1
set -eu
lib=$1
baseline=$2
headers=$3
suppressions=$4
report=$(abidiff --no-added-syms --headers-dir2 "$headers" --suppressions "$suppressions" \
	"$baseline" "$lib") && status=0 || status=$?
if [ "$status" -ne 0 ]; then
	# abidiff's exit status is a bit set: 1 error, 2 usage, 4 ABI change, 8 incompatible.
	echo "the ABI of $lib differs from $baseline (abidiff status $status):" >&2
	printf '%s\n' "$report" >&2
	exit 1
fi
echo "the ABI of $(basename "$lib") keeps that of $(basename "$baseline")"
