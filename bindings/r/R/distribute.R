# SPDX-License-Identifier: EUPL-1.2

#' @title The Spreidingswet Distribution Key
#' @description
#' Splits a national number of reception places over the municipalities in
#' proportion to their weight: the population, times \eqn{1 + S} with the
#' linear SES transform.  The places add up to \code{total} exactly.
#' @param total national number of places, a whole number from 0 to 2^53
#'   (96,000 for 2024-2025).
#' @param amv of which places for unaccompanied minors (AMV), 0 to
#'   \code{total}.
#' @param ses \code{NULL}, or SES-WOA scores that replace the register's: a
#'   CSV file or data.frame with the columns \code{code} and \code{ses}, or a
#'   numeric vector named by code (\code{NA}: no score).
#' @param ses_transform \code{"auto"} (the library's rule: \code{"linear"}
#'   when there are scores, from \code{ses} or from the register, else
#'   \code{"none"}), \code{"none"} or \code{"linear"}; the attribute
#'   \code{ses_transform} says which was applied.
#' @param method \code{"hamilton"}, \code{"jefferson"} (\code{"dhondt"}),
#'   \code{"webster"} (\code{"sainte-lague"}), \code{"adams"} or
#'   \code{"huntington-hill"}; see \code{\link{apportion}}.
#' @param amv_mode \code{"round"}: AMV places are
#'   \eqn{round\_half\_up(N \cdot A / C)}, the published practice, whose sum
#'   may differ from \code{amv}; \code{"apportion"}: largest remainder over
#'   the places, exact sum.
#' @param by \code{"municipality"} or \code{"province"} (sums over its
#'   municipalities).
#' @param municipalities \code{NULL} for the embedded register (CBS, 1
#'   January 2024), or a register CSV file.
#' @param explain add the columns \code{floor}, \code{remainder} and
#'   \code{rank} (and \code{priority} for divisor methods) that show how every
#'   number came about.  Municipality level only.
#' @param population_date \code{NULL} for 1 January 2024, or
#'   \code{"2023-01-01"} or \code{"2025-01-01"}: the embedded register.
#' @param map_mergers count the codes of merged municipalities in
#'   \code{ses} as their successor.
#' @return
#' A data.frame.  By municipality, in register order: \code{code},
#' \code{name}, \code{province_code}, \code{province}, \code{population},
#' \code{ses}, \code{weight}, \code{quota}, \code{places}, \code{amv},
#' \code{regular}.  By province: \code{province_code}, \code{province},
#' \code{municipalities}, \code{population}, \code{places}, \code{amv},
#' \code{regular}.  Attributes: \code{total}, \code{amv},
#' \code{ses_transform}, \code{method}, \code{amv_mode}, \code{amv_sum},
#' \code{amv_residual} (\code{amv_sum - amv}), \code{by_remainder},
#' \code{source} and \code{reference_date}.
#' @section Errors:
#' An unknown method, transform, mode or level, \code{amv} above
#' \code{total}, with the linear transform a municipality without a score or
#' with \eqn{1 + S \le 0}, an unknown code among the scores and an unreadable
#' file raise an error of class \code{opvang_error} with the library's
#' message and its status code in \code{status}.
#' @seealso
#' \code{\link{compare_distribution}}, \code{\link{places}}
#' @examples
#' table <- distribute(96000, amv = 8140)
#' sum(table$places)
#' distribute(96000, amv = 8140, by = "province")
#' @export
distribute <- function(total, amv = 0, ses = NULL, ses_transform = "auto", method = "hamilton",
                       amv_mode = "round", by = "municipality", municipalities = NULL,
                       explain = FALSE, population_date = NULL, map_mergers = FALSE) {
  by <- check_level(by, c("municipality", "province"))
  if (check_flag(explain, "explain") && by != "municipality") {
    opvang_stop("explain explains municipalities; it does not go with by = \"province\"",
                OPV_EINVAL)
  }
  run <- run_distribution(total, amv, ses, ses_transform, method, amv_mode, municipalities,
                          population_date, map_mergers)
  table <- if (by == "municipality") municipality_table(run, explain) else province_table(run)
  as_opvang_table(with_attributes(table, run$attrs), "distribution")
}

