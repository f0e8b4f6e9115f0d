# SPDX-License-Identifier: EUPL-1.2

#' Reception occupancy against capacity, week by week
#'
#' A stock-flow model of the people in reception: in procedure, status
#' holders waiting for a house, and others.  Row k holds the stocks at the
#' start of week k, on the start date plus 7k days; row 1 of the data.frame
#' (week 0) is the initial state, and the flows in a row are those of the
#' week that ended there.  `shortage = max(0, occupancy - capacity)`,
#' `planning_shortage = max(0, ceiling(occupancy / target_occupancy) -
#' capacity)`.  The scenario format is in docs/scenario.md.
#'
#' @param scenario A scenario JSON file (a locations file it names is read
#'   relative to the file's directory), or the same document as a list
#'   (written as JSON with jsonlite, 15 significant digits; its locations
#'   file relative to the working directory).
#' @param runs Monte Carlo runs, 1 to 10,000,000; above 1 the percentile
#'   columns are added.
#' @param seed A whole number from 0 to 2^53: the same seed gives the same
#'   numbers on any machine and for any `threads`.
#' @param threads Threads for the runs, 1 to 256; the results do not depend
#'   on it.
#' @param municipalities `NULL` for the embedded register, or the register
#'   CSV that the scenario's locations belong to.
#' @return A data.frame with `weeks + 1` rows: `week`, `date` (Date), then
#'   without noise the stocks `in_procedure`, `status_holders`, `other`,
#'   `occupancy`; `capacity`, `shortage`, `planning_shortage`; the flows
#'   `inflow`, `decided`, `granted`, `housed`, `departed`; capacity by kind
#'   `capacity_regular`, `capacity_emergency`, `capacity_hotel`,
#'   `capacity_unspecified` (adding up to `capacity`) and
#'   `capacity_above_agreement`; the transit places `transit_capacity`,
#'   `in_transit`, `to_transit`, `left_transit`; `housing_due`; and with `runs > 1`
#'   `occupancy_p05`, `occupancy_p50`, `occupancy_p95`, `shortage_p05`,
#'   `shortage_p50`, `shortage_p95` and `p_shortage`.  Attributes: `scenario`,
#'   `start`, `weeks`, `runs`, `seed`, `monte_carlo`, `peak_shortage`,
#'   `peak_week`, `peak_date` and, with `runs > 1`, `peak_shortage_p50` and
#'   `peak_shortage_p95`.
#' @export
project <- function(scenario, runs = 1, seed = 0, threads = 1, municipalities = NULL) {
  runs <- check_number(runs, "runs")
  seed <- check_number(seed, "seed")
  threads <- check_number(threads, "threads")
  document <- scenario_document(scenario)
  register <- open_register(municipalities)
  handle <- opv_scenario(register, document$source, document$text, "")
  result <- opv_r_project(handle, runs, seed, threads)

  columns <- result$projection
  dates <- structure(columns$date, class = "Date")
  rows <- length(dates)
  out <- c(list(week = seq_len(rows) - 1, date = dates),
           columns[setdiff(names(columns), "date")],
           result$monte_carlo)

  # The first week of the largest shortage, as which.max() finds it.
  peak <- which.max(columns$shortage)
  short <- columns$shortage[[peak]] > 0
  # Interpolated between order statistics as quantile()'s default (type 7).
  peaks <- if (is.null(result$peak_shortage)) c(NA_real_, NA_real_) else result$peak_shortage
  attrs <- list(scenario = document$source, start = dates[[1]], weeks = rows - 1, runs = runs,
                seed = seed,
                monte_carlo = as.logical(opv_swig_scenario_has_monte_carlo(handle)),
                peak_shortage = columns$shortage[[peak]],
                peak_week = if (short) peak - 1 else NA_real_,
                peak_date = if (short) dates[[peak]] else structure(NA_real_, class = "Date"),
                peak_shortage_p50 = peaks[[1]], peak_shortage_p95 = peaks[[2]])
  with_attributes(list2DF(out), attrs)
}

