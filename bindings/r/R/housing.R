# SPDX-License-Identifier: EUPL-1.2

#' The status-holder housing task of a half-year
#'
#' `task = ceil(national * population / national_population)` in exact
#' integer arithmetic (Huisvestingswet 2014, art. 29); every municipality
#' rounds up, so the tasks add up to more than `national`.  Then
#' `corrected = task + swapped + carried` and `balance = corrected - realised`
#' (positive: backlog, negative: advance).
#'
#' @param national The national number for the half-year (13,000 for 2025-H2).
#' @param period The half-year, "2025-H2".  Its populations are those of 1
#'   January of the year before; a register of another date gives a warning.
#'   A factor is read by its label, as R prints it; NA is refused.
#' @param municipalities `NULL` for the embedded register of the period's own
#'   date (1 January 2023 for 2024, 2024 for 2025, 2025 for 2026), or a
#'   register CSV.
#' @param population_date `NULL`, or an embedded register of another date than
#'   the period's own (a warning follows).
#' @param map_mergers Count the codes of merged municipalities in the tables as
#'   their successor instead of refusing them.
#' @param realised_log,as_of `NULL`, or dated counts of status holders housed
#'   (a CSV file or data.frame: `code`, `date`, `count`, optionally `kind`:
#'   woning, doorstroomlocatie, nareis) and the day to count them to: adds
#'   `realised_to_date`, `share_realised`, `expected_to_date` (pro rata) and
#'   `projected_balance` (at this pace), and the attribute `share_passed`.
#' @param count The kinds that count as realised; counting transit locations
#'   and family reunification is an assumption (docs/supervision.md).
#' @param merged_population `NULL`, or the population Gedeputeerde Staten set
#'   for a merger taking effect in the half-year's year, named by the
#'   successor's code (Huisvestingswet art. 30): in that year the merging
#'   municipalities are one row, whose task rests on it (or on their sum).
#' @param previous_balance,realised `NULL`, a CSV file or data.frame with the
#'   columns `code` and `balance` (`realised`), or a numeric vector named by
#'   code.  Municipalities left out have 0.  Realised counts are never
#'   negative.
#' @param swaps `NULL`, or a CSV file or data.frame with the columns
#'   `agreement`, `code` and `delta`; every agreement adds up to 0.
#' @param carry_advance Whether an advance (negative previous balance)
#'   carries over.
#' @return A data.frame, one row per municipality: `code`, `name`,
#'   `province_code`, `province`, `population`, `task`, `swapped` (only with
#'   swaps), `carried`, `corrected`, `realised` and `balance` (`NA` without
#'   realised counts).  Attributes: `national`, `period`, `carry_advance`,
#'   `task_sum`, `corrected_sum`, `balance_sum`, `population_total`,
#'   `warning`, with realised counts the national `backlog` (the sum of the
#'   positive balances, as published), `advance` and `net_balance` (`NA`
#'   without), `source`, `reference_date`, `population_date`, `map_mergers`.  A non-empty warning is also
#'   signalled with [warning()].
#' @export
housing_task <- function(national, period, municipalities = NULL, previous_balance = NULL,
                         realised = NULL, swaps = NULL, carry_advance = TRUE,
                         population_date = NULL, map_mergers = FALSE, realised_log = NULL,
                         as_of = NULL, count = c("woning", "doorstroomlocatie", "nareis"),
                         merged_population = NULL) {
  if (is.null(realised_log) != is.null(as_of)) {
    opvang_stop("'realised_log' and 'as_of' go together: the dated counts and the day to count them to",
                OPV_EINVAL)
  }
  national <- check_number(national, "national")
  period <- check_string(period, "period")
  check_flag(carry_advance, "carry_advance")
  count <- check_strings(count, "count")
  if (!is.null(as_of)) {
    as_of <- date_text(as_of, "as_of")
  }
  previous <- keyed_table(previous_balance, "previous_balance", "balance")
  housed <- keyed_table(realised, "realised", "realised")
  traded <- if (is.null(swaps)) no_table else
    frame_table(swaps, "swaps", c("agreement", "code", "delta"), integer = "delta")

  if (is.null(municipalities) && is.null(population_date)) {
    # Huisvestingswet art. 29: the population of 1 January of the year before.
    population_date <- opv_swig_period_reference_date(period)
  }
  register <- open_register(municipalities, population_date, map_mergers)
  # Huisvestingswet art. 30: in a merger's year its municipalities are one.
  if (grepl("^[0-9]{4}-", period)) {
    merged <- ""
    if (!is.null(merged_population)) {
      keyed <- keyed_numbers(merged_population, "merged_population", whole = TRUE)
      merged <- paste0(keyed$codes, "=", format(keyed$values, scientific = FALSE, trim = TRUE),
                       collapse = ";")
    }
    register <- opv_swig_register_merged_in(register, as.integer(substr(period, 1, 4)), merged)
  }
  columns <- opv_r_register_columns(register)
  result <- opv_r_housing_task(register, national, period, previous$source, previous$text,
                               housed$source, housed$text, traded$source, traded$text,
                               as.integer(carry_advance))
  none <- rep(NA_real_, length(columns$code))
  table <- c(columns[c("code", "name", "province_code", "province", "population")],
             list(task = result$task),
             if (!is.null(swaps)) list(swapped = result$swapped),
             list(carried = result$carried, corrected = result$corrected,
                  realised = if (is.null(realised)) none else result$realised,
                  balance = if (is.null(realised)) none else result$balance))
  share_passed <- NA_real_
  if (!is.null(realised_log)) {
    log_columns <- c("code", "date", "count")
    if (is.data.frame(realised_log) && "kind" %in% names(realised_log)) {
      log_columns <- c(log_columns, "kind")
    }
    log <- frame_table(realised_log, "realised_log", log_columns, integer = "count",
                       dates = "date")
    progress <- opv_r_housing_realisation(register, result$corrected, log$source, log$text, period,
                                          as_of,
                                          paste(count, collapse = ","))
    table <- c(table, progress[c("realised_to_date", "share_realised", "expected_to_date",
                                 "projected_balance")])
    share_passed <- progress$share_passed
  }
  summary <- result$summary
  table <- with_attributes(list2DF(table), c(list(share_passed = share_passed,
    national = national, period = period, carry_advance = carry_advance,
    task_sum = summary[[1]], corrected_sum = summary[[2]],
    balance_sum = if (is.null(realised)) NA_real_ else summary[[3]],
    population_total = summary[[4]], warning = result$warning), national_balance(result, realised),
    register_attributes(register)))
  if (nzchar(result$warning)) {
    warning(result$warning, call. = FALSE)
  }
  table
}

