# SPDX-License-Identifier: EUPL-1.2

#' @title The Status-Holder Housing Task of a Half-Year
#' @description
#' Each municipality's share of the status holders to house in a half-year
#' (Huisvestingswet 2014, art. 29): \eqn{task = \lceil vg \cdot P_g / P_{NL}
#' \rceil} in exact integer arithmetic, with carry-over of backlogs and
#' advances and swaps between municipalities.
#' @param national the national number \eqn{vg} for the half-year (13,000
#'   for 2025-H2).
#' @param period the half-year, \code{"2025-H2"}.  Its populations are those
#'   of 1 January of the year before.  A factor is read by its label, as R
#'   prints it; \code{NA} is refused.
#' @param municipalities \code{NULL} for the embedded register, or a register
#'   CSV file.
#' @param previous_balance,realised \code{NULL}, a CSV file or data.frame
#'   with the columns \code{code} and \code{balance} (or \code{realised}), or
#'   a numeric vector named by code.  Municipalities left out have 0.
#' @param swaps \code{NULL}, or a CSV file or data.frame with the columns
#'   \code{agreement}, \code{code} and \code{delta}.
#' @param carry_advance whether an advance (a negative previous balance)
#'   carries over.
#' @param population_date \code{NULL} for the embedded register of the
#'   period's own date (1 January of the year before: 2023 for 2024, 2024
#'   for 2025, 2025 for 2026), or another embedded date (a warning follows).
#' @param map_mergers count the codes of merged municipalities in the tables
#'   as their successor.
#' @param realised_log,as_of \code{NULL}, or dated counts of status holders
#'   housed (a CSV file or data.frame: \code{code}, \code{date},
#'   \code{count}, optionally \code{kind}: woning, doorstroomlocatie,
#'   nareis) and the day to count them to: adds \code{realised_to_date},
#'   \code{share_realised}, \code{expected_to_date} (pro rata) and
#'   \code{projected_balance} (at this pace), and the attribute
#'   \code{share_passed}.
#' @param count the kinds that count as realised; counting transit
#'   locations and family reunification is an assumption
#'   (docs/supervision.md).
#' @param merged_population \code{NULL}, or the population Gedeputeerde
#'   Staten set for a merger taking effect in the half-year's year, named by
#'   the successor's code (Huisvestingswet art. 30): in that year the merging
#'   municipalities are one row, whose task rests on it (or on their sum) and
#'   whose balances add up.
#' @details
#' Every municipality rounds up, so the tasks add up to more than
#' \code{national} (2025-H2: 13,164 for 13,000); that is the law.
#' \code{corrected = task + swapped + carried} and
#' \code{balance = corrected - realised} (positive: backlog).
#' @return
#' A data.frame with one row per municipality: \code{code}, \code{name},
#' \code{province_code}, \code{province}, \code{population}, \code{task},
#' \code{swapped} (only with swaps), \code{carried}, \code{corrected},
#' \code{realised} and \code{balance} (\code{NA} without realised counts).
#' Attributes: \code{national}, \code{period}, \code{carry_advance},
#' \code{task_sum}, \code{corrected_sum}, \code{balance_sum},
#' \code{population_total}, \code{warning}, \code{source},
#' \code{reference_date}.  When the register's reference date is not the
#' period's, the numbers come with an R warning.
#' @section Errors:
#' A malformed period (\code{"2025-H3"}), a negative \code{national}, an
#' unknown code or a value that is not a whole number in a table, a negative
#' realised count, a swap agreement that does not add up to zero or takes a
#' task below zero, and a product \eqn{vg \cdot P_g} that overflows 64 bits
#' raise an \code{opvang_error} with the library's message.
#' @examples
#' table <- housing_task(13000, "2025-H2")
#' table[table$name == "Amsterdam", "task"]
#' sum(table$task)
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
    keyed <- list(codes = character(0), values = numeric(0))
    if (!is.null(merged_population)) {
      keyed <- keyed_numbers(merged_population, "merged_population", whole = TRUE)
    }
    register <- opv_swig_register_merged_in(register, as.integer(substr(period, 1, 4)),
                                            keyed$codes, keyed$values)
  }
  columns <- register_columns(register)
  n <- as.double(length(columns$code))
  given <- if (is.null(realised)) 0 else n  # realised counts and balances need realised
  options <- opv_housing_options()
  opv_housing_options_national_set(options, national)
  opv_housing_options_set_period(options, period)
  opv_housing_options_carry_advance_set(options, as.numeric(carry_advance))
  summary <- opv_housing_summary()
  result <- opv_swig_housing_task(n, n, n, n, given, given, summary, register, options,
                                  previous$source, previous$text, housed$source, housed$text,
                                  traded$source, traded$text)
  warning_text <- opv_housing_summary_warning_get(summary)
  names(result)[names(result) == "realised_counts"] <- "realised"
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
    progress <- housing_realisation(register, result$corrected, log$source, log$text, period,
                                    as_of, paste(count, collapse = ","))
    table <- c(table, progress[c("realised_to_date", "share_realised", "expected_to_date",
                                 "projected_balance")])
    share_passed <- progress$share_passed
  }
  table <- with_attributes(list2DF(table), c(list(share_passed = share_passed,
    national = national, period = period, carry_advance = carry_advance,
    task_sum = opv_housing_summary_task_get(summary),
    corrected_sum = opv_housing_summary_corrected_get(summary),
    balance_sum = if (is.null(realised)) NA_real_ else opv_housing_summary_balance_get(summary),
    population_total = opv_housing_summary_population_total_get(summary),
    warning = warning_text), national_balance(result, realised),
    register_attributes(register)))
  if (nzchar(warning_text)) {
    warning(warning_text, call. = FALSE)
  }
  as_opvang_table(table, "housing_task")
}

