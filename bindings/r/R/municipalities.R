# SPDX-License-Identifier: EUPL-1.2

#' @title The Municipalities of a Register
#' @description
#' The municipality register as a data frame: the one built into libopvang
#' (CBS population of all 342 municipalities on 1 January 2024, 17,942,942
#' inhabitants), or one read from a CSV file.
#' @param path \code{NULL} for the built-in register, or the name of a CSV
#'   file.  The file is UTF-8 with one header row, RFC 4180 quoting, LF or
#'   CRLF line ends and an optional byte order mark.  Its required columns,
#'   in any order, are \code{code} (or \code{gemeentecode}, \code{GM} and
#'   four digits, unique), \code{name} (\code{gemeentenaam}),
#'   \code{province_code} (\code{provinciecode}, \code{PV} and two digits),
#'   \code{province} (\code{provincienaam}) and \code{population}
#'   (\code{inwoners}, a whole number); an optional column \code{ses} holds a
#'   score.  Other columns are ignored.  A factor is read by its label;
#'   \code{NA} is refused.
#' @param population_date \code{NULL} for 1 January 2024, or
#'   \code{"2023-01-01"} or \code{"2025-01-01"}: the embedded register of
#'   that date.  Not with \code{path}.
#' @return
#' A data frame with one row per municipality, in register order, and the
#' columns \code{code}, \code{name}, \code{province_code}, \code{province}
#' (character, UTF-8), \code{population} (numeric whole numbers: R's integers
#' are 32-bit) and, when some municipality has a score, \code{ses} (numeric,
#' \code{NA} where there is none).  The attributes \code{source} and
#' \code{reference_date} (\code{"YYYY-MM-DD"}, or \code{NA} when unknown) say
#' where the figures come from.
#' @section Errors:
#' A file that cannot be read or is malformed raises an error of class
#' \code{opvang_error} whose message names the file, line and municipality
#' code, and whose \code{status} is the library's negative status code.
#' @examples
#' m <- municipalities()
#' sum(m$population)
#' m[m$code == "GM0363", ]
#' @export
municipalities <- function(path = NULL, population_date = NULL) {
  register <- open_register(path, population_date, name = "path")
  as_opvang_table(with_attributes(list2DF(register_columns(register)),
                                  register_attributes(register)), "register")
}

# The SWIG constructor reads the embedded register of a date (the default
# date for "") when `path` is NULL and a CSV file otherwise, and with
# `map_mergers` counts the codes of merged municipalities as their successor;
# its finalizer frees the register when R collects it.
open_register <- function(path, population_date = NULL, map_mergers = FALSE,
                          name = "municipalities") {
  map_mergers <- as.integer(check_flag(map_mergers, "map_mergers"))
  if (!is.null(population_date)) {
    if (!is.null(path)) {
      opvang_stop("municipalities gives the register, population_date chooses an embedded one; give one of them",
                  OPV_EINVAL)
    }
    population_date <- date_text(population_date, "population_date")
    if (!nzchar(population_date)) {
      opvang_stop("population_date is empty; give a date such as \"2025-01-01\"", OPV_EINVAL)
    }
  }
  if (is.null(path)) {
    return(opv_register("", if (is.null(population_date)) "" else population_date, map_mergers))
  }
  path <- check_string(path, name, "NULL or one file name")
  if (!nzchar(path)) {
    opvang_stop(sprintf("'%s' is empty; NULL or one file name is needed", name), OPV_EINVAL)
  }
  opv_register(path.expand(path), "", map_mergers)
}

# What a result on `register` rests on, as attributes.
register_attributes <- function(register) {
  date <- reference_date(register)
  list(source = opv_register_source(register), reference_date = date,
       population_date = date, map_mergers = opv_register_maps_mergers(register) != 0L)
}
