# SPDX-License-Identifier: EUPL-1.2
# project(): the shortfall projection.  Every expected value is worked out by
# hand in the comments, or from the step of docs/scenario.md written out again.

columns <- c("week", "date", "in_procedure", "status_holders", "other", "occupancy", "capacity",
             "shortage", "planning_shortage", "inflow", "decided", "granted", "housed",
             "departed", "capacity_regular", "capacity_emergency", "capacity_hotel",
             "capacity_unspecified", "capacity_above_agreement", "transit_capacity",
             "in_transit", "to_transit", "left_transit", "housing_due")
monte_carlo_columns <- c("occupancy_p05", "occupancy_p50", "occupancy_p95", "shortage_p05",
                         "shortage_p50", "shortage_p95", "p_shortage")

# 27,000 in procedure, 500 arrivals a week and nothing leaves.  Changes are
# merged in with modifyList(): a nested list changes only the fields it names,
# and NULL removes a field.
toy <- function(...) {
  doc <- list(start = "2026-01-05", weeks = 12,
              initial = list(in_procedure = 27000, status_holders = 0, other = 0),
              inflow_per_week = 500, decision_rate = 0, grant_rate = 0, housing_per_week = 0,
              departure_rate = 0, capacity = list(initial = 30000))
  modifyList(doc, list(...))
}

march_json <- function() {
  path <- normalizePath(file.path(test_path(), "..", "..", "..", "..", "examples", "scenarios",
                                  "march_2026.json"), mustWork = FALSE)
  if (file.exists(path)) path else NULL
}

write_scenario <- function(doc, dir = tempfile("opvang-scenario-")) {
  dir.create(dir, showWarnings = FALSE)
  path <- file.path(dir, "scenario.json")
  writeLines(jsonlite::toJSON(doc, auto_unbox = TRUE, digits = NA), path)
  path
}

test_that("27,000 and 500 a week make 33,000 in row 12", {
  table <- project(toy())
  expect_identical(names(table), columns)
  expect_identical(nrow(table), 13L)
  expect_identical(table$occupancy[[13]], 33000)
  expect_identical(table$in_procedure[[13]], 33000)
  expect_identical(table$date[[13]], as.Date("2026-03-30"))  # 5 January + 84 days
  expect_identical(table$shortage[[13]], 3000)
  expect_identical(table$week, as.double(0:12))
  expect_identical(table$occupancy, 27000 + 500 * (0:12))
  expect_identical(table$inflow, c(0, rep(500, 12)))
  expect_identical(attr(table, "peak_shortage"), 3000)
  expect_identical(attr(table, "peak_week"), 12)
  expect_identical(attr(table, "peak_date"), as.Date("2026-03-30"))
  expect_identical(attr(table, "start"), as.Date("2026-01-05"))
  expect_identical(attr(table, "weeks"), 12)
  expect_false(attr(table, "monte_carlo"))
  expect_true(is.na(attr(table, "peak_shortage_p50")))
})

test_that("87,360 people at 91% need 96,000 places", {
  doc <- toy(weeks = 1, inflow_per_week = 0, target_occupancy = 0.91,
             initial = list(in_procedure = 87360), capacity = list(initial = 90000))
  table <- project(doc)
  expect_identical(table$planning_shortage, c(6000, 6000))
  expect_identical(table$shortage, c(0, 0))
  doc$target_occupancy <- NULL  # 0.91 is the default
  expect_identical(project(doc)$planning_shortage, c(6000, 6000))
})

test_that("the flows of one week by hand", {
  doc <- toy(weeks = 1, inflow_per_week = 7, decision_rate = 0.1, grant_rate = 0.6,
             housing_per_week = 50, departure_rate = 0.5,
             initial = list(in_procedure = 1000, status_holders = 20, other = 3))
  row <- project(doc)[2, ]
  expect_identical(row$decided, 100)   # 0.1 x 1,000
  expect_identical(row$granted, 60)    # 0.6 x 100
  expect_identical(row$housed, 20)     # 50 wanted, 20 waiting
  expect_identical(row$departed, 2)    # 0.5 x 3 = 1.5, half up
  expect_identical(row$in_procedure, 907)   # 1,000 + 7 - 100
  expect_identical(row$status_holders, 60)  # 20 + 60 - 20
  expect_identical(row$other, 41)           # 3 + 40 rejected - 2
  expect_identical(row$occupancy, 1008)     # 1,023 + 7 - 20 - 2
})

