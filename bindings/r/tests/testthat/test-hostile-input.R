# SPDX-License-Identifier: EUPL-1.2
# Hostile input through R: for every exported function, values R can hold
# but the library cannot take.  Each case asserts an "opvang_error", its
# status, and that the message names the argument, the position counted
# from 1 as R counts ("element 3" for the third), the municipality code where
# the element has one, and "NA" for R's NA (which is a NaN in C).

# `expr` raises an opvang_error with `status` whose message holds every one
# of `needles` (fixed strings).
expect_refusal <- function(expr, status, ...) {
  needles <- c(...)
  error <- tryCatch({
    expr
    NULL
  }, opvang_error = function(e) e)
  label <- paste(deparse(substitute(expr)), collapse = " ")
  expect_s3_class(error, "opvang_error")
  if (is.null(error)) {
    return(invisible(NULL))
  }
  message <- conditionMessage(error)
  expect_identical(error$status, status, label = paste(label, "status:", message))
  for (needle in needles) {
    expect_true(grepl(needle, message, fixed = TRUE),
                label = sprintf("%s: '%s' in \"%s\"", label, needle, message))
  }
  invisible(message)
}

# Three municipalities of the embedded register.
codes <- c("GM0014", "GM0088", "GM0363")
named <- function(values) stats::setNames(values, codes)

big <- 2^53 + 2  # a whole number a double holds, but not every one near it

scenario <- list(start = "2026-03-30", weeks = 4,
                 initial = list(in_procedure = 1, status_holders = 0, other = 0),
                 inflow_per_week = 1, decision_rate = 0, grant_rate = 0,
                 housing_per_week = 0, departure_rate = 0, capacity = list(initial = 5))

locations <- function() {
  data.frame(id = c("L1", "L2", "L3"), code = codes, name = c("a", "b", "c"), type = "azc",
             agreed_capacity = c(10, 20, 30), capacity = c(10, 20, 30), opens = "2026-01-01",
             closes = NA_character_, stringsAsFactors = FALSE)
}
with_cell <- function(table, column, value, row = 3L) {
  table[[column]][[row]] <- value
  table
}
history <- function() {
  data.frame(code = codes, period = "2025-H1", balance = c(1, 2, 3), stringsAsFactors = FALSE)
}
published <- function() {
  data.frame(code = codes, places = c(1, 2, 3), stringsAsFactors = FALSE)
}

# ---- apportion --------------------------------------------------------------

test_that("apportion: NA, NaN, Inf and negative weights are named by position from 1", {
  expect_refusal(apportion(c(1, 2, NA), 4), OPV_EINVAL, "'weights'", "element 3", "is NA")
  expect_refusal(apportion(c(1, 2, NaN), 4), OPV_EINVAL, "'weights'", "element 3", "is NaN")
  expect_refusal(apportion(c(1, 2, Inf), 4), OPV_EINVAL, "'weights'", "element 3", "Inf")
  expect_refusal(apportion(c(1, 2, -Inf), 4), OPV_EINVAL, "'weights'", "element 3", "-Inf")
  expect_refusal(apportion(c(1, 2, -1), 4), OPV_EINVAL, "'weights'", "element 3", "negative")
  expect_refusal(apportion(c(a = 1, b = 2, c = NA), 4), OPV_EINVAL, "element 3 (c)", "NA")
  expect_refusal(apportion(c(1, 2, NA_integer_), 4), OPV_EINVAL, "element 3", "NA")
})

test_that("apportion: weights of a kind that is not a vector of numbers are refused", {
  expect_refusal(apportion(matrix(1:4, 2), 4), OPV_EINVAL, "'weights'", "matrix")
  expect_refusal(apportion(array(1:8, c(2, 2, 2)), 4), OPV_EINVAL, "'weights'", "array")
  expect_refusal(apportion(list(1, 2), 4), OPV_EINVAL, "'weights'", "list")
  expect_refusal(apportion(data.frame(w = 1:2), 4), OPV_EINVAL, "'weights'", "data.frame")
  expect_refusal(apportion(c(1, 2) + 0i, 4), OPV_EINVAL, "'weights'", "complex")
  expect_refusal(apportion(c(TRUE, FALSE), 4), OPV_EINVAL, "'weights'", "logical")
  expect_refusal(apportion(factor(c("5", "3")), 4), OPV_EINVAL, "'weights'", "factor")
  expect_refusal(apportion(c("5", "3"), 4), OPV_EINVAL, "'weights'", "character")
  expect_refusal(apportion(structure(c(1, 2), class = "integer64"), 4), OPV_EINVAL,
                 "'weights'", "integer64")
})

