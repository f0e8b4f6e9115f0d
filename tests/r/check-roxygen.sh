#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# Fails when the committed help pages (bindings/r/man/*.Rd) or NAMESPACE are
# not what roxygen2 makes of the comments in bindings/r/R/*.R: regenerates
# them in a copy (bindings/r/tools/document) and compares.
#
#   check-roxygen.sh SOURCE_ROOT BUILD_ROOT [R]
set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 SOURCE_ROOT BUILD_ROOT [R]" >&2
	exit 2
fi
package=$1/bindings/r
copy=$2/r-roxygen
R=${3:-R}

rm -rf "$copy"
mkdir -p "$copy"
cp -R "$package/DESCRIPTION" "$package/R" "$package/tools" "$copy/"
# A wrapper left by an in-place install is not documentation.
rm -f "$copy/R/opvang_swig.R"
mkdir "$copy/man"
R=$R "$copy/tools/document" >"$copy/document.log" 2>&1 || { cat "$copy/document.log"; exit 1; }

if diff -ru "$package/man" "$copy/man" && diff -u "$package/NAMESPACE" "$copy/NAMESPACE"; then
	echo "man/*.Rd and NAMESPACE are what roxygen2 makes of R/*.R"
	exit 0
fi
echo "check-roxygen: man/ or NAMESPACE differ from the roxygen comments: run bindings/r/tools/document and commit" >&2
exit 1
