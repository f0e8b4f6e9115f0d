# SPDX-License-Identifier: EUPL-1.2

# Writes `lines` as UTF-8 bytes to a new temporary file and returns its name.
# Bytes, not text: the file must not depend on the session's locale.
write_utf8_file <- function(lines, eol = "\n", bom = FALSE, fileext = ".csv") {
  path <- tempfile("opvang-", fileext = fileext)
  bytes <- charToRaw(enc2utf8(paste0(paste(lines, collapse = eol), eol)))
  if (bom) {
    bytes <- c(as.raw(c(0xef, 0xbb, 0xbf)), bytes)
  }
  writeBin(bytes, path)
  path
}

# The CSV the embedded register is compiled from, when the tests run inside
# the opvang source tree (bindings/r/tests/testthat).
source_register_csv <- function() {
  path <- normalizePath(file.path(test_path(), "..", "..", "..", "..", "data",
                                  "gemeenten_2024.csv"), mustWork = FALSE)
  if (file.exists(path)) path else NULL
}

# The opv_status codes of include/opvang/core.h that the tests look for.
OPV_EINVAL <- -1L
OPV_EIO <- -3L
OPV_EPARSE <- -4L
OPV_ERANGE <- -5L
OPV_ENOTFOUND <- -6L
OPV_EDUPLICATE <- -7L

# The status code carried by the opvang_error that `expr` raises.
error_status <- function(expr) {
  tryCatch({
    expr
    NA_integer_
  }, opvang_error = function(e) e$status)
}

# A register CSV of municipalities given as vectors (all in one province
# unless told otherwise).
register_file <- function(code, name, population, province_code = "PV30",
                          province = "Noord-Brabant", ses = NULL) {
  header <- "code,name,province_code,province,population"
  cells <- paste(code, name, province_code, province, format(population, scientific = FALSE,
                                                              trim = TRUE), sep = ",")
  if (!is.null(ses)) {
    header <- paste0(header, ",ses")
    cells <- paste(cells, ifelse(is.na(ses), "", format(ses, digits = 17, trim = TRUE)), sep = ",")
  }
  write_utf8_file(c(header, cells))
}

# The derived housing tasks of tests/data (computed outside this project).
derived_tasks_csv <- function() {
  path <- normalizePath(file.path(test_path(), "..", "..", "..", "..", "tests", "data",
                                  "nl_taakstelling_2025_derived.csv"), mustWork = FALSE)
  if (file.exists(path)) path else NULL
}

# A file of examples/data, or NULL when the sources are not at hand.
example_file <- function(name) {
  path <- normalizePath(file.path(test_path(), "..", "..", "..", "..", "examples", "data", name),
                        mustWork = FALSE)
  if (file.exists(path)) path else NULL
}

# The synthetic locations of examples/data.
example_locations_csv <- function() {
  example_file("synthetic_locations.csv")
}
