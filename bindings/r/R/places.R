# SPDX-License-Identifier: EUPL-1.2

#' @title Who Has Met the Spreidingswet Task: Places Counted as the Law Counts Them
#' @description
#' Counts the reception places of every municipality on a day as the
#' Spreidingswet counts them and sets them against its task: who has not met
#' the task, by how many places, regular and AMV.
#' @param locations a CSV file or data.frame with the columns \code{id},
#'   \code{code}, \code{name}, \code{type} (\code{azc}, \code{amv},
#'   \code{nood}, \code{spoednood}, \code{crisis}, \code{hotel},
#'   \code{doorstroom}), \code{agreed_capacity}, \code{capacity},
#'   \code{opens} and \code{closes} (a Date or \code{"YYYY-MM-DD"}; empty or
#'   \code{NA} \code{closes}: open-ended).
#' @param date the day to look at.  Required unless \code{start} and
#'   \code{end} are given.
#' @param tasks \code{NULL}, or the task per municipality
#'   (\code{"tasks-file"}): a CSV file or data.frame with \code{code},
#'   \code{task} and optionally \code{task_amv} (the part that must be AMV
#'   places, default 0) and \code{name} (checked against the register), or a
#'   numeric vector named by code.  Municipalities left out have task 0.
#' @param total instead of \code{tasks}: the indicative key of \code{total}
#'   places, of which \code{amv} AMV, as \code{\link{distribute}} computes
#'   it: \code{"key-ses"} with \code{ses}, else \code{"key-population"},
#'   which is not the legal key (attribute \code{warnings} says so).
#' @param amv,ses as for \code{\link{distribute}}, with \code{total}.
#' @param by \code{"municipality"}, \code{"province"} or \code{"nation"}.
#' @param min_years the shortest agreed run that is durable (default 5).
#' @param municipalities \code{NULL} for the embedded register, or a register
#'   CSV file.
#' @param shortfalls_only only the rows that have not met their task,
#'   largest gap first (ties in register order).  Needs a task.
#' @param start,end instead of \code{date}: a series of days, every week
#'   from \code{start} or the 1st of every month, up to \code{end}.
#' @param every \code{"week"} or \code{"month"}.
#' @param durability \code{"agreed-period"} (the whole agreed period, the
#'   Besluit's reading) or \code{"remaining"} (what remains of it from the
#'   day looked at).
#' @param existing_min_places a location opened before
#'   \code{existing_before} (default 2024-02-01, when the law came into
#'   force) counts only with at least this many counting places; 0 switches
#'   the rule off.
#' @param existing_before \code{NULL} or a date.
#' @param population_date \code{NULL} for 1 January 2024, or
#'   \code{"2023-01-01"} or \code{"2025-01-01"}: the embedded register.
#' @param map_mergers count the code of a merged municipality (GM0501
#'   Brielle, now GM1992 Voorne aan Zee) as its successor instead of refusing
#'   it.
#' @param counting_types the types whose durable places count (the law:
#'   \code{"azc"} and \code{"amv"}).
#' @param count_above_agreement count the places in use above the agreement
#'   too (the law counts at most the agreed capacity).
#' @details
#' A location is open on a day when \code{opens <= day < closes}.  It counts
#' when its type is \code{azc} or \code{amv} and it is durable (open-ended,
#' or agreed for at least \code{min_years} years: the Besluit's "duurzame
#' opvangplaatsen").  A counting location adds \code{min(capacity,
#' agreed_capacity)}: places above the administrative agreement never
#' count.  Places of \code{amv} locations count toward the AMV part of the
#' task.  \code{gap = task - places_counting}, \code{gap_amv = task_amv -
#' places_counting_amv}; the task is met when both are 0 or less.  Province
#' and nation rows are sums over their municipalities, so their gap is the
#' net gap.
#' @return
#' A data.frame.  By municipality: \code{code}, \code{name},
#' \code{province_code}, \code{province}, \code{task_source}, \code{task},
#' \code{task_amv}, \code{places_counting}, \code{places_counting_amv},
#' \code{places_total}, \code{places_above_agreement}, \code{gap},
#' \code{gap_amv}, \code{met}.  By province or nation:
#' \code{province_code}, \code{province}, \code{municipalities}, the same
#' from \code{task} to \code{met}, and \code{municipalities_short}.  Without
#' a task the task columns, gaps and \code{met} are \code{NA}.  With
#' \code{start} and \code{end} a leading \code{date} column.  Attributes:
#' \code{date} (or \code{start}, \code{end}, \code{every}),
#' \code{task_source}, \code{task_origin}, \code{min_years},
#' \code{durability}, \code{existing_min_places}, \code{existing_before},
#' \code{locations}, \code{source}, \code{reference_date},
#' \code{population_date}, \code{map_mergers}, \code{notes},
#' \code{warnings}.
#' @section Errors:
#' A missing or impossible date, both \code{tasks} and \code{total}, a
#' locations row with an unknown code (or that of a merged municipality,
#' naming the merger) or type, a bad date, \code{closes} on or before
#' \code{opens}, a negative capacity or an id that occurs twice, and a tasks
#' row with an unknown code, a negative or fractional task or
#' \code{task_amv} above \code{task} (each with its line) raise an
#' \code{opvang_error}.
#' @export
places <- function(locations, date = NULL, tasks = NULL, total = NULL, amv = 0, ses = NULL,
                   by = "municipality", min_years = 5, municipalities = NULL,
                   shortfalls_only = FALSE, start = NULL, end = NULL, every = "week",
                   durability = "agreed-period", existing_min_places = 0,
                   existing_before = NULL, population_date = NULL, map_mergers = FALSE,
                   counting_types = c("azc", "amv"), count_above_agreement = FALSE) {
  series <- !is.null(start) || !is.null(end)
  if (series && !is.null(date)) {
    opvang_stop("give either date or start and end, not both", OPV_EINVAL)
  }
  if (series && (is.null(start) || is.null(end))) {
    opvang_stop("start and end go together", OPV_EINVAL)
  }
  if (!series && is.null(date)) {
    opvang_stop("places needs a date (YYYY-MM-DD): the places on which day?", OPV_EINVAL)
  }
  by <- check_level(by, c("municipality", "province", "nation"))
  check_task_args(tasks, total, amv, ses, existing_min_places, existing_before)
  with_task <- !is.null(tasks) || !is.null(total)
  if (check_flag(shortfalls_only, "shortfalls_only") && !with_task) {
    opvang_stop("shortfalls_only needs a task (tasks or total)", OPV_EINVAL)
  }
  min_years <- check_number(min_years, "min_years")
  existing_min_places <- check_number(existing_min_places, "existing_min_places")
  durability <- check_string(durability, "durability")
  counting_types <- check_strings(counting_types, "counting_types")
  count_above_agreement <- check_flag(count_above_agreement, "count_above_agreement")
  before <- if (is.null(existing_before)) "" else date_text(existing_before, "existing_before")

  rules <- compliance_rules(min_years, durability, existing_min_places, before, counting_types,
                            count_above_agreement)
  register <- open_register(municipalities, population_date, map_mergers)
  table <- locations_table(locations)
  handle <- opv_locations(register, table$source, table$text)
  task_handle <- NULL
  if (!is.null(tasks)) {
    given <- tasks_table(tasks)
    task_handle <- opv_tasks(register, given$source, given$text, "", "", 0, 0)
  } else if (!is.null(total)) {
    scores <- ses_table(ses)
    task_handle <- opv_tasks(register, "", "", scores$source, scores$text,
                             check_number(total, "total"), check_number(amv, "amv"))
  }
  days <- if (series) {
    every <- check_string(every, "every")
    numbers <- date_series(date_text(start, "start"), date_text(end, "end"), every)
    if (length(numbers) == 0L) {
      opvang_stop(sprintf("there is no 1st of a month from %s to %s", date_text(start, "start"),
                          date_text(end, "end")), OPV_EINVAL)
    }
    format(structure(numbers, class = "Date"), "%Y-%m-%d")
  } else {
    date_text(date, "date")
  }
  source <- if (with_task) opv_task_source_name(opv_tasks_source(task_handle)) else NA_character_
  columns <- register_columns(register)
  tables <- list()
  for (day in days) {
    result <- opv_compliance(register, handle, task_handle, with_task, day, rules)
    levels <- compliance_columns(result, by)
    out <- level_table(register, columns, levels, by, with_task, source)
    if (shortfalls_only) {
      out <- out[levels$shortfalls, , drop = FALSE]
      row.names(out) <- NULL
    }
    if (series) {
      out <- cbind(data.frame(date = rep(as.Date(day), nrow(out))), out)
    }
    tables[[length(tables) + 1L]] <- out
    last <- compliance_columns(result, "municipality")
  }
  out <- if (series) do.call(rbind, tables) else tables[[1]]

  attrs <- if (series) list(date = NA_character_, start = date_text(start, "start"),
                            end = date_text(end, "end"), every = every)
           else list(date = days)
  attrs <- c(attrs, list(
    task_source = source,
    task_origin = if (with_task) opv_tasks_origin(task_handle) else NA_character_,
    min_years = min_years, durability = durability, existing_min_places = existing_min_places,
    counting_types = paste(counting_types, collapse = ","),
    count_above_agreement = count_above_agreement,
    existing_before = if (nzchar(before)) before else "2024-02-01",
    locations = as.double(opv_locations_count(handle))), register_attributes(register))
  if (!with_task || source == "tasks-file") {
    attrs$population_date <- NA_character_  # no result here rests on a population
  }
  attrs <- c(attrs, compliance_notes(register, last, attrs, days[[length(days)]], with_task))
  as_opvang_table(with_attributes(out, attrs), "places")
}

