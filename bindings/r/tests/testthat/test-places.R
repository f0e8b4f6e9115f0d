# SPDX-License-Identifier: EUPL-1.2
# places() and capacity() on hand-made locations; every expectation by hand.

three <- function() {
  register_file(c("GM0001", "GM0002", "GM0003"), c("Alpha", "Beta", "Gamma"), rep(1000, 3),
                province_code = c("PV20", "PV20", "PV21"), province = c("North", "North", "South"))
}

locations_lines <- c(
  "id,code,name,type,agreed_capacity,capacity,opens,closes",
  # Opens on 1 July 2026, open-ended: counts from its opening day; 20 above agreement.
  "L1,GM0001,Alpha azc,azc,100,120,2026-07-01,",
  # Closes on 1 July 2026: open on 30 June, not on 1 July; nood never counts.
  "L2,GM0001,Alpha nood,nood,300,300,2026-01-01,2026-07-01",
  # Exactly five years: counts.
  "L3,GM0002,Beta azc,azc,200,200,2024-03-01,2029-03-01",
  # Five years less one day: open, but does not count.
  "L4,GM0002,Beta amv,amv,50,50,2024-03-01,2029-02-28",
  # Open-ended emergency and hotel places never count; 50 above agreement.
  "L5,GM0003,Gamma nood,nood,400,450,2025-01-01,",
  "L6,GM0003,Gamma hotel,hotel,100,100,2020-01-01,",
  # Open-ended AMV: counts.
  "L7,GM0003,Gamma amv,amv,30,30,2019-01-01,")

tasks <- c(GM0001 = 100, GM0002 = 250, GM0003 = 30)
# A decision with AMV parts: Beta is 10 AMV places short, Gamma's 30 are there.
decision <- data.frame(code = names(tasks), task = unname(tasks), task_amv = c(0, 10, 30))

places_columns <- c("task", "task_amv", "places_counting", "places_counting_amv", "places_total",
                    "places_above_agreement", "gap", "gap_amv", "met")
province_columns <- c("province_code", "province", "municipalities", places_columns,
                      "municipalities_short")

test_that("places on the first of July: the opening day counts, the closing day not", {
  table <- places(write_utf8_file(locations_lines), date = "2026-07-01", municipalities = three())
  expect_identical(names(table), c("code", "name", "province_code", "province", "task_source",
                                   places_columns))
  # Alpha: L1 only, 100 of its 120 (the agreement).  Beta: L3.  Gamma: L7, AMV.
  expect_identical(table$places_total, c(120, 250, 580))
  expect_identical(table$places_counting, c(100, 200, 30))
  expect_identical(table$places_counting_amv, c(0, 0, 30))
  expect_identical(table$places_above_agreement, c(20, 0, 50))
  expect_true(all(is.na(table$task) & is.na(table$gap) & is.na(table$met) &
                  is.na(table$task_source)))
  expect_identical(attr(table, "locations"), 7)

  # 30 June: L2 is still open, L1 not yet.
  before <- places(write_utf8_file(locations_lines), date = as.Date("2026-06-30"),
                   municipalities = three())
  expect_identical(before$places_total, c(300, 250, 580))
  expect_identical(before$places_counting, c(0, 200, 30))
  expect_identical(attr(before, "date"), "2026-06-30")
})

test_that("min_years, durability and the existing-location minimum decide what counts", {
  path <- write_utf8_file(locations_lines)
  counting <- function(...) {
    places(path, date = "2026-07-01", municipalities = three(), ...)$places_counting
  }
  expect_identical(counting(min_years = 2), c(100, 250, 30))
  expect_identical(counting(min_years = 0), c(100, 250, 30))
  expect_identical(counting(min_years = 10), c(100, 0, 30))
  # L3 has less than three years left on 1 July 2026.
  expect_identical(counting(durability = "remaining"), c(100, 0, 30))
  # Other readings: places above the agreement; nood (no minimum run) for Gamma.
  expect_identical(counting(count_above_agreement = TRUE), c(120, 200, 30))
  expect_identical(counting(counting_types = c("azc", "amv", "nood"), min_years = 0),
                   c(100, 250, 430))
  # L7 (2019, 30 places) existed before 2024-02-01 and is below 40.
  expect_identical(counting(existing_min_places = 40), c(100, 200, 0))
})

