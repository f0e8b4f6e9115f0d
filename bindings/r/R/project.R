# SPDX-License-Identifier: EUPL-1.2

#' @title Reception Occupancy Against Capacity, Week by Week
#' @description
#' The shortfall projection: a weekly stock-flow model of the people in
#' reception (in procedure, status holders waiting for a house, others)
#' against the reception capacity, without noise and optionally over Monte
#' Carlo runs.  Row k holds the stocks at the start of week k, on the start
#' date plus 7k days; week 0 is the initial state, and the flows in a row are
#' those of the week that ended there.
#' \code{shortage = max(0, occupancy - capacity)} and
#' \code{planning_shortage = max(0, ceiling(occupancy / target_occupancy) - capacity)}.
#' The scenario format is documented field by field in docs/scenario.md.
#' @param scenario a scenario JSON file (a locations file it names is read
#'   relative to the file's directory), or the same document as a list,
#'   written as JSON with \code{jsonlite::toJSON(auto_unbox = TRUE, digits =
#'   NA)}: vectors of length one become single values, numbers keep 15
#'   significant digits, Dates become \code{"YYYY-MM-DD"}, and a locations
#'   file is read relative to the working directory.
#' @param runs Monte Carlo runs, 1 to 10,000,000.  With 1 only the projection
#'   without noise; above 1 the percentile columns are added.
#' @param seed a whole number from 0 to 2^53.  Run r draws its noise from a
#'   generator keyed by (seed, r): the same seed gives the same numbers on any
#'   machine and for any number of threads.
#' @param threads threads for the runs, 1 to 256; the results do not depend
#'   on it.
#' @param municipalities \code{NULL} for the embedded register, or the
#'   register CSV file that the scenario's locations belong to.
#' @return
#' A data.frame with \code{weeks + 1} rows: \code{week}, \code{date} (Date),
#' then as whole numbers (doubles), without noise, the stocks
#' \code{in_procedure}, \code{status_holders}, \code{other},
#' \code{occupancy}; \code{capacity}, \code{shortage},
#' \code{planning_shortage}; the flows \code{inflow}, \code{decided},
#' \code{granted}, \code{housed}, \code{departed}; capacity by kind
#' \code{capacity_regular}, \code{capacity_emergency},
#' \code{capacity_hotel}, \code{capacity_unspecified} (adding up to
#' \code{capacity}) and \code{capacity_above_agreement} (the part above
#' locations' agreements); the transit places \code{transit_capacity},
#' \code{in_transit}, \code{to_transit}, \code{left_transit} (not
#' reception); \code{housing_due}; with \code{runs > 1} also \code{occupancy_p05},
#' \code{occupancy_p50}, \code{occupancy_p95}, \code{shortage_p05},
#' \code{shortage_p50}, \code{shortage_p95} (percentiles over the runs,
#' interpolated as \code{quantile()}'s default) and \code{p_shortage} (the
#' fraction of runs short of places that week).
#'
#' Attributes: \code{scenario} (the file name or \code{"<list>"}),
#' \code{start}, \code{weeks}, \code{runs}, \code{seed}, \code{monte_carlo}
#' (whether the scenario has a monte_carlo section; without one every run
#' equals the projection without noise), \code{peak_shortage} with its
#' \code{peak_week} and \code{peak_date} (the first week of the largest
#' shortage; \code{NA} when there is none), and \code{peak_shortage_p50} and
#' \code{peak_shortage_p95}, the median and 95th percentile over the runs of
#' each run's largest shortage (\code{NA} with one run).
#' @section Errors:
#' A scenario that cannot be read or is not valid JSON, an unknown or missing
#' field, a value of the wrong type, a negative count, a rate outside [0, 1],
#' a date that does not exist and an array of the wrong length raise an
#' \code{opvang_error} whose message names the field by its path (such as
#' \code{capacity.changes[1].date}); so do runs, seed and threads out of
#' range.  A position in a path counts from 1, as R's lists do:
#' \code{capacity.changes[1]} is the first change, whether the scenario is
#' a list or a file (the command line and docs/scenario.md count from 0, as
#' JSON does).  NA or NaN in a list is refused (status -1, EINVAL) with
#' the field that holds it: \code{<list>: field 'grant_rate' is NA}.
#' @examples
#' toy <- list(start = "2026-01-05", weeks = 12,
#'             initial = list(in_procedure = 27000, status_holders = 0, other = 0),
#'             inflow_per_week = 500, decision_rate = 0, grant_rate = 0,
#'             housing_per_week = 0, departure_rate = 0,
#'             capacity = list(initial = 30000))
#' project(toy)$occupancy[13]   # 33000
#' @export
project <- function(scenario, runs = 1, seed = 0, threads = 1, municipalities = NULL) {
  runs <- check_number(runs, "runs")
  seed <- check_number(seed, "seed")
  threads <- check_number(threads, "threads")
  document <- scenario_document(scenario)
  register <- open_register(municipalities)
  result <- with_positions_from_one({
    handle <- opv_scenario(register, document$source, document$text, "")
    project_columns(handle, runs, seed, threads)
  }, document$source)

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
                monte_carlo = as.logical(opv_scenario_has_monte_carlo(handle)),
                peak_shortage = columns$shortage[[peak]],
                peak_week = if (short) peak - 1 else NA_real_,
                peak_date = if (short) dates[[peak]] else structure(NA_real_, class = "Date"),
                peak_shortage_p50 = peaks[[1]], peak_shortage_p95 = peaks[[2]])
  as_opvang_table(with_attributes(list2DF(out), attrs), "projection")
}