#' @title The Letter to Every Municipality as a Static HTML Site
#' @description
#' Writes \code{out/index.html} (the nation: task, counted places, gap, a map
#' of all municipalities coloured by their gap as a share of the task, the
#' provinces and the municipalities that fall short),
#' \code{out/provinces/PVxx.html} for each province and
#' \code{out/municipalities/GMxxxx.html} for each municipality: its task and
#' where it comes from, every location and whether its places count, its gap
#' and what the letter of 26 March 2026 asks it to explain.
#' @param out the directory: it must not exist, be empty or hold an earlier
#'   report, which is replaced only once the new one is complete.  Nothing is
#'   written when an input is refused.
#' @param locations,date,tasks,total,amv,ses,min_years,municipalities,durability,existing_min_places,existing_before,population_date,map_mergers,counting_types,count_above_agreement
#'   as for \code{\link{places}}; a task (\code{tasks} or
#'   \code{total}) is required.
#' @param scenario \code{NULL}, or a scenario (as for \code{\link{project}})
#'   whose shortfall projection the index adds as a chart and a table.
#' @param runs,seed Monte Carlo runs and seed for the band P5-P95, when the
#'   scenario has a monte_carlo section.
#' @param housing_national,housing_period with both, every municipality's
#'   page adds its status-holder housing task of that half-year as
#'   \code{\link{housing_task}} computes it (on the population of 1 January
#'   of the year before, or of \code{municipalities}).
#' @param previous_balance,realised as for \code{\link{housing_task}}, for
#'   the balance.
#' @param history as for \code{\link{supervision}}, for the stage of the
#'   province's supervision.
#' @details
#' Every number is that of \code{\link{places}} for the same inputs, and
#' \code{opvang report} on the command line writes the same pages.  The pages
#' are self-contained (no network, no script), work from \code{file://} and
#' print on A4.
#' @return
#' The path of \code{out/index.html}, invisibly.
#' @export
report <- function(out, locations, date, tasks = NULL, total = NULL, amv = 0, ses = NULL,
                   min_years = 5, municipalities = NULL, durability = "agreed-period",
                   existing_min_places = 0, existing_before = NULL, population_date = NULL,
                   map_mergers = FALSE, counting_types = c("azc", "amv"),
                   count_above_agreement = FALSE, scenario = NULL, runs = 1000, seed = 0,
                   housing_national = NULL, housing_period = NULL, previous_balance = NULL,
                   realised = NULL, history = NULL) {
  out <- check_string(out, "out", "one directory name")
  if (!nzchar(out)) {
    opvang_stop("'out' is empty; one directory name is needed", OPV_EINVAL)
  }
  if (is.null(tasks) && is.null(total)) {
    opvang_stop("the report needs a task: tasks or total", OPV_EINVAL)
  }
  check_task_args(tasks, total, amv, ses, existing_min_places, existing_before)
  counting_types <- check_strings(counting_types, "counting_types")
  register <- open_register(municipalities, population_date, map_mergers)
  table <- locations_table(locations)
  handle <- opv_locations(register, table$source, table$text)
  if (!is.null(tasks)) {
    given <- tasks_table(tasks)
    task_handle <- opv_tasks(register, given$source, given$text, "", "", 0, 0)
    tasks_name <- if (nzchar(given$text)) "<data.frame>" else given$source
  } else {
    scores <- ses_table(ses)
    task_handle <- opv_tasks(register, "", "", scores$source, scores$text,
                             check_number(total, "total"), check_number(amv, "amv"))
    tasks_name <- ""
  }
  if (is.null(housing_national) != is.null(housing_period)) {
    opvang_stop("housing_national and housing_period go together", OPV_EINVAL)
  }
  if (is.null(housing_period) && !(is.null(previous_balance) && is.null(realised) &&
                                   is.null(history))) {
    opvang_stop("previous_balance, realised and history go with housing_national and housing_period",
                OPV_EINVAL)
  }
  previous <- keyed_table(previous_balance, "previous_balance", "balance")
  housed <- keyed_table(realised, "realised", "realised")
  balances <- if (is.null(history)) no_table else
    frame_table(history, "history", c("code", "period", "balance"), integer = "balance")
  scenario_handle <- NULL
  scenario_name <- ""
  if (!is.null(scenario)) {
    document <- scenario_document(scenario)
    scenario_handle <- with_positions_from_one(
      opv_scenario(register, document$source, document$text, ""), document$source)
    scenario_name <- if (nzchar(document$text)) "<list>" else document$source
  }
  out <- path.expand(out)
  rules <- compliance_rules(
    check_number(min_years, "min_years"), check_string(durability, "durability"),
    check_number(existing_min_places, "existing_min_places"),
    if (is.null(existing_before)) "" else date_text(existing_before, "existing_before"),
    counting_types, check_flag(count_above_agreement, "count_above_agreement"))
  opv_swig_report(out, register, handle, task_handle, date_text(date, "date"), rules,
                  if (nzchar(table$text)) "<data.frame>" else table$source, tasks_name,
                  scenario_handle, scenario_name, check_number(runs, "runs"),
                  check_number(seed, "seed"),
                  housing_options(housing_national, housing_period),
                  !is.null(municipalities), previous$source, previous$text,
                  housed$source, housed$text, balances$source, balances$text)
  invisible(file.path(out, "index.html"))
}