# A scenario as list(source, text): a file name and no text, or a list as
# JSON.  Length-one vectors become single values, so a list reads as the
# JSON a person would write.
scenario_document <- function(scenario) {
  if (is_file_name(scenario, "scenario")) {
    return(path_table(as.character(scenario)))
  }
  if (!is.list(scenario) || is.data.frame(scenario)) {
    refuse_kind(scenario, "scenario", "a file name or a list")
  }
  text <- toJSON(scenario, auto_unbox = TRUE, digits = NA, pretty = TRUE)
  list(source = "<list>", text = enc2utf8(as.character(text)))
}

#' Which input of a scenario drives its shortage
#'
#' Moves every numeric input that can change the shortage one at a time down
#' and up and projects each without noise, as `opvang sensitivity` does.
#' Inputs are named by their field in the scenario (docs/scenario.md), such
#' as `housing_per_week`, `housing_task.realisation`,
#' `capacity.changes[1].delta` or `capacity.locations[nood]`.  An input v
#' moves to `v - |v| * delta` and `v + |v| * delta`, or by the amount
#' `absolute` gives for it; whole numbers are rounded half up and rates kept
#' within their ranges.
#'
#' @param scenario As for [project()].
#' @param date `NULL` for the last row, or the day (Date or "YYYY-MM-DD")
#'   whose shortage is compared: the row on or before it.
#' @param delta The share each input moves by, in (0, 10]; 0.1 is 10%.
#' @param absolute `NULL`, or a named numeric vector of inputs that move by
#'   an amount instead.
#' @param chart `NULL`, or a file to write a tornado chart (SVG) to.
#' @param municipalities As for [project()].
#' @return A data.frame, the largest effect first: `input`, `value_low`,
#'   `value`, `value_high` (for an array of weeks the mean, for
#'   `housing_task.national` the sum), `shortage_low`, `shortage`,
#'   `shortage_high` and `effect` (`|shortage_high - shortage_low|`).
#'   Attributes: `scenario`, `date`, `shortage` and `delta`.
#' @export
sensitivity <- function(scenario, date = NULL, delta = 0.1, absolute = NULL, chart = NULL,
                        municipalities = NULL) {
  delta <- check_number(delta, "delta")
  moves <- ""
  if (!is.null(absolute)) {
    expected <- "a numeric vector of amounts named by input"
    inputs <- names(absolute)
    if (!is_plain_numeric(absolute) || is.null(inputs)) {
      refuse_kind(absolute, "absolute", expected)
    }
    unnamed <- is.na(inputs) | !nzchar(inputs) | grepl("[;=]", inputs)
    if (any(unnamed)) {
      k <- which(unnamed)[[1]]
      opvang_stop(sprintf("%s has the name %s, which is not an input of the scenario",
                          element_name("absolute", k),
                          if (is.na(inputs[[k]])) "NA" else sprintf("'%s'", inputs[[k]])),
                  OPV_EINVAL)
    }
    amounts <- check_numbers(absolute, "absolute", expected, codes = inputs)
    moves <- paste0(inputs, "=", sprintf("%.17g", amounts), collapse = ";")
  }
  day <- if (is.null(date)) "" else date_text(date, "date")
  document <- scenario_document(scenario)
  register <- open_register(municipalities)
  handle <- opv_scenario(register, document$source, document$text, "")
  result <- opv_sensitivity(handle, day, delta, moves)
  columns <- opv_r_sensitivity_table(result)
  if (!is.null(chart)) {
    opv_swig_sensitivity_write_svg(result, path.expand(check_string(chart, "chart", "a file name")))
  }
  out <- list2DF(columns[c("input", "value_low", "value", "value_high", "shortage_low",
                           "shortage", "shortage_high")])
  out$effect <- abs(out$shortage_high - out$shortage_low)
  attrs <- list(scenario = document$source,
                date = structure(columns$date, class = "Date"),
                shortage = if (nrow(out)) out$shortage[[1]] else NA_real_, delta = delta)
  with_attributes(out, attrs)
}
