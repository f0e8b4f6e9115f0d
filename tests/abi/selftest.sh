#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Shows that the test `abi` fails on what docs/ABI.md forbids and passes what
# it allows: a small library is built as a baseline and then with one change
# at a time, and check-abi.sh (with the project's own suppressions) judges it.
# usage: selftest.sh SOURCE_ROOT C_COMPILER
set -eu
root=$1
cc=$2
here=$root/tests/abi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build() { # CHANGE OUTPUT
	"$cc" -g -O0 -shared -fPIC -DCHANGE="$1" -I"$here/selftest" -o "$2" \
		"$here/selftest/opvang_selftest.c"
}
build 0 "$tmp/base.so"
abidw --no-corpus-path --headers-dir "$here/selftest" --out-file "$tmp/base.abi" "$tmp/base.so"

failed=0
expect() { # CHANGE WANT(pass|fail) WHAT
	build "$1" "$tmp/changed.so"
	if "$here/check-abi.sh" "$tmp/changed.so" "$tmp/base.abi" "$here/selftest" \
		"$root/abi/suppressions.ini" >"$tmp/out" 2>&1; then got=pass; else got=fail; fi
	if [ "$got" = "$2" ]; then
		echo "ok: $3: the check says $got"
	else
		echo "WRONG: $3: the check says $got, docs/ABI.md says $2" >&2
		cat "$tmp/out" >&2
		failed=1
	fi
}
expect 0 pass "no change"
expect 1 pass "a member appended to a versioned struct"
expect 2 fail "a member appended to a frozen struct"
expect 3 fail "an enum value changed"
expect 4 fail "a function removed"
expect 5 pass "a function added"
exit $failed