# Refuses what places() and report() take only together, as the command line does.
check_task_args <- function(tasks, total, amv, ses, existing_min_places, existing_before) {
  if (!is.null(tasks) && !is.null(total)) {
    opvang_stop("give either tasks or total (the indicative key), not both", OPV_EINVAL)
  }
  if (is.null(total) && (!is.null(ses) || !identical(amv, 0))) {
    opvang_stop("amv and ses go with total", OPV_EINVAL)
  }
  if (!is.null(existing_before) && identical(as.double(existing_min_places), 0)) {
    opvang_stop("existing_before needs existing_min_places above 0", OPV_EINVAL)
  }
}

# The rows of one level as a data.frame, NA where a column needs a task.
level_table <- function(register, columns, levels, by, with_task, source) {
  places <- c("task", "task_amv", "places_counting", "places_counting_amv", "places_total",
              "places_above_agreement", "gap", "gap_amv", "met")
  n <- length(levels$places_total)
  if (by == "municipality") {
    out <- c(columns[c("code", "name", "province_code", "province")],
             list(task_source = rep(source, n)))
  } else if (by == "province") {
    out <- c(province_columns(register)[c("province_code", "province")],
             list(municipalities = levels$municipalities))
  } else {
    out <- list(province_code = "NL", province = "Nederland",
                municipalities = levels$municipalities)
  }
  wanted <- if (by == "municipality") places else c(places, "municipalities_short")
  for (name in wanted) {
    values <- if (is.null(levels[[name]])) rep(NA_real_, n) else levels[[name]]
    out[[name]] <- if (name == "met") values != 0 else values
  }
  list2DF(out)
}