#' @title A Published Distribution Beside the Computed One
#' @description
#' Sets a published table of places (and AMV places) per municipality beside
#' the distribution computed with the same options, to audit it.
#' @param published a CSV file or data.frame with a column \code{code} (or
#'   else \code{name}, matched exactly), a column \code{places} and
#'   optionally \code{amv} (empty or \code{NA}: not published).
#' @param total,amv,ses,ses_transform,method,amv_mode,municipalities as
#'   for \code{\link{distribute}}.
#' @return
#' A data.frame with one row per published row, in its order: \code{code},
#' \code{name}, \code{computed}, \code{published}, \code{difference}
#' (computed - published), \code{computed_amv}, \code{published_amv},
#' \code{amv_difference} (\code{NA} where no AMV figure is published).
#' Attributes: \code{rows}, \code{exact} (rows whose places match),
#' \code{largest_difference}, \code{largest_code}, \code{largest_name} (the
#' first of equal largest differences) and those of \code{\link{distribute}}.
#'
#' Formerly \code{compare()}, renamed because it masked
#' \code{testthat::compare()}.
#' @section Errors:
#' As \code{\link{distribute}}, and for a published table that cannot be
#' read, names a municipality twice or one that is not in the register (with
#' its line): an \code{opvang_error}.
#' @export
compare_distribution <- function(published, total, amv = 0, ses = NULL,
                                 ses_transform = "auto", method = "hamilton",
                                 amv_mode = "round", municipalities = NULL) {
  table <- published_table(published)
  run <- run_distribution(total, amv, ses, ses_transform, method, amv_mode, municipalities)
  cmp <- comparison_columns(run$register, run$result$places, run$result$amv, table$source,
                            table$text)
  where <- cmp$municipality
  out <- list2DF(list(
    code = run$columns$code[where], name = run$columns$name[where],
    computed = cmp$computed, published = cmp$published, difference = cmp$difference,
    computed_amv = cmp$computed_amv, published_amv = cmp$published_amv,
    amv_difference = cmp$amv_difference))
  largest <- cmp$largest
  as_opvang_table(with_attributes(out, c(run$attrs, list(
    rows = as.double(length(where)),
    exact = cmp$exact,
    largest_difference = cmp$difference[largest],
    largest_code = run$columns$code[where[largest]],
    largest_name = run$columns$name[where[largest]]))), "comparison")
}

# One call of the library's distribution key, with what the tables need.
run_distribution <- function(total, amv, ses, ses_transform, method, amv_mode, municipalities,
                             population_date = NULL, map_mergers = FALSE) {
  total <- check_number(total, "total")
  amv <- check_number(amv, "amv")
  method <- check_string(method, "method", "one method name")
  amv_mode <- check_string(amv_mode, "amv_mode")
  ses_transform <- check_string(ses_transform, "ses_transform")

  register <- open_register(municipalities, population_date, map_mergers)
  columns <- register_columns(register)
  scores <- ses_scores(register, columns, ses)
  n <- as.double(length(columns$code))
  options <- distribution_options(ses_transform, method, amv_mode)
  summary <- opv_distribution_summary()
  result <- opv_swig_distribute(n, n, n, n, n, n, n, n, n, summary, register, scores, total, amv,
                                options)
  names(result)[names(result) == "floors"] <- "floor"
  method <- opv_method_name(opv_distribution_options_method_get(options))
  list(
    register = register, columns = columns, scores = scores, result = result,
    method = method,
    attrs = c(list(
      total = total, amv = amv,
      ses_transform = opv_ses_transform_name(opv_distribution_summary_ses_transform_get(summary)),
      method = method,
      amv_mode = opv_amv_mode_name(opv_distribution_options_amv_mode_get(options)),
      amv_sum = opv_distribution_summary_amv_get(summary),
      amv_residual = opv_distribution_summary_amv_residual_get(summary),
      by_remainder = opv_distribution_summary_by_remainder_get(summary)),
      register_attributes(register)))
}

# The library's distribution options, the names read by the library.
distribution_options <- function(ses_transform, method, amv_mode) {
  options <- opv_distribution_options()
  opv_distribution_options_set_ses_transform(options, ses_transform)
  opv_distribution_options_set_method(options, method)
  opv_distribution_options_set_amv_mode(options, amv_mode)
  options
}