test_that("gap and met against a task table, with its AMV part", {
  path <- write_utf8_file(locations_lines)
  file <- write_utf8_file(c("code,task", paste(names(tasks), tasks, sep = ",")))
  frame <- data.frame(code = names(tasks), task = unname(tasks))
  for (given in list(tasks, file, frame)) {
    table <- places(path, date = "2026-07-01", tasks = given, municipalities = three())
    # 100 - 100, 250 - 200, 30 - 30: only Beta falls short.
    expect_identical(table$task, unname(tasks))
    expect_identical(table$task_amv, c(0, 0, 0))
    expect_identical(table$gap, c(0, 50, 0))
    expect_identical(table$met, c(TRUE, FALSE, TRUE))
    expect_identical(table$task_source, rep("tasks-file", 3))
  }
  table <- places(path, date = "2026-07-01", tasks = decision, municipalities = three())
  expect_identical(table$gap_amv, c(0, 10, 0))
  expect_identical(attr(table, "notes")[[2]],
                   paste("on 2026-07-01 1 of 3 municipalities have not met their task; together",
                         "they lack 50 places, 10 of them AMV places"))
  short <- places(path, date = "2026-07-01", tasks = tasks, municipalities = three(),
                  shortfalls_only = TRUE)
  expect_identical(short$code, "GM0002")
  # Left out: task 0.
  table <- places(path, date = "2026-07-01", tasks = c(GM0002 = 260), municipalities = three())
  expect_identical(table$gap, c(-100, 60, -30))
  # task_amv above task: refused with its line.
  bad <- decision
  bad$task_amv[[2]] <- 300
  expect_error(places(path, date = "2026-07-01", tasks = bad, municipalities = three()),
               "<data.frame>:3: column 'task_amv': the AMV task 300 of GM0002 is more than",
               class = "opvang_error")
})

test_that("province and nation sums", {
  table <- places(write_utf8_file(locations_lines), date = "2026-07-01", tasks = decision,
                  by = "province", municipalities = three())
  expect_identical(names(table), province_columns)
  # North = Alpha + Beta, South = Gamma; Beta falls short, North by 50 net.
  expect_identical(table$province, c("North", "South"))
  expect_identical(table$municipalities, c(2, 1))
  expect_identical(table$task, c(350, 30))
  expect_identical(table$task_amv, c(10, 30))
  expect_identical(table$places_counting, c(300, 30))
  expect_identical(table$places_total, c(370, 580))
  expect_identical(table$gap, c(50, 0))
  expect_identical(table$gap_amv, c(10, 0))
  expect_identical(table$met, c(FALSE, TRUE))
  expect_identical(table$municipalities_short, c(1, 0))
  nation <- places(write_utf8_file(locations_lines), date = "2026-07-01", tasks = decision,
                   by = "nation", municipalities = three())
  expect_identical(nation$province_code, "NL")
  expect_identical(nation$gap, 50)

  # Without a task: the places, and NA where a task is needed.
  table <- places(write_utf8_file(locations_lines), date = "2026-07-01", by = "province",
                  municipalities = three())
  expect_identical(table$places_total, c(370, 580))
  expect_true(all(is.na(table$task) & is.na(table$municipalities_short)))
})

