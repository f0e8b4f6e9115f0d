# SPDX-License-Identifier: EUPL-1.2

#' Split a whole number in proportion to weights
#'
#' @param weights Non-negative, finite numbers, one per unit: a plain numeric
#'   vector (a matrix, list, factor, logical or complex vector is refused, NA
#'   too).  Names are kept, and name a unit in messages beside its position,
#'   which counts from 1.
#' @param total The whole number to split, from 0 to 2^53.
#' @param method "hamilton" (alias "largest-remainder", "hare"), "jefferson"
#'   ("dhondt", "d'hondt"), "webster" ("sainte-lague", "saint-lague"),
#'   "adams" or "huntington-hill" ("hill"); case does not matter.
#' @param lower,upper `NULL`, or one whole-number bound per unit, from 0 to
#'   2^53 (beyond it a double does not hold every whole number).
#' @param threads Most threads to use, 1 to 256.  Only Hamilton without
#'   bounds uses more than one, from 2^17 units per thread; the result is the
#'   same for any value.
#' @return A numeric vector of whole numbers, one per unit, that adds up to
#'   `total` exactly.  Doubles rather than integers, because R's integers
#'   stop at 2^31 - 1.
#' @export
apportion <- function(weights, total, method = "hamilton", lower = NULL, upper = NULL,
                      threads = 1) {
  # The library's status for a negative, NaN or infinite weight.
  values <- check_numbers(weights, "weights", expected = "a numeric vector of weights", min = 0,
                          codes = names(weights), status_range = OPV_EINVAL)
  total <- check_number(total, "total")
  method <- check_string(method, "method", "one method name")
  threads <- check_number(threads, "threads")
  lower <- as_bounds(lower, "lower", weights)
  upper <- as_bounds(upper, "upper", weights)
  if (!is.null(lower) && !is.null(upper) && length(lower) == length(upper) &&
      any(upper < lower)) {
    k <- which(upper < lower)[[1]]
    opvang_stop(sprintf("%s is %s, below its lower bound %s",
                        element_name("upper", k, names(weights)), number_text(upper[[k]]),
                        number_text(lower[[k]])), OPV_EINVAL)
  }
  seats <- opv_r_apportion(values, total, method, lower, upper, threads)
  names(seats) <- names(weights)
  seats
}

# NULL, or whole numbers from 0 to 2^53 (the library's status for these).
as_bounds <- function(bounds, what, weights) {
  if (is.null(bounds)) {
    return(NULL)
  }
  check_numbers(bounds, what, expected = "NULL or a numeric vector of whole numbers", min = 0,
                whole = TRUE, codes = names(weights), status_range = OPV_EINVAL)
}