# One level of a compliance table as a named list of numeric columns, in the
# order of opv_compliance_column (those that need a task only when there is
# one), and `shortfalls`: the R indices of the rows that have not met their
# task, largest gap first (NULL without a task).
compliance_columns <- function(result, level) {
  rows <- as.double(opv_swig_compliance_rows(result, level))
  with_task <- opv_compliance_has_task(result) != 0L
  names <- numbered_names(opv_compliance_column_name)
  out <- list()
  for (k in seq_along(names)) {
    if (with_task || opv_compliance_column_needs_task(k - 1L) == 0L) {
      out[[names[[k]]]] <- opv_swig_compliance_column(rows, result, level, names[[k]])$column_out
    }
  }
  if (with_task) {
    order <- opv_swig_compliance_shortfalls(rows, result, level)
    out$shortfalls <- order$order[seq_len(order$result)] + 1
  }
  out
}

# Weekly capacity as a list: values (a weeks x columns matrix), columns (type
# or province names) and first_day (days since 1970-01-01 of the first week,
# as R's Date counts).
capacity_columns <- function(register, locations, start, end, by) {
  weeks <- as.double(opv_swig_capacity_weeks(start, end))
  ncolumns <- as.double(opv_swig_capacity_columns(register, by))
  values <- opv_swig_capacity(weeks * ncolumns, register, locations, start, end, by)$capacity
  labels <- if (by == "type") {
    vapply(seq_len(ncolumns) - 1L, opv_location_type_name, "")
  } else {
    province_columns(register)$province
  }
  list(values = matrix(values, nrow = weeks, ncol = ncolumns, byrow = TRUE), columns = labels,
       first_day = as.double(opv_swig_date_days(start)))
}