test_that("apportion: bounds are whole numbers from 0 to 2^53, named by position", {
  w <- c(1, 2, 3)
  expect_refusal(apportion(w, 6, lower = c(0, 0, NA)), OPV_EINVAL, "'lower'", "element 3", "NA")
  expect_refusal(apportion(w, 6, upper = c(9, 9, NaN)), OPV_EINVAL, "'upper'", "element 3",
                 "NaN")
  expect_refusal(apportion(w, 6, upper = c(9, 9, big)), OPV_EINVAL, "'upper'", "element 3",
                 "2^53")
  expect_refusal(apportion(w, 6, upper = c(9, 9, Inf)), OPV_EINVAL, "'upper'", "element 3", "Inf")
  expect_refusal(apportion(w, 6, lower = c(0, 0, 0.5)), OPV_EINVAL, "'lower'", "element 3",
                 "whole number")
  expect_refusal(apportion(w, 6, lower = c(0, 0, -1)), OPV_EINVAL, "'lower'", "element 3",
                 "negative")
  expect_refusal(apportion(w, 6, lower = c(0, 0, 2), upper = c(9, 9, 1)), OPV_EINVAL, "'upper'",
                 "element 3", "below its lower bound")
  expect_refusal(apportion(w, 6, upper = matrix(9, 3, 1)), OPV_EINVAL, "'upper'", "matrix")
  expect_refusal(apportion(w, 6, lower = c(FALSE, FALSE, TRUE)), OPV_EINVAL, "'lower'",
                 "logical")
})

test_that("apportion: total, method and threads", {
  expect_refusal(apportion(1:3, NA_real_), OPV_EINVAL, "'total'", "NA")
  expect_refusal(apportion(1:3, NA), OPV_EINVAL, "'total'", "NA")
  expect_refusal(apportion(1:3, NaN), OPV_EINVAL, "'total'", "NaN")
  expect_refusal(apportion(1:3, Inf), OPV_ERANGE, "'total'", "Inf")
  expect_refusal(apportion(1:3, TRUE), OPV_EINVAL, "'total'", "logical")
  expect_refusal(apportion(1:3, matrix(6)), OPV_EINVAL, "'total'", "matrix")
  expect_refusal(apportion(1:3, list(6)), OPV_EINVAL, "'total'", "list")
  expect_refusal(apportion(1:3, 6 + 0i), OPV_EINVAL, "'total'", "complex")
  expect_refusal(apportion(1:3, big), OPV_ERANGE, "total", "2^53")
  expect_refusal(apportion(1:3, 6, NA_character_), OPV_EINVAL, "'method'", "NA")
  expect_refusal(apportion(1:3, 6, threads = NA), OPV_EINVAL, "'threads'", "NA")
})

# ---- distribute and compare_distribution---------------------------------------------------

test_that("distribute: total and amv are one finite number", {
  expect_refusal(distribute(NA), OPV_EINVAL, "'total'", "NA")
  expect_refusal(distribute(NA_real_), OPV_EINVAL, "'total'", "NA")
  expect_refusal(distribute(Inf), OPV_ERANGE, "'total'", "Inf")
  expect_refusal(distribute(TRUE), OPV_EINVAL, "'total'", "logical")
  expect_refusal(distribute(matrix(96000)), OPV_EINVAL, "'total'", "matrix")
  expect_refusal(distribute(list(96000)), OPV_EINVAL, "'total'", "list")
  expect_refusal(distribute(96000 + 0i), OPV_EINVAL, "'total'", "complex")
  expect_refusal(distribute(big), OPV_ERANGE, "total", "2^53")
  expect_refusal(distribute(96000, amv = NA_real_), OPV_EINVAL, "'amv'", "NA")
})