# The figure the ministry publishes is the sum of the positive balances.
national_balance <- function(result, realised) {
  if (is.null(realised)) {
    return(list(backlog = NA_real_, advance = NA_real_, net_balance = NA_real_))
  }
  sums <- opv_swig_housing_backlog(3, result$balance)$sums
  list(backlog = sums[[1]], advance = sums[[2]], net_balance = sums[[3]])
}

#' @title The Province's Interventieladder, As of a Date
#' @description
#' Places every municipality on the stages of interbestuurlijk toezicht
#' (Gemeentewet art. 124): \code{on_track}, \code{signalling},
#' \code{administrative_talk}, \code{warning}, \code{substitution}, or
#' \code{no_data}, judged on the latest half-year that ended on or before
#' \code{as_of}.
#' @param history a CSV file or data.frame with the columns \code{code},
#'   \code{period} (\code{"2025-H2"}), \code{balance} and optionally
#'   \code{task}.
#' @param as_of the day of the assessment (Date or \code{"YYYY-MM-DD"});
#'   required.
#' @param thresholds the missed half-years for \code{signalling},
#'   \code{administrative_talk}, \code{warning} and \code{substitution}: four
#'   whole numbers, not decreasing, from 1.  A province may step faster:
#'   \code{c(1, 1, 1, 1)} (ECLI:NL:RVS:2018:2647).
#' @param tolerance people (\code{10}), or a share of the half-year's task
#'   (\code{"5\%"}), which needs the \code{task} column.
#' @param warning_term weeks of the term a warning sets, 1 to 520.
#' @param municipalities \code{NULL} for the embedded register, or a register
#'   CSV file.
#' @details
#' A municipality without a balance for the half-year judged is
#' \code{no_data}, never carried forward.  The misses are counted back from
#' the half-year judged; a half-year not missed or without a record ends the
#' count.  A stage begins the day after the half-year that brought the count
#' to its threshold ended; a warning's term ends \code{7 * warning_term - 1}
#' days later.  The defaults (one stage per missed half-year, 13 weeks) are
#' assumptions where no source gives one; docs/supervision.md names the
#' sources.
#' @return
#' A data.frame with one row per municipality: \code{code}, \code{name},
#' \code{stage}, \code{consecutive_misses}, \code{first_missed},
#' \code{entered}, \code{term_ends}, \code{balance} and \code{task}
#' (\code{-1} unknown).  Attributes: \code{as_of}, \code{period},
#' \code{thresholds}, \code{tolerance}, \code{warning_term} and the national
#' figures of the balances judged: \code{backlog} (the sum of the positive
#' balances, as published), \code{advance}, \code{net_balance},
#' \code{no_data}.
#' @section Errors:
#' Thresholds that decrease or start below 1, a negative tolerance or a share
#' outside 0\%..100\%, a share without a task column, a term outside 1..520,
#' an as-of date before the end of the history's first half-year, a
#' malformed period or balance (named with its line), an unknown code and two
#' balances for one municipality and half-year raise an \code{opvang_error}.
#' @examples
#' history <- data.frame(code = c("GM0363", "GM0363"), period = c("2025-H1", "2025-H2"),
#'                       balance = c(12, 30))
#' table <- supervision(history, as_of = "2026-03-01")
#' table[table$code == "GM0363", ]
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
  columns <- register_columns(register)
  result <- ladder_columns(register, table$source, table$text, day, thresholds, tolerance_text,
                           warning_term)
  period <- function(x) ifelse(x == 0, NA_character_,
                               sprintf("%04d-H%d", as.integer(x %/% 10), as.integer(x %% 10)))
  date <- function(x) structure(ifelse(x == 0, NA_real_, x), class = "Date")
  out <- list2DF(list(code = columns$code, name = columns$name, stage = result$stage,
                      consecutive_misses = result$consecutive_misses,
                      first_missed = period(result$first_missed),
                      entered = date(result$entered), term_ends = date(result$term_ends),
                      balance = result$balance, task = result$task))
  national <- result$national
  attrs <- list(as_of = as.Date(day), period = period(national[[5]]),
                thresholds = as.double(thresholds), tolerance = tolerance,
                warning_term = warning_term, backlog = national[[1]], advance = national[[2]],
                net_balance = national[[3]], no_data = national[[4]])
  as_opvang_table(with_attributes(out, attrs), "supervision")
}