# The notes and warnings the command line prints for the same input.
compliance_notes <- function(register, last, attrs, day, with_task) {
  if (!with_task) {
    return(list(notes = character(), warnings = character()))
  }
  notes <- sprintf("task source: %s (%s)", attrs$task_source, attrs$task_origin)
  if (attrs$task_source != "tasks-file") {
    date <- reference_date(register)
    notes <- c(notes, sprintf("population of %s (%s)", if (is.na(date)) "unknown date" else date,
                              opv_register_source(register)))
  }
  warnings <- if (attrs$task_source == "key-population")
    paste("the task is the key by population alone, not the legal key, which weighs SES-WOA",
          "(give ses, or tasks with the decided tasks)") else character()
  notes <- c(notes, sprintf(paste("on %s %d of %d municipalities have not met their task;",
                                  "together they lack %.0f places, %.0f of them AMV places"),
                            day, sum(last$met == 0), length(last$met), sum(pmax(last$gap, 0)),
                            sum(pmax(last$gap_amv, 0))))
  list(notes = notes, warnings = warnings)
}

# Tasks as a table: a file, a data.frame with code, task and optionally
# task_amv and name, or a numeric vector named by code.
tasks_table <- function(tasks) {
  if (is.data.frame(tasks)) {
    columns <- intersect(c("code", "gemeentecode", "task", "task_amv", "name", "gemeentenaam"),
                         names(tasks))
    if (!("task" %in% columns) || !any(c("code", "gemeentecode") %in% columns)) {
      return(frame_table(tasks, "tasks", c("code", "task")))  # names the missing column
    }
    return(frame_table(tasks, "tasks", columns, integer = intersect(c("task", "task_amv"), columns),
                       optional = "task_amv"))
  }
  keyed_table(tasks, "tasks", "task")
}