test_that("distribute: SES scores named by code are checked by position and code", {
  expect_refusal(distribute(96000, ses = named(c(0.1, 0.2, NaN))), OPV_EINVAL, "'ses'",
                 "element 3 (GM0363)", "NaN")
  expect_refusal(distribute(96000, ses = named(c(0.1, 0.2, Inf))), OPV_ERANGE, "'ses'",
                 "element 3 (GM0363)", "Inf")
  expect_refusal(distribute(96000, ses = named(c(TRUE, FALSE, TRUE))), OPV_EINVAL, "'ses'",
                 "logical")
  expect_refusal(distribute(96000, ses = matrix(named(c(0.1, 0.2, 0.3)))), OPV_EINVAL, "'ses'",
                 "matrix")
  expect_refusal(distribute(96000, ses = list(GM0014 = 0.1)), OPV_EINVAL, "'ses'", "list")
  expect_refusal(distribute(96000, ses = stats::setNames(c(0.1, 0.2, 0.3), c(codes[1:2], NA))),
                 OPV_EINVAL, "'ses'", "element 3", "NA")
  expect_refusal(distribute(96000, ses = c(0.1, 0.2, 0.3)), OPV_EINVAL, "'ses'",
                 "named by municipality code")
  expect_refusal(distribute(96000, ses = data.frame(code = c(codes[1:2], NA), ses = 0.1)),
                 OPV_EINVAL, "'ses$code'", "element 3", "NA")
  expect_refusal(distribute(96000, ses = data.frame(code = codes, ses = c(0.1, 0.2, NaN))),
                 OPV_EINVAL, "'ses$ses'", "element 3 (GM0363)", "NaN")
  expect_refusal(distribute(96000, ses = NA_character_), OPV_EINVAL, "'ses'", "NA")
})

test_that("distribute: NA for a name, file, date or flag", {
  expect_refusal(distribute(96000, method = NA_character_), OPV_EINVAL, "'method'", "NA")
  expect_refusal(distribute(96000, amv_mode = NA_character_), OPV_EINVAL, "'amv_mode'", "NA")
  expect_refusal(distribute(96000, ses_transform = NA_character_), OPV_EINVAL,
                 "'ses_transform'", "NA")
  expect_refusal(distribute(96000, by = NA_character_), OPV_EINVAL, "'by'", "NA")
  expect_refusal(distribute(96000, municipalities = NA_character_), OPV_EINVAL,
                 "'municipalities'", "NA")
  expect_refusal(distribute(96000, population_date = NA_character_), OPV_EINVAL,
                 "'population_date'", "NA")
  expect_refusal(distribute(96000, population_date = as.Date(NA)), OPV_EINVAL,
                 "'population_date'", "NA")
  expect_refusal(distribute(96000, explain = NA), OPV_EINVAL, "'explain'", "NA")
  expect_refusal(distribute(96000, map_mergers = NA), OPV_EINVAL, "'map_mergers'", "NA")
})

test_that("compare_distribution: the published table", {
  expect_refusal(compare_distribution(with_cell(published(), "places", NA), 96000), OPV_EINVAL,
                 "'published$places'", "element 3 (GM0363)", "NA")
  expect_refusal(compare_distribution(with_cell(published(), "places", NaN), 96000), OPV_EINVAL,
                 "'published$places'", "element 3 (GM0363)", "NaN")
  expect_refusal(compare_distribution(with_cell(published(), "code", NA), 96000), OPV_EINVAL,
                 "'published$code'", "element 3", "NA")
  expect_refusal(compare_distribution(transform(published(), places = c(TRUE, TRUE, FALSE)), 96000),
                 OPV_EINVAL, "'published$places'", "logical")
  expect_refusal(compare_distribution(transform(published(), places = c(1, 2, 3) + 0i), 96000), OPV_EINVAL,
                 "'published$places'", "complex")
  expect_refusal(compare_distribution(list(code = codes, places = 1:3), 96000), OPV_EINVAL, "'published'",
                 "list")
  expect_refusal(compare_distribution(NA_character_, 96000), OPV_EINVAL, "'published'", "NA")
  expect_refusal(compare_distribution(published(), NA), OPV_EINVAL, "'total'", "NA")
})

