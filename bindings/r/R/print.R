# SPDX-License-Identifier: EUPL-1.2
# Printing a result with what it rests on.
#
# Every table the package returns is a data.frame with attributes that say
# what it rests on: the register and its population date, the SES transform,
# the AMV residual, the task's source, the scenario.  print() hides
# attributes, so each table also gets a class of its own,
# c("opvang_<kind>", "opvang_table", "data.frame"): it prints those notes,
# each line starting with "# ", and then the rows as a data.frame.  It stays
# a data.frame for everything else; a part of it is a plain one (subset.R).

# `x` with the class of a table of `kind`.
as_opvang_table <- function(x, kind) {
  class(x) <- c(paste0("opvang_", kind), "opvang_table", "data.frame")
  x
}

#' Print a table of opvang with what it rests on
#'
#' Prints the notes of a result (the register and population date it rests
#' on, the SES transform, the AMV residual, the task's source, the scenario,
#' warnings), one per line after \code{"# "}, and then the rows as
#' \code{print.data.frame} does.  Every function of the package that
#' returns a table returns a data.frame of class
#' \code{c("opvang_<kind>", "opvang_table", "data.frame")}; the notes come
#' from its attributes.  They are about the whole result, so a part of it
#' (rows chosen or columns dropped, as by \code{head} or \code{subset}) or
#' a table bound to others by \code{rbind} is a plain \code{data.frame}
#' that prints no notes: see \code{\link{opvang_table_parts}}.
#' @param x a table returned by a function of the package.
#' @param ... passed on to \code{print.data.frame}.
#' @return \code{x}, invisibly.
#' @examples
#' distribute(96000, amv = 8140, by = "province")
#' @export
print.opvang_table <- function(x, ...) {
  notes <- table_notes(x)
  if (length(notes) > 0L) {
    cat(paste0("# ", notes), sep = "\n")
  }
  print.data.frame(x, ...)
  invisible(x)
}

# The notes of a table, by its kind.
table_notes <- function(x) {
  kind <- sub("^opvang_", "", class(x)[[1]])
  notes <- switch(kind,
                  register = register_notes(x),
                  distribution = distribution_notes(x),
                  comparison = c(comparison_notes(x), distribution_notes(x)),
                  housing_task = housing_task_notes(x),
                  supervision = supervision_notes(x),
                  places = places_notes(x),
                  capacity = capacity_notes(x),
                  projection = projection_notes(x),
                  sensitivity = sensitivity_notes(x),
                  character())
  notes[!is.na(notes)]
}

# An attribute of `x` as text, or NA when it is missing or NA.
note_value <- function(x, name) {
  value <- attr(x, name, exact = TRUE)
  if (is.null(value) || length(value) != 1L || is.na(value)) {
    return(NA_character_)
  }
  if (is.numeric(value)) number_text(value) else format(value)
}

# sprintf() over attributes, or NA when any of them is missing.
note <- function(x, template, ...) {
  values <- vapply(c(...), function(name) note_value(x, name), "")
  if (anyNA(values)) NA_character_ else do.call(sprintf, c(list(template), as.list(values)))
}

register_note <- function(x) {
  date <- note_value(x, "population_date")
  source <- note_value(x, "source")
  if (is.na(source)) {
    return(NA_character_)
  }
  if (is.na(date)) sprintf("register: %s", source)
  else sprintf("population of %s: %s", date, source)
}

register_notes <- function(x) {
  register_note(x)
}

distribution_notes <- function(x) {
  c(note(x, "%s places, of which %s for unaccompanied minors (AMV); method %s", "total", "amv",
         "method"),
    note(x, "SES transform: %s", "ses_transform"),
    note(x, "AMV places (%s): %s given for %s asked, residual %s", "amv_mode", "amv_sum", "amv",
         "amv_residual"),
    register_note(x))
}

comparison_notes <- function(x) {
  c(note(x, "published table: %s rows, %s of them as computed", "rows", "exact"),
    note(x, "largest difference: %s (%s %s)", "largest_difference", "largest_code",
         "largest_name"))
}

housing_task_notes <- function(x) {
  warning_text <- note_value(x, "warning")
  c(note(x, "status-holder housing task %s: %s nationally; the tasks, each rounded up, add up to %s",
         "period", "national", "task_sum"),
    note(x, "national backlog %s (the sum of the positive balances), advance %s, net %s",
         "backlog", "advance", "net_balance"),
    register_note(x),
    if (!is.na(warning_text) && nzchar(warning_text)) paste("warning:", warning_text))
}

supervision_notes <- function(x) {
  c(note(x, "supervision as of %s, judging the half-year %s", "as_of", "period"),
    note(x, "national backlog %s, advance %s, net %s; %s municipalities without a balance",
         "backlog", "advance", "net_balance", "no_data"))
}

places_notes <- function(x) {
  notes <- attr(x, "notes", exact = TRUE)
  warnings <- attr(x, "warnings", exact = TRUE)
  day <- note_value(x, "date")
  c(if (!is.na(day)) paste("places counted on", day)
    else note(x, "places counted from %s to %s, every %s", "start", "end", "every"),
    if (is.character(notes)) notes,
    if (is.character(warnings) && length(warnings) > 0L) paste("warning:", warnings))
}

capacity_notes <- function(x) {
  note(x, "capacity by %s, every week from %s to %s", "by", "start", "end")
}

projection_notes <- function(x) {
  peak <- note_value(x, "peak_week")
  c(note(x, "scenario %s: %s weeks from %s, %s run(s), seed %s", "scenario", "weeks", "start",
         "runs", "seed"),
    if (is.na(peak)) note(x, "no shortage in any week (peak %s)", "peak_shortage")
    else note(x, "peak shortage %s in week %s (%s)", "peak_shortage", "peak_week", "peak_date"),
    note(x, "peak shortage over the runs: median %s, 95th percentile %s", "peak_shortage_p50",
         "peak_shortage_p95"))
}

sensitivity_notes <- function(x) {
  delta <- attr(x, "delta", exact = TRUE)
  c(note(x, "scenario %s: shortage %s on %s with every input as given", "scenario", "shortage",
         "date"),
    if (is.numeric(delta) && length(delta) == 1L)
      sprintf("each input moved down and up by %s%% unless moved by an amount",
              format(100 * delta, digits = 15)))
}
