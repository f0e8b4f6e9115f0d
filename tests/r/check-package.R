# SPDX-License-Identifier: EUPL-1.2
#
# The R package as it is shipped: builds the tarball, checks it as CRAN
# would, and installs it from the tarball alone.
#
#   R --vanilla --no-echo -f check-package.R --args SOURCE_ROOT BUILD_ROOT
#
# 1. Copies bindings/ to BUILD_ROOT/r-check (so that ../opvang.i is there),
#    generates the SWIG wrapper (tools/generate-wrapper, SWIG from the
#    environment) and runs `R CMD build`, which builds the vignette.
# 2. Runs `R CMD check --as-cran --no-manual` on the tarball, against this
#    build's libopvang (PKG_CONFIG_PATH: meson-uninstalled), which runs the
#    examples, the vignette and the testthat suite of the tarball (about
#    10 s; the tests that need examples/ of the source tree skip).
#    --no-manual: the PDF manual needs LaTeX, which is not installed; the Rd
#    files are still parsed, cross-checked against the code and rendered to
#    HTML and text by the check.
#    Every "* checking" line is a test case; ERROR and WARNING fail, a NOTE
#    passes and is printed.
# 3. Copies the tarball alone to a fresh directory outside the source tree
#    and installs it with `R CMD INSTALL` into an empty library, with a
#    `swig` first on PATH that fails when called: the tarball needs neither
#    SWIG nor the source tree.  (As a control, configure in a copy of the
#    source tree must fail on that swig.)  Then loads the package in a new R
#    and computes what is checked by hand.
#
# JUnit report: BUILD_ROOT/test-results/r-package.xml.  Exits non-zero on any
# failure.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2L) {
  stop("usage: check-package.R SOURCE_ROOT BUILD_ROOT")
}
source_root <- normalizePath(args[[1]])
build_root <- normalizePath(args[[2]])
r_program <- file.path(R.home("bin"), "R")

cases <- list()
record <- function(name, ok, output = "", seconds = 0) {
  cases[[length(cases) + 1L]] <<- list(name = name, ok = ok, output = output, seconds = seconds)
  cat(sprintf("%-4s %s\n", if (ok) "ok" else "FAIL", name))
  if (!ok && nzchar(output)) {
    cat(output, sep = "\n")
  }
  invisible(ok)
}

# Runs a command with extra environment, in `dir`; list(status, output).
run <- function(command, arguments, env = character(), dir = ".") {
  old <- setwd(dir)
  on.exit(setwd(old))
  started <- Sys.time()
  output <- suppressWarnings(system2(command, arguments, stdout = TRUE, stderr = TRUE,
                                     env = env))
  status <- attr(output, "status")
  list(status = if (is.null(status)) 0L else status, output = paste(output, collapse = "\n"),
       seconds = as.double(difftime(Sys.time(), started, units = "secs")))
}

step <- function(name, command, arguments, env = character(), dir = ".") {
  result <- run(command, arguments, env, dir)
  record(name, result$status == 0L, result$output, result$seconds)
}

xml_escape <- function(x) {
  x <- gsub("&", "&amp;", x, fixed = TRUE)
  x <- gsub("<", "&lt;", x, fixed = TRUE)
  x <- gsub(">", "&gt;", x, fixed = TRUE)
  x <- gsub("\"", "&quot;", x, fixed = TRUE)
  # Characters XML 1.0 does not allow, such as the escapes of coloured output.
  gsub("[\001-\010\013\014\016-\037]", "", x, useBytes = TRUE)
}

write_junit <- function(path) {
  failures <- sum(!vapply(cases, `[[`, TRUE, "ok"))
  lines <- c("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
             sprintf("<testsuites><testsuite name=\"r-package\" tests=\"%d\" failures=\"%d\">",
                     length(cases), failures))
  for (case in cases) {
    lines <- c(lines, sprintf("<testcase classname=\"r-package\" name=\"%s\" time=\"%.3f\">",
                              xml_escape(case$name), case$seconds))
    if (!case$ok) {
      lines <- c(lines, sprintf("<failure message=\"failed\">%s</failure>",
                                xml_escape(case$output)))
    } else if (nzchar(case$output)) {
      lines <- c(lines, sprintf("<system-out>%s</system-out>", xml_escape(case$output)))
    }
    lines <- c(lines, "</testcase>")
  }
  writeLines(c(lines, "</testsuite></testsuites>"), path, useBytes = TRUE)
}