test_that("compare_distribution: an NA amv is not published, not an error", {
  table <- compare_distribution(transform(published(), amv = c(NA, 0, 1)), 96000)
  expect_identical(table$published_amv, c(NA, 0, 1))
})

# ---- housing_task and supervision ---------------------------------------------------

test_that("housing_task: national and period", {
  expect_refusal(housing_task(NA, "2025-H2"), OPV_EINVAL, "'national'", "NA")
  expect_refusal(housing_task(Inf, "2025-H2"), OPV_ERANGE, "'national'", "Inf")
  expect_refusal(housing_task(TRUE, "2025-H2"), OPV_EINVAL, "'national'", "logical")
  expect_refusal(housing_task(matrix(13000), "2025-H2"), OPV_EINVAL, "'national'", "matrix")
  expect_refusal(housing_task(13000, NA_character_), OPV_EINVAL, "'period'", "NA")
  expect_refusal(housing_task(13000, "2025-H2", carry_advance = NA), OPV_EINVAL,
                 "'carry_advance'", "NA")
})

test_that("housing_task: a factor period is read by its label", {
  expect_identical(housing_task(13000, factor("2025-H2")), housing_task(13000, "2025-H2"))
})

test_that("housing_task: vectors named by code are checked by position and code", {
  expect_refusal(housing_task(13000, "2025-H2", previous_balance = named(c(1, 2, NA))),
                 OPV_EINVAL, "'previous_balance'", "element 3 (GM0363)", "NA")
  expect_refusal(housing_task(13000, "2025-H2", realised = named(c(1, 2, NaN))), OPV_EINVAL,
                 "'realised'", "element 3 (GM0363)", "NaN")
  expect_refusal(housing_task(13000, "2025-H2", realised = named(c(1, 2, big))), OPV_ERANGE,
                 "'realised'", "element 3 (GM0363)", "2^53")
  expect_refusal(housing_task(13000, "2025-H2", realised = named(c(1, 2, Inf))), OPV_ERANGE,
                 "'realised'", "element 3 (GM0363)", "Inf")
  expect_refusal(housing_task(13000, "2025-H2", realised = named(c(1, 2, 2.5))), OPV_EPARSE,
                 "'realised'", "element 3 (GM0363)", "not a whole number")
  expect_refusal(housing_task(13000, "2025-H2", realised = named(c(TRUE, TRUE, FALSE))),
                 OPV_EINVAL, "'realised'", "logical")
  expect_refusal(housing_task(13000, "2025-H2", realised = matrix(named(c(1, 2, 3)))),
                 OPV_EINVAL, "'realised'", "matrix")
  expect_refusal(housing_task(13000, "2025-H2", realised = list(GM0363 = 1)), OPV_EINVAL,
                 "'realised'", "list")
  expect_refusal(housing_task(13000, "2025-H2",
                              realised = stats::setNames(c(1, 2, 3), c(codes[1:2], NA))),
                 OPV_EINVAL, "'realised'", "element 3", "NA")
  expect_refusal(housing_task(13000, "2025-H2", realised = NA_character_), OPV_EINVAL,
                 "'realised'", "NA")
  expect_refusal(housing_task(13000, "2026-H1", merged_population = c(GM1992 = NA)), OPV_EINVAL,
                 "'merged_population'", "element 1 (GM1992)", "NA")
})

