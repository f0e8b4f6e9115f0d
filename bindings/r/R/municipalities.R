# SPDX-License-Identifier: EUPL-1.2

#' The municipalities of a register
#'
#' @param path `NULL` for a register built into libopvang (CBS population of
#'   all 342 municipalities on `population_date`), or the name of a CSV file
#'   in the register format (see `?municipalities`).  A factor is read by
#'   its label; NA is refused.
#' @param population_date `NULL` for 1 January 2024, or "2023-01-01",
#'   "2024-01-01" or "2025-01-01" (a Date or a string).
#' @return A data.frame with one row per municipality in register order and
#'   the columns `code`, `name`, `province_code`, `province` (character),
#'   `population` (numeric, whole numbers) and, when the register has scores,
#'   `ses` (numeric, `NA` where a municipality has none).  The attributes
#'   `source`, `reference_date` and `population_date` (`NA` when unknown)
#'   say where the figures come from.
#' @export
municipalities <- function(path = NULL, population_date = NULL) {
  register <- open_register(path, population_date, name = "path")
  with_attributes(list2DF(opv_r_register_columns(register)), register_attributes(register))
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
  list(source = opv_swig_register_source(register), reference_date = date,
       population_date = date, map_mergers = opv_swig_register_maps_mergers(register) != 0L)
}
