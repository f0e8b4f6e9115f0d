# SPDX-License-Identifier: EUPL-1.2
#
# Runs the package's testthat suite against an installed copy, reports to the
# console and to a JUnit file, prints "N passed, N failed" over the
# expectations, and exits non-zero when any of them failed.
#
#   R --vanilla --no-echo -f run-testthat.R --args LIBRARY TEST_DIR JUNIT_FILE

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3L) {
  stop("usage: run-testthat.R LIBRARY TEST_DIR JUNIT_FILE")
}
library_dir <- args[[1]]
test_dir <- args[[2]]
junit_file <- args[[3]]

.libPaths(c(library_dir, .libPaths()))
library(testthat)

reporter <- MultiReporter$new(list(
  SummaryReporter$new(show_praise = FALSE),
  JunitReporter$new(file = junit_file)
))
results <- as.data.frame(test_dir(test_dir, reporter = reporter, package = "opvang",
                                  load_package = "installed", stop_on_failure = FALSE))

# Counted per expectation, as testthat and the JUnit file count them; an
# error that ends a test block counts as one failure.
failed <- sum(results$failed) + sum(results$error)
skipped <- sum(results$skipped)
passed <- sum(results$passed)
cat(sprintf("\nr: %d passed, %d failed, %d skipped\n", passed, failed, skipped))
quit(status = if (failed > 0) 1L else 0L, save = "no")