test_that("housing_task: tables and dated counts", {
  swaps <- data.frame(agreement = "A", code = codes, delta = c(1, -1, NA))
  expect_refusal(housing_task(13000, "2025-H2", swaps = swaps), OPV_EINVAL, "'swaps$delta'",
                 "element 3 (GM0363)", "NA")
  swaps <- data.frame(agreement = c("A", "A", NA), code = codes, delta = c(1, -1, 0))
  expect_refusal(housing_task(13000, "2025-H2", swaps = swaps), OPV_EINVAL,
                 "'swaps$agreement'", "element 3 (GM0363)", "NA")
  log <- data.frame(code = codes, date = "2026-01-05", count = c(1, 2, NA))
  expect_refusal(housing_task(13000, "2026-H1", realised_log = log, as_of = "2026-02-01"),
                 OPV_EINVAL, "'realised_log$count'", "element 3 (GM0363)", "NA")
  log$count <- c(1, 2, 3)
  expect_refusal(housing_task(13000, "2026-H1", realised_log = log, as_of = NA_character_),
                 OPV_EINVAL, "'as_of'", "NA")
  expect_refusal(housing_task(13000, "2026-H1", realised_log = log, as_of = as.Date(NA)),
                 OPV_EINVAL, "'as_of'", "NA")
  expect_refusal(housing_task(13000, "2026-H1", realised_log = log, as_of = "2026-02-01",
                              count = c("woning", NA)),
                 OPV_EINVAL, "'count'", "element 2", "NA")
})

test_that("supervision: thresholds, tolerance, term and date", {
  as_of <- "2026-03-01"
  expect_refusal(supervision(history(), as_of, thresholds = c(1, 2, NA, 4)), OPV_EINVAL,
                 "'thresholds'", "element 3", "NA")
  expect_refusal(supervision(history(), as_of, thresholds = c(1, 2, NaN, 4)), OPV_EINVAL,
                 "'thresholds'", "element 3", "NaN")
  expect_refusal(supervision(history(), as_of, thresholds = c(1, 2, big, big)), OPV_ERANGE,
                 "'thresholds'", "element 3", "2^53")
  expect_refusal(supervision(history(), as_of, thresholds = c(1, 2, 2.5, 4)), OPV_EINVAL,
                 "'thresholds'", "element 3", "whole number")
  expect_refusal(supervision(history(), as_of, thresholds = c(TRUE, TRUE, TRUE, TRUE)),
                 OPV_EINVAL, "'thresholds'", "logical")
  expect_refusal(supervision(history(), as_of, thresholds = matrix(1:4, 2)), OPV_EINVAL,
                 "'thresholds'", "matrix")
  expect_refusal(supervision(history(), as_of, thresholds = list(1, 2, 3, 4)), OPV_EINVAL,
                 "'thresholds'", "list")
  expect_refusal(supervision(history(), as_of, tolerance = NA), OPV_EINVAL, "'tolerance'", "NA")
  expect_refusal(supervision(history(), as_of, tolerance = NA_character_), OPV_EINVAL,
                 "'tolerance'", "NA")
  expect_refusal(supervision(history(), as_of, warning_term = NA_real_), OPV_EINVAL,
                 "'warning_term'", "NA")
  expect_refusal(supervision(history(), as_of, warning_term = Inf), OPV_ERANGE,
                 "'warning_term'", "Inf")
  expect_refusal(supervision(history(), NA), OPV_EINVAL, "'as_of'", "NA")
  expect_refusal(supervision(history(), as.Date(NA)), OPV_EINVAL, "'as_of'", "NA")
})

test_that("supervision: the history table", {
  as_of <- "2026-03-01"
  expect_refusal(supervision(with_cell(history(), "balance", NA), as_of), OPV_EINVAL,
                 "'history$balance'", "element 3 (GM0363)", "NA")
  expect_refusal(supervision(with_cell(history(), "code", NA), as_of), OPV_EINVAL,
                 "'history$code'", "element 3", "NA")
  expect_refusal(supervision(with_cell(history(), "period", NA), as_of), OPV_EINVAL,
                 "'history$period'", "element 3 (GM0363)", "NA")
  expect_refusal(supervision(as.list(history()), as_of), OPV_EINVAL, "'history'", "list")
  expect_refusal(supervision(NA_character_, as_of), OPV_EINVAL, "'history'", "NA")
})

# ---- municipalities ---------------------------------------------------------------

test_that("municipalities: path and population_date", {
  expect_refusal(municipalities(NA_character_), OPV_EINVAL, "'path'", "NA")
  expect_refusal(municipalities(42), OPV_EINVAL, "'path'", "numeric")
  expect_refusal(municipalities(c("a.csv", "b.csv")), OPV_EINVAL, "'path'", "length 2")
  expect_refusal(municipalities(population_date = NA_character_), OPV_EINVAL,
                 "'population_date'", "NA")
  expect_refusal(municipalities(population_date = as.Date(NA)), OPV_EINVAL,
                 "'population_date'", "NA")
})