test_that("capacity changes on the change date, with dates as Date", {
  doc <- toy(weeks = 4, capacity = list(initial = 30000, changes = list(
    list(date = as.Date("2026-01-12"), delta = 1000),    # a Monday: row 1 itself
    list(date = "2026-01-20", delta = -400))))           # a Tuesday: from 26 January
  expect_identical(project(doc)$capacity, c(30000, 31000, 31000, 30600, 30600))
})

test_that("March 2026: mass balance and the documented step in every week", {
  path <- march_json()
  skip_if(is.null(path), "examples/ is not at hand")
  table <- project(path)
  doc <- jsonlite::fromJSON(path, simplifyVector = FALSE)
  expect_true(all(table[c("in_procedure", "status_holders", "other")] >= 0))
  expect_identical(table$occupancy, table$in_procedure + table$status_holders + table$other)
  expect_identical(diff(table$occupancy), (table$inflow - table$housed - table$departed)[-1])
  expect_identical(table$shortage, pmax(0, table$occupancy - table$capacity))
  # 45,000 + 17,500 + 9,500 = 72,000 people for 67,500 places.
  expect_identical(c(table$occupancy[[1]], table$capacity[[1]], table$shortage[[1]]),
                   c(72000, 67500, 4500))

  # The step written out again: round half up, seasonality by the month of
  # the week's first day, planning need in whole millionths of the target.
  half_up <- function(x) floor(x + 0.5)
  seasonality <- unlist(doc$inflow_seasonality)
  p <- doc$initial$in_procedure
  s <- doc$initial$status_holders
  o <- doc$initial$other
  for (k in seq_len(doc$weeks)) {
    date <- as.Date(doc$start) + 7 * (k - 1)
    arrived <- half_up(doc$inflow_per_week * seasonality[[as.integer(format(date, "%m"))]])
    decided <- half_up(doc$decision_rate * p)
    granted <- half_up(doc$grant_rate * decided)
    housed <- min(half_up(doc$housing_per_week), s)
    departed <- half_up(doc$departure_rate * o)
    p <- p + arrived - decided
    s <- s + granted - housed
    o <- o + decided - granted - departed
    row <- table[k + 1, ]
    expect_identical(unlist(row[c("inflow", "decided", "granted", "housed", "departed",
                                  "in_procedure", "status_holders", "other")], use.names = FALSE),
                     c(arrived, decided, granted, housed, departed, p, s, o))
    capacity <- 67500 + 500 * (row$date >= as.Date("2026-05-04")) +
      500 * (row$date >= as.Date("2026-06-01")) - 2500 * (row$date >= as.Date("2026-07-01"))
    expect_identical(row$capacity, capacity)
    # ceiling(occupancy / 0.91) in whole numbers: (occupancy * 100 + 90) %/% 91.
    needed <- ((p + s + o) * 100 + 90) %/% 91
    expect_identical(row$planning_shortage, max(0, needed - capacity))
  }
})

test_that("Monte Carlo without variation is the projection", {
  path <- march_json()
  skip_if(is.null(path), "examples/ is not at hand")
  doc <- jsonlite::fromJSON(path, simplifyVector = FALSE)
  doc$monte_carlo <- list(inflow_cv = 0, inflow_autocorrelation = 0, housing_cv = 0,
                          capacity_delay_probability = 0, capacity_delay_weeks = 0)
  table <- project(doc, runs = 64, seed = 5, threads = 2)
  expect_identical(names(table), c(columns, monte_carlo_columns))
  for (column in c("occupancy_p05", "occupancy_p50", "occupancy_p95")) {
    expect_identical(table[[column]], table$occupancy)
  }
  for (column in c("shortage_p05", "shortage_p50", "shortage_p95")) {
    expect_identical(table[[column]], table$shortage)
  }
  expect_identical(table$p_shortage, as.double(table$shortage > 0))
  expect_identical(attr(table, "peak_shortage_p50"), max(table$shortage))
  expect_identical(attr(table, "peak_shortage_p95"), max(table$shortage))
})

test_that("the same seed gives the same runs on 1 and 2 threads", {
  path <- march_json()
  skip_if(is.null(path), "examples/ is not at hand")
  one <- project(path, runs = 300, seed = 12345, threads = 1)
  two <- project(path, runs = 300, seed = 12345, threads = 2)
  expect_identical(one, two)
  expect_true(all((one$occupancy_p95 > one$occupancy_p05)[-1]))
  other <- project(path, runs = 300, seed = 12346, threads = 2)
  expect_false(identical(other$occupancy_p95, one$occupancy_p95))
  expect_true(attr(one, "peak_shortage_p50") <= attr(one, "peak_shortage_p95"))
  # Seeds up to 2^53 are whole numbers a double holds.
  expect_silent(project(path, runs = 5, seed = 2^53))
})

