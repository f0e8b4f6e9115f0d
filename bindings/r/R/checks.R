# SPDX-License-Identifier: EUPL-1.2
# Argument checks and the package's own errors.  Every refusal is an
# "opvang_error" carrying an opv_status code, like the library's own: a wrong
# kind of argument or a missing value (NA) has status EINVAL, a value out of
# range ERANGE unless the library gives another status for the same value.
#
# Messages name the argument, and for an element of a vector its position
# counted from 1, as R counts, and its municipality code where it has one.
# NA is called NA and NaN NaN (in C both are NaN), so both are checked here,
# before the library sees them.
#
# What no argument takes: a matrix or array (it would be read as one long
# vector), a list or data.frame where a vector is expected, complex numbers,
# TRUE/FALSE where numbers are expected (TRUE is not a count), a factor where
# numbers are expected (its numbers are the indices of its levels), bit64's
# integer64 (doubles holding other bits), and NA_character_ where a code,
# date, period, name or file name is expected.  A factor where strings are
# expected is taken by its labels, as.character(), which is what R prints.
# In a data.frame, NA in a column of whole numbers or of codes is named here
# by row (from 1); what else is wrong in a cell the library names by line of
# the CSV text it reads, the header being line 1.

# The opv_status codes of include/opvang/core.h.
OPV_EINVAL <- -1L
OPV_EIO <- -3L
OPV_EPARSE <- -4L
OPV_ERANGE <- -5L
OPV_ENOTFOUND <- -6L
OPV_EDUPLICATE <- -7L

opvang_stop <- function(message, status) {
  stop(structure(class = c("opvang_error", "error", "condition"),
                 list(message = message, call = NULL, status = status)))
}

# What `x` is, in a message.
kind_of <- function(x) {
  if (is.null(x)) {
    return("NULL")
  }
  kind <- if (is.data.frame(x)) "a data.frame"
    else if (!is.null(dim(x))) if (length(dim(x)) == 2L) "a matrix" else "an array"
    else if (is.list(x)) "a list"
    else if (is.factor(x)) "a factor"
    else if (inherits(x, "integer64")) "an integer64 vector"
    else if (is.complex(x)) "a complex vector"
    else if (is.logical(x) && length(x) == 1L && is.na(x)) return("NA")
    else if (is.logical(x)) "a logical vector"
    else if (is.character(x)) "a character vector"
    else if (is.numeric(x)) "a numeric vector"
    else paste("an object of class", class(x)[[1]])
  if (is.atomic(x) && is.null(dim(x)) && length(x) != 1L) {
    kind <- sprintf("%s of length %.0f", kind, as.double(length(x)))
  }
  kind
}

refuse_kind <- function(x, name, expected) {
  opvang_stop(sprintf("'%s' must be %s, not %s", name, expected, kind_of(x)), OPV_EINVAL)
}

# Numbers R can hand over as doubles: a plain numeric vector (integer or
# double), without dim.
is_plain_numeric <- function(x) {
  is.numeric(x) && is.null(dim(x)) && !inherits(x, "integer64")
}

# c(1, NA) is numeric, but c(NA, NA) is logical: a vector of NA alone is
# taken as numbers, so that the message names the NA and where it is.
na_as_numbers <- function(x) {
  if (is.logical(x) && is.null(dim(x)) && length(x) > 0L && all(is.na(x))) {
    storage.mode(x) <- "double"
  }
  x
}

# "'weights' element 3", or with a code "'ses' element 3 (GM0088)".
element_name <- function(name, k, codes = NULL) {
  code <- if (is.null(codes)) NA_character_ else as.character(codes[[k]])
  if (is.na(code) || !nzchar(code)) {
    sprintf("'%s' element %.0f", name, as.double(k))
  } else {
    sprintf("'%s' element %.0f (%s)", name, as.double(k), code)
  }
}

# A value as the message shows it: exact for whole numbers, else 15 digits.
number_text <- function(v) {
  if (is.finite(v) && v == trunc(v) && abs(v) < 1e21) sprintf("%.0f", v) else format(v, digits = 15)
}

# The first element of the double vector `x` that is not what is expected,
# as list(k, problem, status), or NULL.  `na`: NA is allowed (NaN never is);
# `min`: the smallest value; `whole`: whole numbers of at most 2^53 in
# magnitude, which a double holds exactly.
first_bad_number <- function(x, na, min, whole, status_range, status_whole) {
  missing <- is.na(x) & !is.nan(x)
  checks <- list(
    list(if (na) logical(length(x)) else missing, function(v) "is NA", OPV_EINVAL),
    list(is.nan(x), function(v) "is NaN", OPV_EINVAL),
    list(!missing & is.infinite(x), function(v) sprintf("is %s; a finite number is needed",
                                                         number_text(v)), status_range),
    list(!is.na(x) & x < min, function(v) {
      sprintf(if (min == 0) "is %s, negative" else paste("is %s, below", number_text(min)),
              number_text(v))
    }, status_range),
    list(if (whole) !is.na(x) & is.finite(x) & x != trunc(x) else logical(length(x)),
         function(v) sprintf("is %s, not a whole number", number_text(v)), status_whole),
    list(if (whole) !is.na(x) & is.finite(x) & abs(x) > 2^53 else logical(length(x)),
         function(v) sprintf("is %s, beyond 2^53, where a double no longer holds every whole number",
                             number_text(v)), status_range))
  at <- vapply(checks, function(check) {
    k <- which(check[[1]])
    if (length(k) > 0L) as.double(k[[1]]) else Inf
  }, 0)
  if (all(is.infinite(at))) {
    return(NULL)
  }
  check <- checks[[which.min(at)]]
  k <- min(at)
  list(k = k, problem = check[[2]](x[[k]]), status = check[[3]])
}