# ---- places, capacity, report -------------------------------------------------------

test_that("places: the locations table", {
  day <- "2026-07-01"
  expect_refusal(places(with_cell(locations(), "capacity", NA), date = day), OPV_EINVAL,
                 "'locations$capacity'", "element 3 (GM0363)", "NA")
  expect_refusal(places(with_cell(locations(), "agreed_capacity", NaN), date = day), OPV_EINVAL,
                 "'locations$agreed_capacity'", "element 3 (GM0363)", "NaN")
  expect_refusal(places(with_cell(locations(), "code", NA), date = day), OPV_EINVAL,
                 "'locations$code'", "element 3", "NA")
  expect_refusal(places(with_cell(locations(), "id", NA), date = day), OPV_EINVAL,
                 "'locations$id'", "element 3 (GM0363)", "NA")
  bad <- locations()
  bad$capacity <- c(TRUE, TRUE, TRUE)
  expect_refusal(places(bad, date = day), OPV_EINVAL, "'locations$capacity'", "logical")
  bad$capacity <- list(1, 2, 3)
  expect_refusal(places(bad, date = day), OPV_EINVAL, "'locations$capacity'", "list")
  expect_refusal(places(as.list(locations()), date = day), OPV_EINVAL, "'locations'", "list")
  expect_refusal(places(NA_character_, date = day), OPV_EINVAL, "'locations'", "NA")
})

test_that("places: tasks, total and the other arguments", {
  day <- "2026-07-01"
  expect_refusal(places(locations(), date = NA_character_), OPV_EINVAL, "'date'", "NA")
  expect_refusal(places(locations(), date = as.Date(NA)), OPV_EINVAL, "'date'", "NA")
  expect_refusal(places(locations(), date = day, tasks = named(c(1, 2, NA))), OPV_EINVAL,
                 "'tasks'", "element 3 (GM0363)", "NA")
  expect_refusal(places(locations(), date = day, tasks = named(c(1, 2, big))), OPV_ERANGE,
                 "'tasks'", "element 3 (GM0363)", "2^53")
  expect_refusal(places(locations(), date = day, tasks = named(c(TRUE, TRUE, TRUE))), OPV_EINVAL,
                 "'tasks'", "logical")
  expect_refusal(places(locations(), date = day, tasks = matrix(named(c(1, 2, 3)))), OPV_EINVAL,
                 "'tasks'", "matrix")
  expect_refusal(places(locations(), date = day,
                        tasks = data.frame(code = codes, task = c(1, 2, NA))),
                 OPV_EINVAL, "'tasks$task'", "element 3 (GM0363)", "NA")
  expect_refusal(places(locations(), date = day, total = NA_real_), OPV_EINVAL, "'total'", "NA")
  expect_refusal(places(locations(), date = day, total = 900, ses = named(c(0.1, 0.2, NaN))),
                 OPV_EINVAL, "'ses'", "element 3 (GM0363)", "NaN")
  expect_refusal(places(locations(), date = day, min_years = NA), OPV_EINVAL, "'min_years'",
                 "NA")
  expect_refusal(places(locations(), date = day, existing_min_places = Inf), OPV_ERANGE,
                 "'existing_min_places'", "Inf")
  expect_refusal(places(locations(), date = day, durability = NA_character_), OPV_EINVAL,
                 "'durability'", "NA")
  expect_refusal(places(locations(), date = day, counting_types = c("azc", NA)), OPV_EINVAL,
                 "'counting_types'", "element 2", "NA")
  expect_refusal(places(locations(), date = day, shortfalls_only = NA), OPV_EINVAL,
                 "'shortfalls_only'", "NA")
  expect_refusal(places(locations(), date = day, count_above_agreement = NA), OPV_EINVAL,
                 "'count_above_agreement'", "NA")
  expect_refusal(places(locations(), start = NA_character_, end = "2026-08-01"), OPV_EINVAL,
                 "'start'", "NA")
})