# The realisation during the half-year as a list of its columns and share_passed.
housing_realisation <- function(register, corrected, source, text, period, as_of, kinds) {
  n <- as.double(length(corrected))
  options <- opv_realisation_options()
  opv_realisation_options_set_period(options, period)
  opv_realisation_options_set_as_of(options, as_of)
  if (nzchar(kinds)) {
    opv_realisation_options_set_counting_kinds(options, kinds)
  }
  out <- opv_swig_housing_realisation(n, 3 * n, 1, register, corrected, source, text, options)
  c(list(realised_to_date = out$realised),
    table_columns(out$values, c("share_realised", "expected_to_date", "projected_balance")),
    list(share_passed = out$passed))
}

# Every municipality on the ladder as a list of the ladder's columns (stage
# as names, days since 1970-01-01 and periods as year * 10 + half, 0 for
# none) and `national` (backlog, advance, net, no_data, period).
ladder_columns <- function(register, source, text, as_of, thresholds, tolerance, warning_term) {
  if (length(thresholds) != 4L) {
    opvang_stop(sprintf(paste("thresholds must be four numbers (signalling, administrative_talk,",
                              "warning, substitution), got %.0f"), as.double(length(thresholds))),
                OPV_EINVAL)
  }
  # Whole weeks in int's range; the library says which are allowed.
  if (!(warning_term == floor(warning_term) && abs(warning_term) < 1e6)) {
    opvang_stop(sprintf("warning_term must be whole weeks, got %s", sprintf("%g", warning_term)),
                OPV_EINVAL)
  }
  # Clamped into int: the library refuses what decreases or starts below 1.
  limit <- as.integer(pmin(pmax(thresholds, 0), .Machine$integer.max))
  names <- numbered_names(opv_ladder_column_name)
  n <- as.double(opv_register_count(register))
  options <- opv_ladder_options()
  opv_ladder_options_set_as_of(options, as_of)
  opv_ladder_options_set_thresholds(options, limit[[1]], limit[[2]], limit[[3]], limit[[4]])
  opv_ladder_options_set_tolerance(options, tolerance)
  opv_ladder_options_warning_term_weeks_set(options, warning_term)
  out <- opv_swig_ladder(n * length(names),
                         swig_enum("OPV_SWIG_NATIONAL_COUNT", "_opv_swig_national"), register,
                         source, text, options)
  columns <- table_columns(out$ladder, names)
  stages <- unique(columns[[1]])
  columns[[1]] <- vapply(stages, opv_stage_name, "")[match(columns[[1]], stages)]
  c(columns, list(national = out$national))
}
