#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Runs one libFuzzer target for a bounded time on a copy of its seed corpus
# (libFuzzer adds the inputs it finds to the first corpus directory, and the
# source tree must stay clean), then writes one JUnit test case.
# usage: run-fuzz.sh TARGET SEED_CORPUS SECONDS RESULT_XML
set -u
target=$1 seeds=$2 seconds=$3 result=$4
name=$(basename "$target")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"
cp -r "$seeds"/. "$work/corpus/" 2>/dev/null
"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/log" 2>&1
status=$?
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/log" | tail -n 1)
echo "$name: exit $status, ${runs:-0} executions in ${seconds}s"
mkdir -p "$(dirname "$result")"
if [ "$status" -eq 0 ]; then
	printf '<testsuite name="%s" tests="1" failures="0"><testcase name="%s" classname="fuzz"/></testsuite>\n' \
		"$name" "$name ${runs:-0} executions" >"$result"
else
	tail -n 40 "$work/log"
	for crash in "$work"/artifacts/*; do
		[ -f "$crash" ] && echo "input: $(od -An -c "$crash" | head -c 2000)"
	done
	printf '<testsuite name="%s" tests="1" failures="1"><testcase name="%s" classname="fuzz"><failure message="exit %s"/></testcase></testsuite>\n' \
		"$name" "$name" "$status" >"$result"
fi
# libFuzzer's finding status, 77, means "skipped" to meson: a finding is a failure.
[ "$status" -eq 0 ] || exit 1