test_that("capacity: dates, breakdown and locations", {
  expect_refusal(capacity(locations(), NA_character_, "2026-03-02"), OPV_EINVAL, "'start'", "NA")
  expect_refusal(capacity(locations(), "2026-01-05", as.Date(NA)), OPV_EINVAL, "'end'", "NA")
  expect_refusal(capacity(locations(), "2026-01-05", "2026-03-02", by = NA_character_),
                 OPV_EINVAL, "'by'", "NA")
  expect_refusal(capacity(with_cell(locations(), "capacity", NA), "2026-01-05", "2026-03-02"),
                 OPV_EINVAL, "'locations$capacity'", "element 3 (GM0363)", "NA")
  expect_refusal(capacity(locations(), "2026-01-05", "2026-03-02", municipalities = NA_character_),
                 OPV_EINVAL, "'municipalities'", "NA")
})

test_that("report: directory, date, tasks and counts", {
  out <- file.path(tempfile("opvang-report-"), "site")
  tasks <- named(c(1, 2, 3))
  expect_refusal(report(NA_character_, locations(), "2026-07-01", tasks = tasks), OPV_EINVAL,
                 "'out'", "NA")
  expect_refusal(report(out, locations(), NA_character_, tasks = tasks), OPV_EINVAL, "'date'",
                 "NA")
  expect_refusal(report(out, locations(), "2026-07-01", tasks = named(c(1, 2, NA))), OPV_EINVAL,
                 "'tasks'", "element 3 (GM0363)", "NA")
  expect_refusal(report(out, locations(), "2026-07-01", tasks = tasks, runs = NA), OPV_EINVAL,
                 "'runs'", "NA")
  expect_refusal(report(out, locations(), "2026-07-01", tasks = tasks, housing_national = NA,
                        housing_period = "2025-H2"), OPV_EINVAL, "'housing_national'", "NA")
  expect_false(file.exists(out))
})

# ---- project and sensitivity ----------------------------------------------------------

test_that("project: runs, seed, threads and the scenario", {
  expect_refusal(project(scenario, runs = NA), OPV_EINVAL, "'runs'", "NA")
  expect_refusal(project(scenario, runs = TRUE), OPV_EINVAL, "'runs'", "logical")
  expect_refusal(project(scenario, seed = NA_real_), OPV_EINVAL, "'seed'", "NA")
  expect_refusal(project(scenario, seed = Inf), OPV_ERANGE, "'seed'", "Inf")
  expect_refusal(project(scenario, seed = big), OPV_ERANGE, "seed", "2^53")
  expect_refusal(project(scenario, threads = matrix(1)), OPV_EINVAL, "'threads'", "matrix")
  expect_refusal(project(NA_character_), OPV_EINVAL, "'scenario'", "NA")
  expect_refusal(project(data.frame(weeks = 4)), OPV_EINVAL, "'scenario'", "data.frame")
  expect_refusal(project(42), OPV_EINVAL, "'scenario'", "numeric")
})

test_that("sensitivity: delta, amounts, date and chart", {
  expect_refusal(sensitivity(scenario, delta = NA), OPV_EINVAL, "'delta'", "NA")
  expect_refusal(sensitivity(scenario, delta = Inf), OPV_ERANGE, "'delta'", "Inf")
  expect_refusal(sensitivity(scenario, absolute = c(housing_per_week = 1, inflow_per_week = 2,
                                                    grant_rate = NA)),
                 OPV_EINVAL, "'absolute'", "element 3 (grant_rate)", "NA")
  expect_refusal(sensitivity(scenario, absolute = stats::setNames(c(1, 2, 3),
                                                                  c("a", "b", NA))),
                 OPV_EINVAL, "'absolute'", "element 3", "NA")
  expect_refusal(sensitivity(scenario, absolute = c(housing_per_week = TRUE)), OPV_EINVAL,
                 "'absolute'", "logical")
  expect_refusal(sensitivity(scenario, date = NA_character_), OPV_EINVAL, "'date'", "NA")
  expect_refusal(sensitivity(scenario, chart = NA_character_), OPV_EINVAL, "'chart'", "NA")
})
