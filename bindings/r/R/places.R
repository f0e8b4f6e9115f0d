# SPDX-License-Identifier: EUPL-1.2

#' Reception places per municipality on a date, against the Spreidingswet task
#'
#' A location is open on `date` when `opens <= date < closes`.  Its places
#' count toward the task when it is of type `azc` or `amv` and is open-ended
#' or runs at least `min_years` years; other types never count.
#' `gap = task - places_counting`; the task is met when the gap is 0 or less.
#'
#' @param locations A CSV file or data.frame with the columns `id`, `code`,
#'   `name`, `type`, `agreed_capacity`, `capacity`, `opens`, `closes` (dates
#'   as Date or "YYYY-MM-DD"; empty or `NA` `closes`: open-ended).
#' @param date The day to look at (a Date or "YYYY-MM-DD").  Required: `NULL`
#'   is an error, since "today" would make the result depend on when it runs.
#' @param tasks `NULL`, or the task per municipality: a CSV file or
#'   data.frame with `code` and `task`, or a numeric vector named by code.
#'   Municipalities left out have task 0.
#' @param total Instead of `tasks`: the national number of places whose
#'   distribution ([distribute()] with `amv` and `ses`) gives the tasks.
#' @param amv,ses As for [distribute()], with `total`.
#' @param by "municipality" or "province".
#' @param min_years The shortest run that counts (a location of exactly five
#'   years counts, one day less does not).
#' @param municipalities `NULL` for the embedded register, or a register CSV.
#' @param shortfalls_only Only the municipalities that have not met their
#'   task, largest gap first.  Needs a task; municipality level.
#' @return A data.frame.  By municipality: `code`, `name`, `province_code`,
#'   `province`, `task`, `places_counting`, `places_total`,
#'   `places_above_agreement`, `gap`, `met` (`task`, `gap` and `met` are `NA`
#'   without a task).  By province: `province_code`, `province` and the sums
#'   over its municipalities `task`, `places_counting`, `places_total`,
#'   `places_above_agreement` and `municipalities_short` (how many have not
#'   met their task).
#' @export
places <- function(locations, date = NULL, tasks = NULL, total = NULL, amv = 0, ses = NULL,
                   by = "municipality", min_years = 5, municipalities = NULL,
                   shortfalls_only = FALSE) {
  if (is.null(date)) {
    opvang_stop("places needs a date (YYYY-MM-DD): the places on which day?", OPV_EINVAL)
  }
  date <- date_text(date, "date")
  by <- check_level(by, c("municipality", "province"))
  min_years <- check_count(min_years, "min_years")
  if (!is.null(tasks) && !is.null(total)) {
    opvang_stop("give either tasks or total (whose distribution gives the tasks), not both",
                OPV_EINVAL)
  }
  with_task <- !is.null(tasks) || !is.null(total)
  if (check_flag(shortfalls_only, "shortfalls_only") && (!with_task || by != "municipality")) {
    opvang_stop("shortfalls_only needs a task (tasks or total) and by = \"municipality\"",
                OPV_EINVAL)
  }
  table <- locations_table(locations)

  task <- NULL
  if (!is.null(total)) {
    run <- run_distribution(total, amv, ses, NULL, "hamilton", "round", municipalities)
    register <- run$register
    columns <- run$columns
    task <- run$result$places
  } else {
    register <- open_register(municipalities)
    columns <- opv_r_register_columns(register)
  }
  handle <- opv_locations(register, table$source, table$text)
  if (!is.null(tasks)) {
    given <- keyed_table(tasks, "tasks", "task")
    task <- opv_r_keyed(register, given$source, given$text, "task", 1L)
  }
  result <- opv_r_places(register, handle, task, date, min_years)

  n <- length(columns$code)
  gap <- if (with_task) result$gap else rep(NA_real_, n)
  if (!with_task) {
    task <- rep(NA_real_, n)
  }
  attrs <- list(date = date, min_years = min_years,
                locations = as.double(opv_swig_locations_count(handle)),
                task_from = if (!is.null(tasks)) "tasks" else if (with_task) "distribution"
                            else NA_character_,
                shortfalls = if (with_task) as.double(length(result$shortfalls)) else NA_real_,
                source = opv_swig_register_source(register),
                reference_date = reference_date(register))

  if (by == "province") {
    out <- opv_r_province_columns(register)[c("province_code", "province")]
    sums <- list(task = task, places_counting = result$places_counting,
                 places_total = result$places_total,
                 places_above_agreement = result$places_above_agreement,
                 municipalities_short = as.double(gap > 0))
    for (name in names(sums)) {
      out[[name]] <- if (with_task || !name %in% c("task", "municipalities_short"))
        opv_r_sum_by_province(register, sums[[name]]) else
        rep(NA_real_, length(out$province_code))
    }
    return(with_attributes(list2DF(out), attrs))
  }
  out <- list2DF(c(columns[c("code", "name", "province_code", "province")], list(
    task = task, places_counting = result$places_counting, places_total = result$places_total,
    places_above_agreement = result$places_above_agreement, gap = gap, met = gap <= 0)))
  if (shortfalls_only) {
    out <- out[result$shortfalls, , drop = FALSE]
    row.names(out) <- NULL
  }
  with_attributes(out, attrs)
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