test_that("a list equals the file", {
  path <- march_json()
  skip_if(is.null(path), "examples/ is not at hand")
  doc <- jsonlite::fromJSON(path, simplifyVector = FALSE)
  for (runs in c(1, 50)) {
    from_file <- project(path, runs = runs, seed = 9)
    from_list <- project(doc, runs = runs, seed = 9)
    expect_identical(attr(from_list, "scenario"), "<list>")
    attr(from_list, "scenario") <- path
    expect_identical(from_list, from_file)
  }
  # Simplified to vectors by fromJSON, the seasonality reads the same.
  expect_identical(project(jsonlite::fromJSON(path))$inflow, project(path)$inflow)
})

test_that("locations beside the file, and for a list in the working directory", {
  dir <- tempfile("opvang-locations-")
  dir.create(dir)
  writeLines(c("id,code,name,type,agreed_capacity,capacity,opens,closes",
               "L1,GM0363,Amsterdam azc,azc,100,120,2026-01-12,2026-02-02"),
             file.path(dir, "locations.csv"))
  doc <- toy(weeks = 5, capacity = list(initial = 1000, locations = "locations.csv"))
  # Open from Monday 12 January, closed from Monday 2 February.
  expected <- c(1000, 1120, 1120, 1120, 1000, 1000)
  expect_identical(project(write_scenario(doc, dir))$capacity, expected)
  old <- setwd(dir)
  on.exit(setwd(old))
  expect_identical(project(doc)$capacity, expected)
})

scenario_errors <- list(
  # list(field changes, status, what the message says)
  list(list(decison_rate = 0.1), OPV_EINVAL, "field 'decison_rate': unknown field"),
  list(list(weeks = NULL), OPV_EINVAL, "field 'weeks': missing"),
  list(list(initial = list(other = NULL)), OPV_EINVAL, "field 'initial.other': missing"),
  list(list(grant_rate = 1.2), OPV_ERANGE, "field 'grant_rate': 1.2 is outside [0, 1]"),
  list(list(initial = list(in_procedure = -1, status_holders = 0, other = 0)), OPV_ERANGE,
       "field 'initial.in_procedure': must not be negative"),
  list(list(start = "2026-02-30"), OPV_EPARSE, "field 'start': '2026-02-30' is not a date"),
  list(list(inflow_per_week = rep(500, 11)), OPV_ERANGE,
       "field 'inflow_per_week': has 11 values; the scenario has 12 weeks"),
  # Positions count from 1, as R's lists do: the second change is [2].
  list(list(capacity = list(initial = 1, changes = list(list(date = "2026-01-12", delta = 1),
                                                        list(date = "2026-02-30", delta = 1)))),
       OPV_EPARSE, "field 'capacity.changes[2].date': '2026-02-30' is not a date"),
  list(list(capacity = list(initial = 1, changes = list(list(date = "2026-01-12")))),
       OPV_EINVAL, "field 'capacity.changes[1].delta': missing"),
  list(list(inflow_seasonality = list(1, 1, "x", 1, 1, 1, 1, 1, 1, 1, 1, 1)), OPV_EPARSE,
       "field 'inflow_seasonality[3]': must be a number"),
  list(list(weeks = 0), OPV_ERANGE, "field 'weeks': must be 1 to 1040"))

test_that("every scenario error names the field, in a list and in a file", {
  for (case in scenario_errors) {
    doc <- do.call(toy, case[[1]])
    path <- write_scenario(doc)
    for (given in list(doc, path)) {
      source <- if (is.list(given)) "<list>" else path
      error <- tryCatch(project(given), opvang_error = function(e) e)
      expect_s3_class(error, "opvang_error")
      expect_identical(error$status, case[[2]])
      expect_identical(substr(conditionMessage(error), 1, nchar(source) + 2),
                       paste0(source, ": "))
      expect_true(grepl(case[[3]], conditionMessage(error), fixed = TRUE),
                  label = conditionMessage(error))
    }
  }
})