test_that("the task from the key says what it rests on", {
  # 900 places over three equal municipalities: 300 each.
  path <- write_utf8_file(locations_lines)
  table <- places(path, date = "2026-07-01", total = 900, amv = 90, municipalities = three())
  expect_identical(table$task, c(300, 300, 300))
  expect_identical(table$task_amv, c(30, 30, 30))
  expect_identical(table$gap, c(200, 100, 270))
  expect_identical(attr(table, "task_source"), "key-population")
  expect_match(attr(table, "warnings"), "not the legal key, which weighs SES-WOA")
  short <- places(path, date = "2026-07-01", total = 900, municipalities = three(),
                  shortfalls_only = TRUE)
  expect_identical(short$code, c("GM0003", "GM0001", "GM0002"))
  expect_identical(row.names(short), c("1", "2", "3"))
  # With SES: weights 1500, 1000, 500 of 3000: 450, 300, 150.
  keyed <- places(path, date = "2026-07-01", total = 900, municipalities = three(),
                  ses = c(GM0001 = 0.5, GM0002 = 0, GM0003 = -0.5))
  expect_identical(keyed$task, c(450, 300, 150))
  expect_identical(attr(keyed, "task_source"), "key-ses")
  expect_length(attr(keyed, "warnings"), 0)
})

test_that("a series of days", {
  path <- write_utf8_file(locations_lines)
  table <- places(path, start = "2026-06-24", end = "2026-07-08", tasks = tasks, by = "nation",
                  municipalities = three())
  expect_identical(names(table), c("date", province_columns))
  expect_identical(table$date, as.Date(c("2026-06-24", "2026-07-01", "2026-07-08")))
  expect_identical(table$places_counting, c(230, 330, 330))
  months <- places(path, start = "2026-05-15", end = "2026-08-01", every = "month",
                   by = "nation", municipalities = three())
  expect_identical(months$date, as.Date(c("2026-06-01", "2026-07-01", "2026-08-01")))
})

test_that("population dates and mergers", {
  brielle <- write_utf8_file(c(locations_lines[[1]], "X1,GM0501,Brielle azc,azc,100,100,2020-01-01,"))
  expect_error(places(brielle, date = "2026-07-01"),
               "GM0501 \\(Brielle\\) no longer exists: it merged into GM1992", class = "opvang_error")
  table <- places(brielle, date = "2026-07-01", map_mergers = TRUE, total = 96000,
                  population_date = "2023-01-01")
  expect_identical(table$places_counting[table$code == "GM1992"], 100)
  expect_identical(attr(table, "population_date"), "2023-01-01")
  expect_true(attr(table, "map_mergers"))
  expect_error(places(brielle, date = "2026-07-01", population_date = "2026-01-01"),
               "2023-01-01, 2024-01-01, 2025-01-01", class = "opvang_error")
  # The housing task takes its legal date: 2026-H1 the population of 1 January 2025.
  housing <- expect_silent(housing_task(13000, "2026-H1"))
  expect_identical(attr(housing, "population_date"), "2025-01-01")
  expect_identical(housing$task[housing$code == "GM0363"], 674)  # ceil(13000 * 934526 / 18044027)
  expect_identical(attr(municipalities(population_date = "2023-01-01"), "population_date"),
                   "2023-01-01")
})

test_that("the same tables as the command line", {
  cli <- Sys.getenv("OPVANG_CLI")
  locations <- example_file("synthetic_reception_2026.csv")
  decided <- example_file("synthetic_tasks.csv")
  skip_if(!nzchar(cli) || is.null(locations), "the opvang program or examples/data is not at hand")
  for (by in c("municipality", "province")) {
    printed <- system2(cli, c("places", "--locations", locations, "--date", "2026-07-01",
                              "--tasks", decided, "--by", by), stdout = TRUE, stderr = FALSE)
    expected <- utils::read.csv(text = printed, colClasses = "character")
    table <- places(locations, date = "2026-07-01", tasks = decided, by = by)
    expect_identical(names(table), names(expected))
    for (name in names(table)) {
      values <- table[[name]]
      text <- if (is.logical(values)) tolower(as.character(values))
              else if (is.numeric(values)) format(values, scientific = FALSE, trim = TRUE)
              else values
      expect_identical(text, expected[[name]], label = name)
    }
  }
})