# A vector of numbers: returned as doubles, names dropped.  `codes` (the
# municipality codes of the elements, or NULL) name an element in messages.
check_numbers <- function(x, name, expected = "a numeric vector", na = FALSE, min = -Inf,
                          whole = FALSE, codes = NULL, status_range = OPV_ERANGE,
                          status_whole = OPV_EINVAL) {
  x <- na_as_numbers(x)
  if (!is_plain_numeric(x)) {
    refuse_kind(x, name, expected)
  }
  x <- as.double(unname(x))
  bad <- first_bad_number(x, na, min, whole, status_range, status_whole)
  if (!is.null(bad)) {
    opvang_stop(paste(element_name(name, bad$k, codes), bad$problem), bad$status)
  }
  x
}

# One finite number, not NA.
check_number <- function(x, name) {
  x <- na_as_numbers(x)
  if (!is_plain_numeric(x) || length(x) != 1L) {
    refuse_kind(x, name, "one number")
  }
  x <- as.double(x)
  bad <- first_bad_number(x, FALSE, -Inf, FALSE, OPV_ERANGE, OPV_EINVAL)
  if (!is.null(bad)) {
    opvang_stop(sprintf("'%s' %s", name, bad$problem), bad$status)
  }
  x
}

# Strings: a character vector (or factor, by its labels), no NA.
check_strings <- function(x, name, expected = "a character vector") {
  if (is.factor(x) && is.null(dim(x))) {
    x <- as.character(x)
  }
  if (!is.character(x) || !is.null(dim(x))) {
    refuse_kind(x, name, expected)
  }
  if (anyNA(x)) {
    opvang_stop(sprintf("%s is NA", element_name(name, which(is.na(x))[[1]])), OPV_EINVAL)
  }
  x
}

# One string, not NA: a name, a code, a period or a file name.
check_string <- function(x, name, expected = "one string") {
  if (is.factor(x) && is.null(dim(x))) {
    x <- as.character(x)
  }
  if (!is.character(x) || !is.null(dim(x)) || length(x) != 1L) {
    refuse_kind(x, name, expected)
  }
  if (is.na(x)) {
    opvang_stop(sprintf("'%s' is NA; %s is needed", name, expected), OPV_EINVAL)
  }
  x
}

check_flag <- function(x, name) {
  if (!is.logical(x) || !is.null(dim(x)) || length(x) != 1L) {
    refuse_kind(x, name, "TRUE or FALSE")
  }
  if (is.na(x)) {
    opvang_stop(sprintf("'%s' is NA; TRUE or FALSE is needed", name), OPV_EINVAL)
  }
  x
}

# The names of a vector keyed by municipality code: every element has one.
check_codes <- function(x, name) {
  codes <- names(x)
  if (is.null(codes)) {
    refuse_kind(x, name, "a numeric vector named by municipality code")
  }
  missing <- is.na(codes) | !nzchar(codes)
  if (any(missing)) {
    k <- which(missing)[[1]]
    opvang_stop(sprintf("%s has %s for a name; its names must be municipality codes",
                        element_name(name, k), if (is.na(codes[[k]])) "NA" else "\"\""),
                OPV_EINVAL)
  }
  codes
}

# Whether `x` is given as a file name: one string (or factor).  NA is
# refused here, naming the argument.
is_file_name <- function(x, name) {
  if ((is.character(x) || is.factor(x)) && is.null(dim(x)) && length(x) == 1L) {
    check_string(x, name, "a file name")
    return(TRUE)
  }
  FALSE
}

# "YYYY-MM-DD" from a Date or a string (which the library checks).
date_text <- function(x, name) {
  expected <- "one date (a Date or \"YYYY-MM-DD\")"
  if (inherits(x, "Date") && is.null(dim(x)) && length(x) == 1L) {
    if (is.na(x)) {
      opvang_stop(sprintf("'%s' is NA; %s is needed", name, expected), OPV_EINVAL)
    }
    return(format(x, "%Y-%m-%d"))
  }
  check_string(x, name, expected)
}

# A numeric vector named by municipality code as list(codes, values).
# `na`: NA is allowed (no value); `whole`: whole numbers, refused with the
# library's status for the same cell in a file.
keyed_numbers <- function(x, name, na = FALSE, whole = FALSE) {
  expected <- "a numeric vector named by municipality code"
  x <- na_as_numbers(x)
  if (!is_plain_numeric(x)) {
    refuse_kind(x, name, expected)
  }
  codes <- check_codes(x, name)
  list(codes = codes, values = check_numbers(x, name, expected, na = na, whole = whole,
                                             codes = codes, status_whole = OPV_EPARSE))
}

# A whole number that fits R's (and C's) int.
check_count <- function(x, name) {
  x <- check_number(x, name)
  if (is.na(x) || x != trunc(x) || abs(x) > .Machine$integer.max) {
    opvang_stop(sprintf("'%s' must be a whole number, got %s", name, format(x)), OPV_EINVAL)
  }
  as.integer(x)
}

check_level <- function(by, levels) {
  check_string(by, "by")
  if (!by %in% levels) {
    opvang_stop(sprintf("unknown level '%s' for by (known: %s)", by, paste(levels, collapse = ", ")),
                OPV_ENOTFOUND)
  }
  by
}

# Sets every element of the list `attrs` as an attribute of `x`.
with_attributes <- function(x, attrs) {
  for (name in names(attrs)) {
    attr(x, name) <- attrs[[name]]
  }
  x
}
