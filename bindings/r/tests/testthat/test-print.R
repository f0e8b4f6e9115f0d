# SPDX-License-Identifier: EUPL-1.2
# print() of a result: the notes that say what it rests on, then the rows.
# The figures in the notes are worked out by hand in the comments.

five_places <- function() {
  register_file(sprintf("GM000%d", 1:5), LETTERS[1:5], c(5200, 2900, 1500, 300, 100))
}

test_that("a distribution prints its notes, then its rows as a data.frame", {
  path <- five_places()
  table <- distribute(25, amv = 8, municipalities = path)
  expect_true(is.data.frame(table))
  expect_identical(class(table), c("opvang_distribution", "opvang_table", "data.frame"))
  printed <- capture.output(print(table))
  # Places 13, 7, 4, 1, 0 (Hamilton, see test-distribute.R).  AMV rounded
  # half up per municipality: 13 * 8 / 25 = 4.16 -> 4, 7 * 8 / 25 = 2.24 -> 2,
  # 4 * 8 / 25 = 1.28 -> 1, 0.32 -> 0, 0 -> 0: 7 given for 8 asked.
  expect_identical(printed[1:4], c(
    "# 25 places, of which 8 for unaccompanied minors (AMV); method hamilton",
    "# SES transform: none",
    "# AMV places (round): 7 given for 8 asked, residual -1",
    paste("# register:", path)))
  expect_identical(printed[-(1:4)], capture.output(print.data.frame(table)))
  expect_identical(table$amv, c(4, 2, 1, 0, 0))
})

test_that("print returns the table invisibly", {
  table <- distribute(25, municipalities = five_places())
  capture.output(shown <- withVisible(print(table)))
  expect_false(shown$visible)
  expect_identical(shown$value, table)
})

test_that("a part of a table is a plain data.frame that prints no notes", {
  # Places 13, 7, 4, 1, 0 of 25: notes about "25 places" would be false of
  # any part of them.
  table <- distribute(25, municipalities = five_places())
  plain <- c("names", "row.names", "class")
  parts <- list(rows = table[1:2, ], columns = table[, c("code", "places")],
                both = table[1:2, c("code", "places")], some = table[table$places > 0, ],
                head = head(table, 2), tail = tail(table, 1),
                subset = subset(table, places >= 4), twice = table[c(1, 1:5), ],
                bound = rbind(table, table), none = table[0, ])
  for (name in names(parts)) {
    part <- parts[[name]]
    expect_identical(class(part), "data.frame", label = name)
    expect_identical(sort(names(attributes(part))), sort(plain), label = name)
    expect_false(any(startsWith(capture.output(print(part)), "#")), label = name)
  }
  expect_identical(parts$some$places, c(13, 7, 4, 1))
  expect_identical(parts$bound$places, c(13, 7, 4, 1, 0, 13, 7, 4, 1, 0))
  expect_identical(parts$subset$code, c("GM0001", "GM0002", "GM0003"))
  # A column on its own is the vector, as from a data.frame.
  expect_identical(table[, "places"], c(13, 7, 4, 1, 0))
})

test_that("a table whose values were replaced is a plain data.frame", {
  table <- distribute(25, municipalities = five_places())
  zeroed <- table
  zeroed$places <- zeroed$places * 0  # no longer "25 places"
  one <- table
  one[1, "places"] <- 5
  other <- table
  other[["places"]][2] <- 8
  for (changed in list(zeroed, one, other)) {
    expect_identical(class(changed), "data.frame")
    expect_false(any(startsWith(capture.output(print(changed)), "#")))
  }
  expect_identical(one$places, c(5, 7, 4, 1, 0))
  # A column beside the computed ones leaves them, and the notes, as they were.
  shares <- table
  shares$share <- shares$places / 25
  expect_identical(class(shares), class(table))
  expect_identical(capture.output(print(shares))[[1]],
                   "# 25 places, of which 0 for unaccompanied minors (AMV); method hamilton")
  expect_identical(shares$share, c(0.52, 0.28, 0.16, 0.04, 0))
})

test_that("the whole table in another order keeps its notes", {
  table <- distribute(25, municipalities = five_places())
  notes <- "# 25 places, of which 0 for unaccompanied minors (AMV); method hamilton"
  for (whole in list(table[order(table$places), ], table[, rev(names(table))], table[])) {
    expect_identical(class(whole), class(table))
    expect_identical(capture.output(print(whole))[[1]], notes)
  }
  expect_identical(table[order(table$places), ]$places, c(0, 1, 4, 7, 13))
})

test_that("a projection prints its scenario and its peak", {
  # 27,000 + 500 a week against 30,000 places: short from week 7, most in
  # week 12, 27,000 + 6,000 - 30,000 = 3,000, on 5 January + 84 days.
  toy <- list(start = "2026-01-05", weeks = 12,
              initial = list(in_procedure = 27000, status_holders = 0, other = 0),
              inflow_per_week = 500, decision_rate = 0, grant_rate = 0, housing_per_week = 0,
              departure_rate = 0, capacity = list(initial = 30000))
  printed <- capture.output(print(project(toy)))
  expect_identical(printed[1:2], c(
    "# scenario <list>: 12 weeks from 2026-01-05, 1 run(s), seed 0",
    "# peak shortage 3000 in week 12 (2026-03-30)"))
  toy$inflow_per_week <- 0
  expect_identical(capture.output(print(project(toy)))[[2]], "# no shortage in any week (peak 0)")
})

test_that("supervision prints the day, the half-year judged and the national figures", {
  # One municipality with a balance of 30 for 2025-H2, the last half-year
  # that ended before 1 March 2026; the other 341 of the 342 have none.
  history <- data.frame(code = c("GM0363", "GM0363"), period = c("2025-H1", "2025-H2"),
                        balance = c(12, 30))
  printed <- capture.output(print(supervision(history, as_of = "2026-03-01")))
  expect_identical(printed[1:2], c(
    "# supervision as of 2026-03-01, judging the half-year 2025-H2",
    "# national backlog 30, advance 0, net 30; 341 municipalities without a balance"))
})

test_that("every table the package returns prints notes", {
  expect_s3_class(municipalities(), "opvang_register")
  expect_identical(capture.output(print(municipalities()))[[1]],
                   paste("# population of 2024-01-01:", attr(municipalities(), "source")))
  table <- suppressWarnings(housing_task(13000, "2025-H2", population_date = "2025-01-01"))
  printed <- capture.output(print(table))
  expect_true(any(startsWith(printed, "# status-holder housing task 2025-H2: 13000 nationally")))
  expect_true(any(startsWith(printed, "# warning: the register's population is of 2025-01-01")))
})
