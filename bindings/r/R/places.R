# SPDX-License-Identifier: EUPL-1.2

#' Who has met the Spreidingswet task on a day: places counted as the law counts them
#'
#' The rules are the library's (`opvang places --help` and docs/counting.md
#' give each with its legal source): a location is open on a day when
#' `opens <= day < closes`; it counts when its type is `azc` or `amv` and it
#' is durable (open-ended, or agreed for at least `min_years` years); a
#' counting location adds `min(capacity, agreed_capacity)`, so places above
#' the administrative agreement never count; places of `amv` locations count
#' toward the AMV part of the task.  `gap = task - places_counting`,
#' `gap_amv = task_amv - places_counting_amv`; the task is met when both are
#' 0 or less.
#'
#' @param locations A CSV file or data.frame with the columns `id`, `code`,
#'   `name`, `type`, `agreed_capacity`, `capacity`, `opens`, `closes` (dates
#'   as Date or "YYYY-MM-DD"; empty or `NA` `closes`: open-ended).
#' @param date The day to look at (a Date or "YYYY-MM-DD").  Required unless
#'   `start` and `end` are given: "today" would make the result depend on when
#'   it runs.
#' @param tasks `NULL`, or the task per municipality ("tasks-file"): a CSV
#'   file or data.frame with `code`, `task` and optionally `task_amv` (the
#'   part that must be AMV places, default 0) and `name` (checked), or a
#'   numeric vector named by code.  Municipalities left out have task 0.
#' @param total Instead of `tasks`: the indicative key of `total` places, of
#'   which `amv` AMV, as [distribute()] computes it: "key-ses" with `ses`,
#'   else "key-population", which is not the legal key (attribute
#'   `warnings` says so).
#' @param amv,ses As for [distribute()], with `total`.
#' @param by "municipality", "province" or "nation".  Province and nation
#'   rows are sums over their municipalities: the gap is the net gap.
#' @param min_years The shortest agreed run that is durable (default 5).
#' @param municipalities `NULL` for the embedded register, or a register CSV.
#' @param shortfalls_only Only the rows that have not met their task, largest
#'   gap first.  Needs a task.
#' @param start,end Instead of `date`: a series of days, every week from
#'   `start` or the 1st of every month (`every = "month"`), up to `end`; the
#'   table gets a leading `date` column.
#' @param every "week" or "month".
#' @param durability "agreed-period" (the whole agreed period, the Besluit's
#'   reading) or "remaining" (what remains of it from the day looked at).
#' @param existing_min_places A location opened before `existing_before`
#'   (default 2024-02-01, when the law came into force) counts only with at
#'   least this many counting places; 0 switches the rule off.
#' @param existing_before `NULL` or a date.
#' @param population_date `NULL` for 1 January 2024, or "2023-01-01",
#'   "2024-01-01" or "2025-01-01": the embedded register (the key depends on
#'   it).
#' @param map_mergers Count the code of a merged municipality (GM0501
#'   Brielle, now GM1992 Voorne aan Zee) as its successor instead of
#'   refusing it.
#' @param counting_types The types whose durable places count (the law: azc
#'   and amv).
#' @param count_above_agreement Count the places in use above the agreement
#'   too (the law counts at most the agreed capacity).
#' @return A data.frame.  By municipality: `code`, `name`, `province_code`,
#'   `province`, `task_source`, `task`, `task_amv`, `places_counting`,
#'   `places_counting_amv`, `places_total`, `places_above_agreement`, `gap`,
#'   `gap_amv` and `met`.  By province or nation: `province_code`,
#'   `province`, `municipalities`, the same from `task` to `met`, and
#'   `municipalities_short`.  Without a task the task columns, gaps and `met`
#'   are `NA`.  Attributes: `date` (or `start`, `end`, `every`),
#'   `task_source`, `task_origin`, `min_years`, `durability`,
#'   `existing_min_places`, `existing_before`, `locations`, the register's
#'   `source`, `reference_date`, `population_date` and `map_mergers`,
#'   `notes` and `warnings`.
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
    numbers <- opv_r_date_series(date_text(start, "start"), date_text(end, "end"), every)
    if (length(numbers) == 0L) {
      opvang_stop(sprintf("there is no 1st of a month from %s to %s", date_text(start, "start"),
                          date_text(end, "end")), OPV_EINVAL)
    }
    format(structure(numbers, class = "Date"), "%Y-%m-%d")
  } else {
    date_text(date, "date")
  }
  source <- if (with_task) opv_swig_tasks_source(task_handle) else NA_character_
  columns <- opv_r_register_columns(register)
  tables <- list()
  for (day in days) {
    result <- opv_compliance(register, handle, task_handle, as.integer(with_task), day, min_years,
                             durability, existing_min_places, before,
                             paste(counting_types, collapse = ","),
                             as.integer(check_flag(count_above_agreement, "count_above_agreement")))
    levels <- opv_r_compliance(result, by)
    out <- level_table(register, columns, levels, by, with_task, source)
    if (shortfalls_only) {
      out <- out[levels$shortfalls, , drop = FALSE]
      row.names(out) <- NULL
    }
    if (series) {
      out <- cbind(data.frame(date = rep(as.Date(day), nrow(out))), out)
    }
    tables[[length(tables) + 1L]] <- out
    last <- opv_r_compliance(result, "municipality")
  }
  out <- if (series) do.call(rbind, tables) else tables[[1]]

  attrs <- if (series) list(date = NA_character_, start = date_text(start, "start"),
                            end = date_text(end, "end"), every = every)
           else list(date = days)
  attrs <- c(attrs, list(
    task_source = source,
    task_origin = if (with_task) opv_swig_tasks_origin(task_handle) else NA_character_,
    min_years = min_years, durability = durability, existing_min_places = existing_min_places,
    counting_types = paste(counting_types, collapse = ","),
    count_above_agreement = count_above_agreement,
    existing_before = if (nzchar(before)) before else "2024-02-01",
    locations = as.double(opv_swig_locations_count(handle))), register_attributes(register))
  if (!with_task || source == "tasks-file") {
    attrs$population_date <- NA_character_  # no result here rests on a population
  }
  attrs <- c(attrs, compliance_notes(register, last, attrs, days[[length(days)]], with_task))
  with_attributes(out, attrs)
}