# SES-WOA scores as a `code,ses` table: NULL, a file, a data.frame with code
# and ses, or a numeric vector named by code.
ses_table <- function(ses) {
  if (is.null(ses)) {
    return(no_table)
  }
  if (is_plain_numeric(ses)) {
    keyed <- keyed_numbers(ses, "ses", na = TRUE)
    ses <- data.frame(code = keyed$codes, ses = keyed$values, stringsAsFactors = FALSE)
    return(frame_table(ses, "ses", c("code", "ses"), source = "<ses>"))
  }
  frame_table(ses, "ses", c("code", "ses"))
}

#' @title Reception Capacity Week by Week
#' @description
#' The capacity of the locations open on the first day of each week, by
#' location type or by province.
#' @param locations as for \code{\link{places}}.
#' @param start,end dates (a Date or \code{"YYYY-MM-DD"}): week k starts on
#'   \code{start + 7k}, the last on or before \code{end}.
#' @param by \code{NULL} or \code{"type"}: one column per location type
#'   (azc, amv, nood, spoednood, crisis, hotel, doorstroom); or
#'   \code{"province"}: one per province, by name.
#' @param municipalities \code{NULL} for the embedded register, or a register
#'   CSV file.
#' @return
#' A data.frame: \code{week_start} (Date), one column per type or province,
#' and \code{total}.
#' @section Errors:
#' An impossible date, \code{end} before \code{start}, an unknown breakdown
#' and a locations table that cannot be read raise an \code{opvang_error}.
#' @export
capacity <- function(locations, start, end, by = NULL, municipalities = NULL) {
  start <- date_text(start, "start")
  end <- date_text(end, "end")
  by <- if (is.null(by)) "type" else check_string(by, "by")
  table <- locations_table(locations)
  register <- open_register(municipalities)
  handle <- opv_locations(register, table$source, table$text)
  result <- capacity_columns(register, handle, start, end, by)

  weeks <- nrow(result$values)
  out <- list(week_start = structure(result$first_day + 7 * (seq_len(weeks) - 1), class = "Date"))
  for (k in seq_along(result$columns)) {
    out[[result$columns[[k]]]] <- result$values[, k]
  }
  out$total <- rowSums(result$values)
  as_opvang_table(with_attributes(list2DF(out), list(start = start, end = end, by = by)),
                  "capacity")
}

locations_table <- function(locations) {
  frame_table(locations, "locations",
              c("id", "code", "name", "type", "agreed_capacity", "capacity", "opens", "closes"),
              integer = c("agreed_capacity", "capacity"), dates = c("opens", "closes"))
}

# The counting rules as the library's options (opv_compliance_options):
# whole numbers as they are, names and dates read by the library.
compliance_rules <- function(min_years, durability, existing_min_places, existing_before,
                             counting_types, count_above_agreement) {
  rules <- opv_compliance_options()
  opv_compliance_options_min_years_set(rules, min_years)
  opv_compliance_options_set_durability(rules, durability)
  opv_compliance_options_existing_min_places_set(rules, existing_min_places)
  if (nzchar(existing_before)) {
    opv_compliance_options_set_existing_before(rules, existing_before)
  }
  counting <- paste(counting_types, collapse = ",")
  if (nzchar(counting)) {  # none given: the law's types stay
    opv_compliance_options_set_counting_types(rules, counting)
  }
  opv_compliance_options_count_above_agreement_set(rules, as.numeric(count_above_agreement))
  rules
}

# The housing task's options for the report, or NULL for no housing section.
housing_options <- function(national, period) {
  if (is.null(period)) {
    return(NULL)
  }
  options <- opv_housing_options()
  opv_housing_options_national_set(options, check_number(national, "housing_national"))
  opv_housing_options_set_period(options, check_string(period, "housing_period"))
  options
}