municipality_table <- function(run, explain) {
  columns <- run$columns
  n <- length(columns$code)
  ses <- if (!is.null(run$scores)) run$scores else if (!is.null(columns$ses)) columns$ses
         else rep(NA_real_, n)
  table <- c(columns[c("code", "name", "province_code", "province", "population")],
             list(ses = ses),
             run$result[c("weight", "quota", "places", "amv", "regular")])
  if (explain) {
    table <- c(table, run$result[c("floor", "remainder", "rank")])
    if (run$method != "hamilton") {
      table <- c(table, run$result["priority"])
    }
  }
  list2DF(table)
}

province_table <- function(run) {
  table <- province_columns(run$register)
  for (name in c("places", "amv", "regular")) {
    table[[name]] <- sum_by_province(run$register, run$result[[name]])
  }
  list2DF(table)
}

# Scores in register order for the library (NA: none), or NULL for the
# register's own.  As with a file, the given scores replace the register's
# and the rest stay.
ses_scores <- function(register, columns, ses) {
  if (is.null(ses)) {
    return(NULL)
  }
  if (is_file_name(ses, "ses")) {
    return(opv_swig_ses_load_csv(as.double(length(columns$code)), register,
                                 path_table(as.character(ses))$source)$scores)
  }
  if (is.data.frame(ses)) {
    missing <- setdiff(c("code", "ses"), names(ses))
    if (length(missing) > 0L) {
      opvang_stop(sprintf("the ses data.frame has no column '%s' (it needs code and ses)",
                          missing[[1]]), OPV_EPARSE)
    }
    codes <- check_strings(ses$code, "ses$code", "a column of municipality codes")
    values <- ses$ses
    if (is.logical(values) && all(is.na(values))) {
      values <- as.double(values)  # a column of NA alone reads as logical
    }
    values <- check_numbers(values, "ses$ses", "a column of numbers", na = TRUE, codes = codes)
  } else if (is_plain_numeric(ses)) {
    keyed <- keyed_numbers(ses, "ses", na = TRUE)
    codes <- keyed$codes
    values <- keyed$values
  } else {
    refuse_kind(ses, "ses",
                "a file name, a data.frame with code and ses, or a numeric vector named by code")
  }
  twice <- duplicated(codes)
  if (any(twice)) {
    opvang_stop(sprintf("municipality code '%s' has two SES scores", codes[twice][[1]]),
                OPV_EDUPLICATE)
  }
  at <- match(codes, columns$code)
  if (anyNA(at)) {
    opvang_stop(sprintf("municipality code '%s' is not in the register", codes[is.na(at)][[1]]),
                OPV_ENOTFOUND)
  }
  scores <- if (is.null(columns$ses)) rep(NA_real_, length(columns$code)) else columns$ses
  scores[at] <- values
  scores
}

# A published table beside computed places and AMV places (amv may be
# NULL): municipality (R index), computed, published, difference, has_amv,
# computed_amv, published_amv, amv_difference (NA where the table has no
# AMV), exact and largest (R index of the row, NA if none).
comparison_columns <- function(register, places, amv, source, text) {
  cmp <- opv_comparison(register, places, amv, source, text)
  rows <- as.double(opv_comparison_count(cmp))
  out <- opv_swig_comparison_columns(rows, 0, rows, rows, rows, rows, rows, rows, rows, cmp)
  out$line <- NULL
  out$municipality <- out$municipality + 1
  out$has_amv <- out$has_amv != 0
  for (name in c("computed_amv_out", "published_amv", "amv_difference")) {
    out[[name]][!out$has_amv] <- NA_real_
  }
  names(out)[names(out) == "computed_amv_out"] <- "computed_amv"
  largest <- opv_swig_comparison_largest(cmp)
  c(out, list(exact = as.double(opv_comparison_exact(cmp)),
              largest = if (largest < 0L) NA_real_ else largest + 1))
}

published_table <- function(published) {
  if (is_file_name(published, "published")) {
    return(path_table(as.character(published)))
  }
  if (!is.data.frame(published)) {
    refuse_kind(published, "published", "a file name or a data.frame")
  }
  key <- intersect(c("code", "name"), names(published))
  if (length(key) == 0L) {
    opvang_stop("the published data.frame has no column 'code' (or 'name')", OPV_EPARSE)
  }
  columns <- c(key[[1]], "places", if ("amv" %in% names(published)) "amv")
  frame_table(published, "published", columns, integer = c("places", "amv"), optional = "amv")
}

reference_date <- function(register) {
  date <- opv_register_reference_date(register)
  if (nzchar(date)) date else NA_character_
}