# The checks of an R CMD check log as list(name, status, text): a check is a
# line "* checking WHAT ... STATUS", where what the check found may come on
# the lines after it and the status at the end of the last of them.
parse_check_log <- function(lines) {
  starts <- grep("^\\* ", lines)
  checks <- list()
  for (k in seq_along(starts)) {
    last <- if (k < length(starts)) starts[[k + 1L]] - 1L else length(lines)
    block <- lines[starts[[k]]:last]
    if (!startsWith(block[[1]], "* checking ")) {
      next
    }
    name <- sub(" \\.\\.\\..*$", "", sub("^\\* checking ", "", block[[1]]))
    # The word after "... " on the first line, or else the last line's last
    # word: OK, NOTE, WARNING, ERROR, SKIPPED, NONE, or what the check
    # reports (the extension type "Package", "Note_to_CRAN_maintainers").
    # A timing may come first: "* checking tests ... [9s/14s] OK".
    first <- regmatches(block[[1]],
                        regexpr("\\.\\.\\.( \\[[^]]*\\])? ?[A-Za-z_]+$", block[[1]]))
    status <- if (length(first) == 1L) sub("^.*[ .]", "", first)
      else sub("^.*[[:space:]]", "", trimws(block[[length(block)]]))
    checks[[length(checks) + 1L]] <- list(name = name, status = status,
                                          text = paste(block, collapse = "\n"))
  }
  checks
}

stage <- file.path(build_root, "r-check")
results <- file.path(build_root, "test-results")
unlink(stage, recursive = TRUE)
dir.create(file.path(stage, "bindings"), recursive = TRUE)
dir.create(results, showWarnings = FALSE)
package_copy <- file.path(stage, "bindings", "r")
stopifnot(file.copy(file.path(source_root, "bindings", "opvang.i"), file.path(stage, "bindings")),
          file.copy(file.path(source_root, "bindings", "r"), file.path(stage, "bindings"),
                    recursive = TRUE))

uninstalled <- file.path(build_root, "meson-uninstalled")
given_path <- Sys.getenv("PKG_CONFIG_PATH")
pkg_config_path <- paste(c(uninstalled, given_path[nzchar(given_path)]), collapse = ":")
library_env <- c(sprintf("PKG_CONFIG_PATH=%s", pkg_config_path),
                 "OPVANG_PKG_CONFIG_MODULE=opvang-uninstalled")
started <- Sys.time()

# ---- 1. the tarball -------------------------------------------------------
step("the SWIG wrapper is generated", "sh",
     c("-c", shQuote("./cleanup && ./tools/generate-wrapper")),
     sprintf("OPVANG_INCLUDE=%s", file.path(source_root, "include")), dir = package_copy)
built <- step("R CMD build makes the tarball and its vignette", r_program,
              c("CMD", "build", "bindings/r"), library_env, dir = stage)
tarball <- Sys.glob(file.path(stage, "opvang_*.tar.gz"))
contents <- if (length(tarball) == 1L) untar(tarball, list = TRUE) else character()
shipped <- c("opvang/src/opvang_wrap.c", "opvang/R/opvang_swig.R", "opvang/LICENSE",
             "opvang/man/opvang-package.Rd", "opvang/inst/doc/opvang.html",
             "opvang/inst/extdata/march_2026.json")
record("the tarball ships the wrapper, the licence, the help pages and the built vignette",
       length(tarball) == 1L && all(shipped %in% contents),
       if (!all(shipped %in% contents))
         paste("missing:", paste(setdiff(shipped, contents), collapse = ", ")) else "")
record("the tarball leaves out what needs the source tree (opvang_r.i) and build output",
       length(tarball) == 1L && !any(grepl("opvang_r\\.i$|\\.o$|\\.so$|/Makevars$", contents)),
       paste(grep("opvang_r\\.i$|\\.o$|\\.so$|/Makevars$", contents, value = TRUE),
             collapse = "\n"))
if (!built || length(tarball) != 1L) {
  write_junit(file.path(results, "r-package.xml"))
  quit(status = 1L, save = "no")
}

# ---- 2. R CMD check --as-cran ----------------------------------------------
check_dir <- file.path(stage, "check")
dir.create(check_dir)
# No network: the incoming checks that ask CRAN are left out.  Debian's R
# compiles every package with -Wformat -Werror=format-security -Wdate-time
# (/etc/R/Makeconf); they are declared as the platform's, as the variable is
# meant for, so that check reports flags that the package itself adds.
checked <- run(r_program, c("CMD", "check", "--as-cran", "--no-manual",
                            "-o", check_dir, tarball),
               c(library_env, "_R_CHECK_CRAN_INCOMING_REMOTE_=false",
                 "_R_CHECK_COMPILATION_FLAGS_KNOWN_='-Wformat -Werror=format-security -Wdate-time'"),
               dir = stage)
