# SPDX-License-Identifier: EUPL-1.2
# Argument checks and the package's own errors.  A wrong type of argument is
# a plain R error; a wrong value that the library would also refuse is an
# "opvang_error" with the library's status code, like the library's own.

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

check_number <- function(x, name) {
  if (!is.numeric(x) || length(x) != 1L) {
    stop(sprintf("'%s' must be one number", name), call. = FALSE)
  }
  as.double(x)
}

check_string <- function(x, name) {
  if (!is.character(x) || length(x) != 1L || is.na(x)) {
    stop(sprintf("'%s' must be one string", name), call. = FALSE)
  }
  x
}

check_flag <- function(x, name) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    stop(sprintf("'%s' must be TRUE or FALSE", name), call. = FALSE)
  }
  x
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