test_that("places errors carry the library's message", {
  path <- write_utf8_file(locations_lines)
  expect_error(places(path, municipalities = three()), "needs a date", class = "opvang_error")
  expect_error(places(path, date = "2026-02-30", municipalities = three()), "'2026-02-30'",
               class = "opvang_error")
  expect_identical(error_status(places(path, date = "2026-02-30", municipalities = three())),
                   OPV_EPARSE)
  bad_rows <- list(
    list("X,GM9999,x,azc,1,1,2026-01-01,", OPV_ENOTFOUND, "'GM9999' is not in the register"),
    list("X,GM0001,x,tent,1,1,2026-01-01,", OPV_ENOTFOUND, "'tent' is not a location type"),
    list("X,GM0001,x,azc,1,1,2026-02-30,", OPV_EPARSE, "'2026-02-30' is not a date"),
    list("X,GM0001,x,azc,1,1,2026-03-01,2026-03-01", OPV_EINVAL, "on or before"),
    list("X,GM0001,x,azc,1,-5,2026-03-01,", OPV_ERANGE, "negative"),
    list("L1,GM0001,x,azc,1,1,2026-03-01,", OPV_EDUPLICATE, "'L1' occurs twice"))
  for (bad in bad_rows) {
    # The bad row is line 9: the header and seven good rows come first.
    file <- write_utf8_file(c(locations_lines, bad[[1]]))
    expect_error(places(file, date = "2026-07-01", municipalities = three()),
                 paste0(basename(file), ":9.*", bad[[3]]), class = "opvang_error")
    expect_identical(error_status(places(file, date = "2026-07-01", municipalities = three())),
                     bad[[2]], label = bad[[3]])
  }
  expect_identical(error_status(places(path, date = "2026-07-01", tasks = tasks, total = 900,
                                       municipalities = three())), OPV_EINVAL)
  expect_identical(error_status(places(path, date = "2026-07-01", tasks = c(GM9999 = 1),
                                       municipalities = three())), OPV_ENOTFOUND)
  expect_identical(error_status(places(path, date = "2026-07-01", tasks = c(GM0001 = -1),
                                       municipalities = three())), OPV_ERANGE)
  expect_error(places(data.frame(id = "A"), date = "2026-07-01"), "no column 'code'",
               class = "opvang_error")
})

test_that("weekly capacity by type around a closing on 1 July 2026", {
  path <- write_utf8_file(locations_lines)
  table <- capacity(path, "2026-06-17", "2026-07-08", municipalities = three())
  expect_identical(names(table), c("week_start", "azc", "amv", "nood", "spoednood", "crisis",
                                   "hotel", "doorstroom", "total"))
  expect_identical(table$week_start,
                   as.Date(c("2026-06-17", "2026-06-24", "2026-07-01", "2026-07-08")))
  # azc: L3, and L1 from 1 July.  amv: L4 + L7.  nood: L5, and L2 until 30 June.
  expect_identical(table$azc, c(200, 200, 320, 320))
  expect_identical(table$amv, rep(80, 4))
  expect_identical(table$nood, c(750, 750, 450, 450))
  expect_identical(table$hotel, rep(100, 4))
  expect_identical(table$total, c(1130, 1130, 950, 950))
})

test_that("weekly capacity by province", {
  path <- write_utf8_file(locations_lines)
  # The last week starts on 8 July, on or before the 14th.
  table <- capacity(path, as.Date("2026-06-17"), "2026-07-14", by = "province",
                    municipalities = three())
  expect_identical(names(table), c("week_start", "North", "South", "total"))
  expect_identical(table$North, c(550, 550, 370, 370))
  expect_identical(table$South, rep(580, 4))
  expect_identical(capacity(path, "2026-07-01", "2026-07-01", municipalities = three())$total, 950)
})

