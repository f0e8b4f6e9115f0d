# SPDX-License-Identifier: EUPL-1.2
# Columns out of the shared binding entries (opv_swig_*, ../opvang.i).  An
# entry takes the length wanted of each output column and returns them as a
# named list (opvang_r.i): whole numbers as doubles, NaN as NA, texts as
# UTF-8 strings.  Register positions count from 0 in C and from 1 here.

# The number of an enumerator of the shared interface (SWIG's R enums).
swig_enum <- function(name, type) {
  enumToInteger(name, type)
}

# Names of the numbered columns `name_of(0)`, `name_of(1)`, ... up to the
# first NULL.
numbered_names <- function(name_of) {
  names <- character()
  while (!is.null(name <- name_of(length(names)))) {
    names <- c(names, name)
  }
  names
}

# A row-major table of `length(names)` values a row as a named list of columns.
table_columns <- function(values, names) {
  rows <- matrix(values, ncol = length(names), byrow = TRUE)
  columns <- lapply(seq_along(names), function(k) rows[, k])
  names(columns) <- names
  columns
}

# The register as a named list of columns: code, name, province_code,
# province, population, and ses when some municipality has a score (NA where
# one has none).
register_columns <- function(register) {
  n <- as.double(opv_register_count(register))
  columns <- opv_swig_register_texts(n, n, n, n, register)
  numbers <- opv_swig_register_numbers(n, n, register)
  columns$population <- numbers$population
  if (!all(is.na(numbers$scores))) {
    columns$ses <- numbers$scores
  }
  columns
}

# Province code, name, number of municipalities and population, in province order.
province_columns <- function(register) {
  n <- as.double(opv_register_province_count(register))
  c(opv_swig_province_texts(n, n, register), opv_swig_province_numbers(n, n, register))
}

# Whole numbers per municipality summed per province.
sum_by_province <- function(register, values) {
  opv_swig_sum_by_province(as.double(opv_register_province_count(register)), register,
                           values)$sums
}

# The days of a series as R Date numbers.
date_series <- function(from, to, every) {
  count <- opv_swig_date_series(0, from, to, every)$result
  opv_swig_date_series(count, from, to, every)$days
}