#' The letter to every municipality as a static HTML site
#'
#' Writes `out/index.html` (the nation: task, counted places, gap, a map of
#' all municipalities coloured by their gap as a share of the task, the
#' provinces and the municipalities that fall short), `out/provinces/PVxx.html`
#' for each province and `out/municipalities/GMxxxx.html` for each
#' municipality: its task and where it comes from, every location and whether
#' its places count, its gap and what the letter of 26 March 2026 asks it to
#' explain.  Every number is that of [places()] for the same inputs, and
#' `opvang report` on the command line writes the same pages.  The pages are
#' self-contained, work from `file://` and print on A4.
#'
#' @param out The directory: it must not exist, be empty or hold an earlier
#'   report, which is replaced only once the new one is complete.  Nothing is
#'   written when an input is refused.
#' @inheritParams places
#' @param scenario `NULL`, or a scenario (as for [project()]) whose shortfall
#'   projection the index adds as a chart and a table.
#' @param runs,seed Monte Carlo runs and seed for the band P5-P95, when the
#'   scenario has a monte_carlo section.
#' @param housing_national,housing_period With both, every municipality's page
#'   adds its status-holder housing task of that half-year as [housing_task()]
#'   computes it.
#' @param previous_balance,realised As for [housing_task()], for the balance.
#' @param history As for [supervision()], for the stage of supervision.
#' @return The path of `out/index.html`, invisibly.
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
    scenario_handle <- opv_scenario(register, document$source, document$text, "")
    scenario_name <- if (nzchar(document$text)) "<list>" else document$source
  }
  out <- path.expand(out)
  opv_swig_report(out, register, handle, task_handle, date_text(date, "date"),
                  check_number(min_years, "min_years"), check_string(durability, "durability"),
                  check_number(existing_min_places, "existing_min_places"),
                  if (is.null(existing_before)) "" else date_text(existing_before, "existing_before"),
                  paste(counting_types, collapse = ","),
                  as.integer(check_flag(count_above_agreement, "count_above_agreement")),
                  if (nzchar(table$text)) "<data.frame>" else table$source, tasks_name,
                  scenario_handle, scenario_name, check_number(runs, "runs"),
                  check_number(seed, "seed"),
                  if (is.null(housing_national)) 0 else check_number(housing_national, "housing_national"),
                  if (is.null(housing_period)) "" else check_string(housing_period, "housing_period"),
                  as.integer(!is.null(municipalities)), previous$source, previous$text,
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
    out <- c(opv_r_province_columns(register)[c("province_code", "province")],
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

# The notes and warnings the command line prints for the same input.
compliance_notes <- function(register, last, attrs, day, with_task) {
  if (!with_task) {
    return(list(notes = character(), warnings = character()))
  }
  notes <- sprintf("task source: %s (%s)", attrs$task_source, attrs$task_origin)
  if (attrs$task_source != "tasks-file") {
    date <- reference_date(register)
    notes <- c(notes, sprintf("population of %s (%s)", if (is.na(date)) "unknown date" else date,
                              opv_swig_register_source(register)))
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

#' Reception capacity week by week
#'
#' @param locations As for [places()].
#' @param start,end Dates (Date or "YYYY-MM-DD"): week k starts on
#'   `start + 7k`, the last on or before `end`.
#' @param by `NULL` or "type" (one column per location type: azc, amv, nood,
#'   spoednood, crisis, hotel, doorstroom), or "province" (one per province,
#'   by name).
#' @param municipalities `NULL` for the embedded register, or a register CSV.
#' @return A data.frame: `week_start` (Date), one column per type or
#'   province, and `total`.
#' @export
capacity <- function(locations, start, end, by = NULL, municipalities = NULL) {
  start <- date_text(start, "start")
  end <- date_text(end, "end")
  by <- if (is.null(by)) "type" else check_string(by, "by")
  table <- locations_table(locations)
  register <- open_register(municipalities)
  handle <- opv_locations(register, table$source, table$text)
  result <- opv_r_capacity(register, handle, start, end, by)

  weeks <- nrow(result$values)
  out <- list(week_start = structure(result$first_day + 7 * (seq_len(weeks) - 1), class = "Date"))
  for (k in seq_along(result$columns)) {
    out[[result$columns[[k]]]] <- result$values[, k]
  }
  out$total <- rowSums(result$values)
  with_attributes(list2DF(out), list(start = start, end = end, by = by))
}

locations_table <- function(locations) {
  frame_table(locations, "locations",
              c("id", "code", "name", "type", "agreed_capacity", "capacity", "opens", "closes"),
              integer = c("agreed_capacity", "capacity"), dates = c("opens", "closes"))
}
