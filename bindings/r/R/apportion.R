# SPDX-License-Identifier: EUPL-1.2

#' Split a whole number in proportion to weights
#'
#' @param weights Non-negative, finite numbers, one per unit.  Names are kept.
#' @param total The whole number to split, from 0 to 2^53.
#' @param method "hamilton" (alias "largest-remainder", "hare"), "jefferson"
#'   ("dhondt", "d'hondt"), "webster" ("sainte-lague", "saint-lague"),
#'   "adams" or "huntington-hill" ("hill"); case does not matter.
#' @param lower,upper `NULL`, or one whole-number bound per unit.
#' @param threads Most threads to use, 1 to 256.  Only Hamilton without
#'   bounds on whole-number weights uses more than one, from 2^17 units per
#'   thread; the result is the same for any value.
#' @return A numeric vector of whole numbers, one per unit, that adds up to
#'   `total` exactly.  Doubles rather than integers, because R's integers
#'   stop at 2^31 - 1.
#' @export
apportion <- function(weights, total, method = "hamilton", lower = NULL, upper = NULL,
                      threads = 1) {
  if (!is.numeric(weights)) {
    stop("'weights' must be a numeric vector", call. = FALSE)
  }
  if (!is.numeric(total) || length(total) != 1L) {
    stop("'total' must be one number", call. = FALSE)
  }
  if (!is.character(method) || length(method) != 1L || is.na(method)) {
    stop("'method' must be one method name", call. = FALSE)
  }
  if (!is.numeric(threads) || length(threads) != 1L) {
    stop("'threads' must be one number", call. = FALSE)
  }
  seats <- opv_r_apportion(as.double(weights), as.double(total), method,
                           as_bounds(lower, "lower"), as_bounds(upper, "upper"),
                           as.double(threads))
  names(seats) <- names(weights)
  seats
}

as_bounds <- function(bounds, what) {
  if (is.null(bounds)) {
    return(NULL)
  }
  if (!is.numeric(bounds)) {
    stop(sprintf("'%s' must be NULL or a numeric vector", what), call. = FALSE)
  }
  as.double(bounds)
}