test_that("a bracket in the scenario's file name is not a position", {
  dir <- file.path(tempfile("opvang-"), "run[0]")
  dir.create(dir, recursive = TRUE)
  doc <- toy(capacity = list(initial = 1, changes = list(list(date = "2026-02-30", delta = 1))))
  path <- write_scenario(doc, dir)
  error <- tryCatch(project(path), opvang_error = function(e) conditionMessage(e))
  expect_identical(substr(error, 1, nchar(path) + 34),
                   paste0(path, ": field 'capacity.changes[1].date'"))
})

test_that("NA and NaN in a scenario list are named, with their field", {
  # jsonlite would write them as the strings "NA" and "NaN"; the library
  # would only see a string where a number belongs.
  cases <- list(
    list(list(decision_rate = NA), "<list>: field 'decision_rate' is NA"),
    list(list(decision_rate = NA_real_), "<list>: field 'decision_rate' is NA"),
    list(list(decision_rate = NaN), "<list>: field 'decision_rate' is NaN"),
    list(list(start = NA_character_), "<list>: field 'start' is NA"),
    list(list(inflow_per_week = c(500, NA, rep(500, 10))),
         "<list>: field 'inflow_per_week[2]' is NA"),
    list(list(capacity = list(initial = 1, changes = list(list(date = "2026-01-12", delta = 5),
                                                          list(date = "2026-01-19",
                                                               delta = NaN)))),
         "<list>: field 'capacity.changes[2].delta' is NaN"))
  for (case in cases) {
    error <- tryCatch(project(do.call(toy, case[[1]])), opvang_error = function(e) e)
    expect_s3_class(error, "opvang_error")
    expect_identical(error$status, OPV_EINVAL)
    expect_identical(substr(conditionMessage(error), 1, nchar(case[[2]])), case[[2]],
                     label = conditionMessage(error))
  }
})

test_that("runs, seed and threads out of range", {
  expect_identical(error_status(project(toy(), runs = 0)), OPV_EINVAL)
  expect_error(project(toy(), runs = 0), "runs 0 is outside 1..10^7", fixed = TRUE,
               class = "opvang_error")
  expect_error(project(toy(), runs = -1), "runs must be a whole number", class = "opvang_error")
  expect_identical(error_status(project(toy(), runs = 2.5)), OPV_EINVAL)
  expect_error(project(toy(), runs = 1e7 + 1), "runs 10000001 is outside 1..10^7", fixed = TRUE,
               class = "opvang_error")
  expect_error(project(toy(), threads = 257), "threads 257 is outside 1..256", fixed = TRUE,
               class = "opvang_error")
  expect_error(project(toy(), threads = 0), "threads 0 is outside 1..256", fixed = TRUE,
               class = "opvang_error")
  expect_error(project(toy(), seed = -1), "seed must be a whole number from 0 to 2^53",
               fixed = TRUE, class = "opvang_error")
  expect_error(project(toy(), seed = 2^53 + 2), "seed must be", class = "opvang_error")
  expect_error(project(toy(), seed = 1.5), "seed must be", class = "opvang_error")
  expect_identical(error_status(project(toy(), seed = 1.5)), OPV_ERANGE)
  expect_error(project(42), "'scenario' must be a file name or a list")
  expect_error(project(toy(), runs = "2"), "'runs' must be one number")
})

test_that("sensitivity by hand", {
  # On 2 February: 1,000 + 200 + 4 x 100 = 1,600 people against 1,000 places.
  # 20% moves: in procedure +-200; capacity -+200; inflow +-80 over four weeks;
  # housing by 25 a week: 100 of the 200 status holders housed.
  small <- list(start = "2026-01-05", weeks = 4,
                initial = list(in_procedure = 1000, status_holders = 200, other = 0),
                inflow_per_week = 100, decision_rate = 0, grant_rate = 0,
                housing_per_week = 0, departure_rate = 0, capacity = list(initial = 1000))
  chart <- tempfile(fileext = ".svg")
  table <- sensitivity(small, delta = 0.2, absolute = c(housing_per_week = 25), chart = chart)
  expect_identical(attr(table, "shortage"), 600)
  expect_identical(attr(table, "date"), as.Date("2026-02-02"))
  expect_identical(table$input[1:4], c("initial.in_procedure", "capacity.initial",
                                       "inflow_per_week", "housing_per_week"))
  expect_identical(table$shortage_low[1:4], c(400, 800, 520, 600))
  expect_identical(table$shortage_high[1:4], c(800, 400, 680, 500))
  expect_true(startsWith(readLines(chart, n = 1), "<svg"))
  expect_error(sensitivity(small, absolute = c(housing = 5)), "no input 'housing'")
  expect_error(sensitivity(small, date = "2025-01-01"), "outside the projection")
})

