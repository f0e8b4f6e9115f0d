# SPDX-License-Identifier: EUPL-1.2

#' The municipalities of a register
#'
#' @param path `NULL` for the register built into libopvang (CBS population of
#'   all 342 municipalities on 1 January 2024), or the name of a CSV file in
#'   the register format (see `?municipalities`).
#' @return A data.frame with one row per municipality in register order and
#'   the columns `code`, `name`, `province_code`, `province` (character),
#'   `population` (numeric, whole numbers) and, when the register has scores,
#'   `ses` (numeric, `NA` where a municipality has none).  The attributes
#'   `source` and `reference_date` (`NA` when unknown) say where the figures
#'   come from.
#' @export
municipalities <- function(path = NULL) {
  register <- open_register(path)
  table <- list2DF(opv_r_register_columns(register))
  attr(table, "source") <- opv_swig_register_source(register)
  date <- opv_swig_register_reference_date(register)
  attr(table, "reference_date") <- if (nzchar(date)) date else NA_character_
  table
}

# The SWIG constructor reads the embedded register for "" and a CSV file
# otherwise; its finalizer frees the register when R collects it.
open_register <- function(path) {
  if (is.null(path)) {
    return(opv_register(""))
  }
  if (!is.character(path) || length(path) != 1L || is.na(path) || !nzchar(path)) {
    stop("'path' must be NULL or one file name", call. = FALSE)
  }
  opv_register(path.expand(path))
}
