#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The shared library exports the public API and nothing else, each function
# under the symbol version that promises it (lib/opvang.sym, docs/ABI.md):
#  - the version script names every function the headers declare, stable
#    ones in an OPV_1.x node and those of opvang/experimental.h in
#    OPV_EXPERIMENTAL, and nothing the headers do not declare;
#  - the library exports exactly those, with those versions.
# usage: check-symbols.sh LIBRARY SOURCE_ROOT
set -eu
lib=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

declared() {
	sed -n 's/^OPV_EXTERN([^)]*)[ *]*\(opv_[a-z0-9_]*\)(.*/\1/p' "$@" | sort -u
}
stable_headers=$(ls "$root"/include/opvang/*.h | grep -v '/experimental\.h$')
{
	declared $stable_headers | sed 's/$/ OPV_1/'
	declared "$root"/include/opvang/experimental.h | sed 's/$/ OPV_EXPERIMENTAL/'
} | sort >"$tmp/headers"

# "name NODE" for every global symbol of the script, OPV_1.x nodes as OPV_1.
sed 's,/\*.*\*/,,' "$root/lib/opvang.sym" | awk '
	/^\/\*/ { comment = 1 } comment { if (/\*\//) comment = 0; next }
	/^[A-Z_0-9.]+ *\{/ { node = $1; sub(/^OPV_1\..*/, "OPV_1", node); global = 0; next }
	/global:/ { global = 1; next }
	/local:|^\}/ { global = 0; next }
	global && /;/ { gsub(/[\t ;]/, ""); if ($0 != "") print $0, node }
' | sort >"$tmp/script"

# "name NODE" for every symbol the library defines, as the dynamic table has it.
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRWV]$/ {
	split($3, part, "@+"); node = part[2]; sub(/^OPV_1\..*/, "OPV_1", node)
	print part[1], (node == "" ? "(no version)" : node)
}' | sort >"$tmp/library"

status=0
if ! diff -u "$tmp/headers" "$tmp/script" >"$tmp/d1"; then
	echo "lib/opvang.sym does not match the headers (- headers, + version script):" >&2
	grep '^[-+][^-+]' "$tmp/d1" >&2
	status=1
fi
if ! diff -u "$tmp/script" "$tmp/library" >"$tmp/d2"; then
	echo "the library's exports do not match lib/opvang.sym (- script, + library):" >&2
	grep '^[-+][^-+]' "$tmp/d2" >&2
	status=1
fi
[ $status -eq 0 ] || exit 1
echo "$(grep -c ' OPV_1$' "$tmp/library") functions exported as OPV_1.x," \
	"$(grep -c ' OPV_EXPERIMENTAL$' "$tmp/library") as OPV_EXPERIMENTAL, nothing else"