log_file <- file.path(check_dir, "opvang.Rcheck", "00check.log")
checks <- if (file.exists(log_file)) parse_check_log(readLines(log_file)) else list()
for (check in checks) {
  record(paste("R CMD check:", check$name), !check$status %in% c("ERROR", "WARNING"),
         if (check$status == "OK") "" else check$text)
  if (!check$status %in% c("OK", "ERROR", "WARNING")) {
    cat(check$text, "\n", sep = "")
  }
}
status_line <- grep("^Status: ", strsplit(checked$output, "\n")[[1]], value = TRUE)
record("R CMD check --as-cran: no ERROR, no WARNING",
       length(checks) > 0L && length(status_line) == 1L && !grepl("ERROR|WARNING", status_line),
       paste(c(status_line, if (length(checks) == 0L) checked$output), collapse = "\n"),
       checked$seconds)

# ---- 3. the tarball alone, anywhere ----------------------------------------
elsewhere <- tempfile("opvang-tarball-")
dir.create(file.path(elsewhere, "bin"), recursive = TRUE)
dir.create(file.path(elsewhere, "library"))
stopifnot(file.copy(tarball, elsewhere))
trap <- file.path(elsewhere, "bin", "swig")
writeLines(c("#!/bin/sh", "echo 'swig was called while installing the tarball' >&2", "exit 1"),
           trap)
Sys.chmod(trap, "755")
# Nor LD_LIBRARY_PATH (meson sets it for tests): the package finds
# libopvang.so.1 through the rpath that configure takes from pkg-config.
no_swig <- c(library_env, sprintf("PATH=%s:%s", dirname(trap), Sys.getenv("PATH")),
             sprintf("SWIG=%s", trap), "LD_LIBRARY_PATH=")
# The trap works: the source tree, which needs SWIG, does not install with it.
source_tree <- file.path(elsewhere, "source-tree")
dir.create(source_tree)
stopifnot(file.copy(file.path(source_root, "bindings", "opvang.i"), source_tree),
          file.copy(file.path(source_root, "bindings", "r"), source_tree, recursive = TRUE))
trapped <- run("sh", c("-c", shQuote(paste("cd r && ./cleanup && ./configure"))),
               c(no_swig, sprintf("OPVANG_INCLUDE=%s", file.path(source_root, "include"))),
               dir = source_tree)
record("the swig on PATH stops what needs SWIG (configure in the source tree)",
       trapped$status != 0L && grepl("swig was called", trapped$output, fixed = TRUE),
       trapped$output, trapped$seconds)

installed <- step("R CMD INSTALL of the tarball alone, outside the source tree, without SWIG",
                  r_program, c("CMD", "INSTALL", "-l", "library", basename(tarball)),
                  no_swig, dir = elsewhere)

# Worked by hand.  Hamilton, 7 seats over 6:3:1: quotas 4.2, 2.1, 0.7, floors
# 4, 2, 0, and the seat left over to the largest remainder, 0.7: 4 2 1.
# D'Hondt, 8 seats over 100000, 80000, 30000, 20000: the eight largest of
# votes / 1, 2, 3, ... are 100000 80000 50000 40000 33333 30000 26667 25000:
# 4 3 1 0.  CBS, population of the Netherlands on 1 January 2024: 17,942,942.
probe <- c(
  "library(opvang, lib.loc = 'library')",
  "stopifnot(identical(apportion(c(6, 3, 1), 7), c(4, 2, 1)))",
  "stopifnot(identical(apportion(c(100000, 80000, 30000, 20000), 8, 'dhondt'), c(4, 3, 1, 0)))",
  "stopifnot(sum(municipalities()$population) == 17942942)",
  "cat('computed as worked by hand\\n')")
if (installed) {
  step("the installed tarball loads and computes what is worked by hand", r_program,
       c("--vanilla", "--no-echo", "-e", shQuote(paste(probe, collapse = "; "))), no_swig,
       dir = elsewhere)
}
unlink(elsewhere, recursive = TRUE)

write_junit(file.path(results, "r-package.xml"))
failed <- sum(!vapply(cases, `[[`, TRUE, "ok"))
cat(sprintf("\nr-package: %d passed, %d failed in %.0f s\n", length(cases) - failed, failed,
            as.double(difftime(Sys.time(), started, units = "secs"))))
quit(status = if (failed > 0L) 1L else 0L, save = "no")