test_that("capacity in the example data follows the locations open each week", {
  path <- example_locations_csv()
  skip_if(is.null(path), "examples/data is not at hand")
  rows <- utils::read.csv(path, stringsAsFactors = FALSE, colClasses = "character")
  days <- c("2026-06-17", "2026-06-24", "2026-07-01", "2026-07-08")
  open <- vapply(days, function(day) {
    sum(as.numeric(rows$capacity[rows$opens <= day & (rows$closes == "" | day < rows$closes)]))
  }, 0)
  expect_identical(capacity(path, days[1], days[4])$total, unname(open))
})

test_that("capacity errors carry the library's message", {
  path <- write_utf8_file(locations_lines)
  expect_error(capacity(path, "2026-07-01", "2026-06-30", municipalities = three()),
               "before it starts", class = "opvang_error")
  expect_identical(error_status(capacity(path, "2026-02-30", "2026-07-01",
                                         municipalities = three())), OPV_EPARSE)
  expect_error(capacity(path, "2026-06-01", "2026-07-01", by = "municipality",
                        municipalities = three()),
               "unknown capacity breakdown 'municipality'", class = "opvang_error")
})

test_that("the report: the same pages as the command line, nothing written on bad input", {
  locations <- example_file("synthetic_reception_2026.csv")
  decided <- example_file("synthetic_tasks.csv")
  skip_if(is.null(locations), "examples/data is not at hand")
  out <- file.path(tempfile("report"), "site")
  dir.create(dirname(out))
  index <- report(out, locations, "2026-07-01", tasks = decided)
  expect_true(file.exists(index))
  expect_length(list.files(file.path(out, "municipalities")), 342)
  expect_length(list.files(file.path(out, "provinces")), 12)
  page <- readLines(file.path(out, "municipalities", "GM0118.html"), encoding = "UTF-8")
  row <- places(locations, date = "2026-07-01", tasks = decided)
  row <- row[row$code == "GM0118", ]
  for (column in c("task", "task_amv", "places_counting", "gap", "gap_amv")) {
    expect_true(any(grepl(sprintf("data-col=\"%s\" data-value=\"%.0f\"", column, row[[column]]),
                          page, fixed = TRUE)), label = column)
  }
  bad <- file.path(dirname(out), "bad")
  expect_error(report(bad, locations, "2026-07-01", tasks = c(GM9999 = 1)),
               "'GM9999' is not in the register", class = "opvang_error")
  expect_false(file.exists(bad))
})

test_that("the report adds the housing task of a half-year", {
  locations <- example_file("synthetic_reception_2026.csv")
  decided <- example_file("synthetic_tasks.csv")
  skip_if(is.null(locations), "examples/data is not at hand")
  out <- file.path(tempfile("report"), "site")
  dir.create(dirname(out))
  report(out, locations, "2026-07-01", tasks = decided, housing_national = 13000,
         housing_period = "2026-H1", realised = c(GM0363 = 600),
         history = data.frame(code = "GM0363", period = "2025-H2", balance = 12))
  page <- readLines(file.path(out, "municipalities", "GM0363.html"), encoding = "UTF-8")
  # ceil(13000 * 934526 / 18044027) = 674 on 1 January 2025; 674 - 600 = 74 to house.
  expect_true(any(grepl("data-col=\"housing_task\" data-value=\"674\"", page, fixed = TRUE)))
  expect_true(any(grepl("data-col=\"housing_balance\" data-value=\"74\"", page, fixed = TRUE)))
  # 2025-H2 missed, judged on 1 January 2026: signalling.
  expect_true(any(grepl("data-value=\"signalling\"", page, fixed = TRUE)))
  expect_error(report(out, locations, "2026-07-01", tasks = decided, housing_national = 13000),
               "go together", class = "opvang_error")
})