# The projection of a scenario as a list: projection (a named list of its
# columns, the date as days since 1970-01-01), and with runs > 1
# monte_carlo (a named list of the percentile columns) and peak_shortage
# (the median and 95th percentile of the runs' largest shortages), NULL
# otherwise.  Ctrl-C stops the runs with R's interrupt.
project_columns <- function(scenario, runs, seed, threads) {
  # Runs and threads out of range are invalid arguments, as the library's
  # checks of them; a seed a double cannot hold is a range error.
  whole_count(runs, "runs", OPV_EINVAL)
  whole_count(seed, "seed", OPV_ERANGE)
  whole_count(threads, "threads", OPV_EINVAL)
  opv_swig_check_monte_carlo(runs, threads)
  rows <- as.double(opv_swig_projection_rows(scenario))
  names <- numbered_names(function(k) opv_swig_projection_column_name(0L, k))
  out <- list(projection = table_columns(
    opv_swig_project(rows * length(names), scenario)$projection, names))
  if (runs > 1) {
    names <- numbered_names(function(k) opv_swig_projection_column_name(1L, k))
    runs <- opv_swig_project_monte_carlo(rows * length(names), 2, scenario, runs, seed, threads)
    out$monte_carlo <- table_columns(runs$percentiles, names)
    out$peak_shortage <- runs$peaks
  }
  out
}

whole_count <- function(x, name, status) {
  if (!isTRUE(x >= 0 && x <= 2^53 && x == floor(x))) {
    opvang_stop(sprintf("%s must be a whole number from 0 to 2^53, got %s", name,
                        sprintf("%g", x)), status)
  }
}

# A sensitivity as a list of columns, in the order of `opvang sensitivity`,
# with its date (days since 1970-01-01).
sensitivity_columns <- function(sensitivity) {
  n <- as.double(opv_sensitivity_count(sensitivity))
  names <- c("value_low", "value", "value_high", "shortage_low", "shortage", "shortage_high")
  c(opv_swig_sensitivity_inputs(n, sensitivity),
    table_columns(opv_swig_sensitivity_table(n * length(names), sensitivity)$values, names),
    list(date = as.double(as.Date(opv_swig_sensitivity_date(sensitivity)))))
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
  check_scenario_values(scenario)
  text <- toJSON(scenario, auto_unbox = TRUE, digits = NA, pretty = TRUE)
  list(source = "<list>", text = enc2utf8(as.character(text)))
}

