# SPDX-License-Identifier: EUPL-1.2

#' @title Split a Whole Number in Proportion to Weights
#' @description
#' Integer apportionment: seats for each unit in proportion to its weight,
#' adding up to \code{total} exactly.
#' @param weights finite, non-negative numbers, one per unit.  Names are
#'   kept on the result.
#' @param total the whole number to split, from 0 to 2^53.
#' @param method \code{"hamilton"} (largest remainder; also
#'   \code{"largest-remainder"}, \code{"hare"}), \code{"jefferson"}
#'   (D'Hondt; also \code{"dhondt"}, \code{"d'hondt"}), \code{"webster"}
#'   (Sainte-Lague; also \code{"sainte-lague"}, \code{"saint-lague"}),
#'   \code{"adams"} or \code{"huntington-hill"} (also \code{"hill"}).  Case
#'   does not matter.
#' @param lower,upper \code{NULL}, or one whole-number bound per unit.
#' @param threads most threads to use, 1 to 256.  Only an apportionment
#'   without bounds uses more than one, from 2^17 units per
#'   thread; the result is the same for any value.
#' @details
#' Hamilton gives every unit the floor of its quota and the seats left over
#' to the largest remainders.  The divisor methods give the seats one at a
#' time to the highest priority \eqn{w_i / b(s_i)} with
#' \eqn{b(s) = s + 1} (Jefferson), \eqn{s + 1/2} (Webster), \eqn{s} (Adams)
#' and \eqn{\sqrt{s(s+1)}} (Huntington-Hill).  A tie for the last seat goes
#' to the unit that comes first.
#' @return
#' A numeric vector of whole numbers, one per unit, adding up to
#' \code{total}: doubles rather than integers, because R's integers stop at
#' 2^31 - 1.
#' @section Errors:
#' A negative, NA, NaN or infinite weight, all weights zero with a positive
#' total, an unknown method, a total that is not a whole number from 0 to
#' 2^53, a bound that is not a whole number from 0 to 2^53 and bounds that
#' cannot be met raise an error of class \code{opvang_error} with its status
#' code in \code{status}.  A message about one unit names the argument and
#' the unit's position counting from 1, as R does, and its name when the
#' weights have names: \code{'weights' element 3 is NA}.  A matrix, list,
#' data.frame, factor, logical or complex vector for \code{weights},
#' \code{lower} or \code{upper} is refused (status -1, EINVAL) rather than
#' flattened or converted.
#' @examples
#' # European Parliament 2019, Austria: 18 seats.
#' votes <- c(OVP = 1305956, SPO = 903151, FPO = 650114, Greens = 532193, NEOS = 319024)
#' apportion(votes, 18, "dhondt")
#' apportion(c(5, 3, 2), 7)
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
  options <- opv_apportion_options()
  opv_apportion_options_set_method(options, method)
  seats <- opv_swig_apportion(as.double(length(values)), values, total, options, lower, upper,
                              threads)
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