test_that("sensitivity counts the changes of capacity from 1", {
  # On 2 February: 1,000 + 200 + 4 x 100 = 1,600 people against
  # 1,000 + 100 + 50 = 1,150 places, 450 short.  The second change (50)
  # moved by 10 either way: 1,140 or 1,160 places, 460 or 440 short; the
  # first (100) by 10%, 90 or 110: the same.
  changes <- list(list(date = "2026-01-12", delta = 100), list(date = "2026-01-19", delta = 50))
  small <- list(start = "2026-01-05", weeks = 4,
                initial = list(in_procedure = 1000, status_holders = 200, other = 0),
                inflow_per_week = 100, decision_rate = 0, grant_rate = 0,
                housing_per_week = 0, departure_rate = 0,
                capacity = list(initial = 1000, changes = changes))
  chart <- tempfile(fileext = ".svg")
  table <- sensitivity(small, absolute = c("capacity.changes[2].delta" = 10), chart = chart)
  expect_identical(attr(table, "shortage"), 450)
  first <- table[table$input == "capacity.changes[1].delta", ]
  second <- table[table$input == "capacity.changes[2].delta", ]
  expect_identical(c(first$value_low, first$value, first$value_high), c(90, 100, 110))
  expect_identical(c(second$value_low, second$value, second$value_high), c(40, 50, 60))
  expect_identical(c(second$shortage_low, second$shortage_high), c(460, 440))
  expect_false(any(grepl("[0]", table$input, fixed = TRUE)))
  # The chart's bars carry the table's names.
  svg <- paste(readLines(chart), collapse = "\n")
  expect_true(grepl(">capacity.changes[1].delta<", svg, fixed = TRUE))
  expect_true(grepl(">capacity.changes[2].delta<", svg, fixed = TRUE))
  expect_false(grepl("changes[0]", svg, fixed = TRUE))

  expect_error(sensitivity(small, absolute = c("capacity.changes[0].delta" = 10)),
               "'absolute' element 1 has the name 'capacity.changes[0].delta'; positions count from 1",
               fixed = TRUE, class = "opvang_error")
  expect_error(sensitivity(small, absolute = c("capacity.changes[3].delta" = 10)),
               "no input 'capacity.changes[3].delta'; it has", fixed = TRUE,
               class = "opvang_error")
  error <- tryCatch(sensitivity(small, absolute = c("capacity.changes[3].delta" = 10)),
                    opvang_error = function(e) conditionMessage(e))
  expect_true(grepl("capacity.changes[1].delta, capacity.changes[2].delta", error, fixed = TRUE),
              label = error)
})

test_that("Ctrl-C stops a long project() with R's interrupt", {
  path <- march_json()
  skip_if(is.null(path), "examples/ is not at hand")
  out <- tempfile()
  script <- tempfile(fileext = ".R")
  writeLines(c(
    sprintf(".libPaths(%s)", paste(deparse(.libPaths()), collapse = "")),
    "library(opvang)",
    sprintf("writeLines('ready', %s)", deparse(paste0(out, ".ready"))),
    sprintf("r <- tryCatch(project(%s, runs = 1e7, threads = 1),", deparse(path)),
    "              interrupt = function(e) 'interrupted')",
    "when <- as.numeric(Sys.time())",
    sprintf("writeLines(c(if (is.character(r)) r else 'finished', format(when, digits = 15)), %s)",
            deparse(out))), script)
  pid <- as.integer(system(sprintf("%s --vanilla %s > /dev/null 2>&1 & echo $!",
                                   shQuote(file.path(R.home("bin"), "Rscript")), shQuote(script)),
                           intern = TRUE))
  for (i in 1:300) if (!file.exists(paste0(out, ".ready"))) Sys.sleep(0.1)
  Sys.sleep(1.5)  # into the runs, which take about 20 s
  sent <- as.numeric(Sys.time())
  tools::pskill(pid, tools::SIGINT)
  for (i in 1:300) {
    if (file.exists(out) && length(readLines(out)) == 2) break
    Sys.sleep(0.1)
  }
  lines <- readLines(out)
  expect_identical(lines[[1]], "interrupted")
  expect_lt(as.numeric(lines[[2]]) - sent, 1)
})