#' @title Which input of a scenario drives its shortage
#' @param scenario as for \code{\link{project}}.
#' @param date \code{NULL} for the last row, or the day (Date or
#'   \code{"YYYY-MM-DD"}) whose shortage is compared: the row on or before it.
#' @param delta the share each input moves by, in (0, 10]; 0.1 is 10\%.
#' @param absolute \code{NULL}, or a named numeric vector of inputs that move
#'   by an amount instead.
#' @param chart \code{NULL}, or a file to write a tornado chart (SVG) to;
#'   its bars are labelled with the inputs as the table names them.
#' @param municipalities as for \code{\link{project}}.
#' @return
#' A data.frame, the largest effect first: \code{input}, \code{value_low},
#' \code{value}, \code{value_high} (for an array of weeks the mean, for
#' \code{housing_task.national} the sum over its half-years, for a location
#' type its places), \code{shortage_low}, \code{shortage},
#' \code{shortage_high} and \code{effect}
#' (\code{|shortage_high - shortage_low|}).  Attributes: \code{scenario},
#' \code{date}, \code{shortage} (every input as given) and \code{delta}.
#' @description
#' Moves every numeric input that can change the shortage one at a time down
#' and up and projects each without noise, as \code{opvang sensitivity}
#' does.  Inputs are named by their field in the scenario
#' (docs/scenario.md), such as \code{housing_per_week},
#' \code{housing_task.realisation}, \code{capacity.changes[1].delta} or
#' \code{capacity.locations[nood]}.  Positions count from 1, as R's lists
#' do: \code{capacity.changes[1].delta} is the delta of the first change,
#' in the table, in \code{absolute} and in messages (docs/scenario.md and
#' the command line count from 0, as JSON does).  An input v moves to
#' \code{v - |v| * delta} and \code{v + |v| * delta}, or by the amount
#' \code{absolute} gives for it; whole numbers are rounded half up and rates
#' kept within their ranges.
#' @examples
#' small <- list(start = "2026-01-05", weeks = 4,
#'               initial = list(in_procedure = 1000, status_holders = 200, other = 0),
#'               inflow_per_week = 100, decision_rate = 0, grant_rate = 0,
#'               housing_per_week = 0, departure_rate = 0,
#'               capacity = list(initial = 1000))
#' sensitivity(small, absolute = c(housing_per_week = 50))
#' @export
sensitivity <- function(scenario, date = NULL, delta = 0.1, absolute = NULL, chart = NULL,
                        municipalities = NULL) {
  delta <- check_number(delta, "delta")
  moves <- character(0)
  amounts <- numeric(0)
  if (!is.null(absolute)) {
    expected <- "a numeric vector of amounts named by input"
    inputs <- names(absolute)
    if (!is_plain_numeric(absolute) || is.null(inputs)) {
      refuse_kind(absolute, "absolute", expected)
    }
    unnamed <- is.na(inputs) | !nzchar(inputs)
    if (any(unnamed)) {
      k <- which(unnamed)[[1]]
      opvang_stop(sprintf("%s has the name %s, which is not an input of the scenario",
                          element_name("absolute", k),
                          if (is.na(inputs[[k]])) "NA" else sprintf("'%s'", inputs[[k]])),
                  OPV_EINVAL)
    }
    amounts <- check_numbers(absolute, "absolute", expected, codes = inputs)
    moves <- input_names_from_one(inputs, "absolute")
  }
  day <- if (is.null(date)) "" else date_text(date, "date")
  document <- scenario_document(scenario)
  register <- open_register(municipalities)
  result <- with_positions_from_one({
    handle <- opv_scenario(register, document$source, document$text, "")
    opv_sensitivity(handle, day, delta, moves, amounts)
  }, document$source)
  columns <- sensitivity_columns(result)
  library_inputs <- columns$input
  columns$input <- shift_positions(columns$input, 1)
  if (!is.null(chart)) {
    chart <- path.expand(check_string(chart, "chart", "a file name"))
    opv_sensitivity_write_svg(result, chart)
    relabel_chart(chart, library_inputs, columns$input)
  }
  out <- list2DF(columns[c("input", "value_low", "value", "value_high", "shortage_low",
                           "shortage", "shortage_high")])
  out$effect <- abs(out$shortage_high - out$shortage_low)
  attrs <- list(scenario = document$source,
                date = structure(columns$date, class = "Date"),
                shortage = if (nrow(out)) out$shortage[[1]] else NA_real_, delta = delta)
  as_opvang_table(with_attributes(out, attrs), "sensitivity")
}