# The figure the ministry publishes is the sum of the positive balances.
national_balance <- function(result, realised) {
  if (is.null(realised)) {
    return(list(backlog = NA_real_, advance = NA_real_, net_balance = NA_real_))
  }
  sums <- opv_r_housing_backlog(result$balance)
  list(backlog = sums[[1]], advance = sums[[2]], net_balance = sums[[3]])
}

#' Where every municipality stands on the province's interventieladder, as of a date
#'
#' The half-year judged is the latest that ended on or before `as_of`; a
#' municipality without a balance for it is "no_data", never carried forward.
#' A half-year is missed when its closing balance exceeds the tolerance; the
#' misses are counted back from the half-year judged, a half-year not missed
#' or without a record ending the count.  A stage begins the day after the
#' half-year that brought the count to its threshold ended.  The defaults
#' (one stage per missed half-year, a warning term of 13 weeks) are
#' assumptions where no source gives one (docs/supervision.md).
#'
#' @param history A CSV file or data.frame with the columns `code`, `period`
#'   ("2025-H2"), `balance` and optionally `task`.
#' @param as_of The day of the assessment (Date or "YYYY-MM-DD"); required.
#' @param thresholds Missed half-years for `signalling`,
#'   `administrative_talk`, `warning` and `substitution`: four whole numbers,
#'   not decreasing, from 1.
#' @param tolerance People (10), or a share of the half-year's task ("5%"),
#'   which needs the `task` column.
#' @param warning_term Weeks of the term a warning sets, 1 to 520.
#' @param municipalities `NULL` for the embedded register, or a register CSV.
#' @return A data.frame, one row per municipality: `code`, `name`, `stage`
#'   ("on_track", "signalling", "administrative_talk", "warning",
#'   "substitution" or "no_data"), `consecutive_misses`, `first_missed`
#'   ("2025-H1" or NA), `entered` and `term_ends` (Date or NA), `balance` and
#'   `task` (-1 unknown).  Attributes: `as_of`, `period` (the half-year
#'   judged), `thresholds`, `tolerance`, `warning_term` and the national
#'   figures of the balances judged: `backlog` (the sum of the positive
#'   balances, as published), `advance`, `net_balance` and `no_data`.
#' @export
supervision <- function(history, as_of, thresholds = c(1, 2, 3, 4), tolerance = 0,
                        warning_term = 13, municipalities = NULL) {
  thresholds <- check_numbers(thresholds, "thresholds", "four whole numbers", whole = TRUE)
  tolerance_text <- if (is.character(tolerance) || is.factor(tolerance))
    check_string(tolerance, "tolerance", "a number of people or a share (\"5%\")") else
    format(check_number(tolerance, "tolerance"), scientific = FALSE)
  warning_term <- check_number(warning_term, "warning_term")
  day <- date_text(as_of, "as_of")
  columns_in <- c("code", "period", "balance")
  if (is.data.frame(history) && "task" %in% names(history)) {
    columns_in <- c(columns_in, "task")
  }
  table <- frame_table(history, "history", columns_in, integer = intersect(c("balance", "task"),
                                                                          columns_in))
  register <- open_register(municipalities)
  columns <- opv_r_register_columns(register)
  result <- opv_r_ladder(register, table$source, table$text, day, as.double(thresholds),
                         tolerance_text, as.double(warning_term))
  period <- function(x) ifelse(x == 0, NA_character_,
                               sprintf("%04d-H%d", as.integer(x %/% 10), as.integer(x %% 10)))
  date <- function(x) structure(ifelse(x == 0, NA_real_, x), class = "Date")
  out <- list2DF(list(code = columns$code, name = columns$name, stage = result$stage,
                      consecutive_misses = result$consecutive_misses,
                      first_missed = period(result$first_missed),
                      entered = date(result$entered), term_ends = date(result$term_ends),
                      balance = result$balance, task = result$task))
  national <- result$national
  with_attributes(out, list(as_of = as.Date(day), period = period(national[[5]]),
                            thresholds = as.double(thresholds), tolerance = tolerance,
                            warning_term = warning_term, backlog = national[[1]],
                            advance = national[[2]], net_balance = national[[3]],
                            no_data = national[[4]]))
}
