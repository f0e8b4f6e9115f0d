# SPDX-License-Identifier: EUPL-1.2
# housing_task() and supervision().  Expected values come from published
# figures (Amsterdam 675 and the sum 13,164 for 2025-H2; Eersel's corrected
# task 23 for 2016-H1), from tests/data/nl_taakstelling_2025_derived.csv
# (computed outside this project), or by hand in the comments.

# Eersel's published 2016-H1 figures: task 22, a backlog of 1 from 2015,
# corrected task 23.  With 22 of 100 inhabitants and vg = 100 its task is
# exactly 22; the other municipality has 78.
eersel <- function() {
  register_file(c("GM0770", "GM0001"), c("Eersel", "Elders"), c(22, 78))
}

# housing_task() on a register without a reference date, which always warns.
task_on_file <- function(...) {
  expect_warning(table <- housing_task(...), "no reference date")
  table
}

test_that("2025-H2 with vg 13,000: Amsterdam 675, 13,164 in all, nobody below 1", {
  table <- housing_task(13000, "2025-H2")
  expect_identical(names(table), c("code", "name", "province_code", "province", "population",
                                   "task", "carried", "corrected", "realised", "balance"))
  expect_identical(nrow(table), 342L)
  amsterdam <- table[table$code == "GM0363", ]
  expect_identical(amsterdam$population, 931298)
  expect_identical(amsterdam$task, 675)
  expect_identical(sum(table$task), 13164)
  expect_identical(attr(table, "task_sum"), 13164)
  expect_true(all(table$task >= 1))
  expect_identical(table$corrected, table$task)
  expect_true(all(is.na(table$realised)) && all(is.na(table$balance)))
  expect_identical(attr(table, "warning"), "")
  expect_identical(attr(table, "population_total"), 17942942)
})

test_that("every task matches the derived table", {
  path <- derived_tasks_csv()
  skip_if(is.null(path), "tests/data is not at hand")
  derived <- utils::read.csv(path, stringsAsFactors = FALSE)
  derived <- derived[derived$gemeentecode != "NL01", ]
  cases <- list(list("2025-H1", 17700, "T_2025H1_vg17700"),
                list("2025-H1", 15000, "T_2025H1_vg15000"),
                list("2025-H2", 13000, "T_2025H2_vg13000"))
  for (case in cases) {
    table <- housing_task(case[[2]], case[[1]])
    expect_identical(table$code, derived$gemeentecode)
    expect_identical(table$task, as.double(derived[[case[[3]]]]), label = case[[3]])
  }
})

test_that("a register of another year gives an R warning, and the numbers", {
  # 2024-H2 uses the population of 1 January 2023; this register is of 2024.
  expect_warning(table <- housing_task(13000, "2024-H2", population_date = "2024-01-01"),
                 "2023-01-01")
  expect_match(attr(table, "warning"), "2024-01-01")
  expect_identical(sum(table$task), 13164)
})

test_that("exact division is not rounded up", {
  # Two municipalities with half of P_NL each: 17,700 / 2 = 8,850 exactly.
  path <- register_file(c("GM0001", "GM0002"), c("A", "B"), c(8971471, 8971471))
  expect_identical(task_on_file(17700, "2025-H1", municipalities = path)$task, c(8850, 8850))
  # 10 * 1 / 3 = 3.33 -> 4 and 10 * 2 / 3 = 6.67 -> 7.
  path <- register_file(c("GM0001", "GM0002"), c("A", "B"), c(1, 2))
  expect_identical(task_on_file(10, "2025-H1", municipalities = path)$task, c(4, 7))
})

test_that("an overflowing product is an error, not a wrong number", {
  expect_error(housing_task(2^53, "2025-H2"), "overflows", class = "opvang_error")
  expect_identical(error_status(housing_task(2^53, "2025-H2")), OPV_ERANGE)
})

test_that("Eersel: task 22 plus a backlog of 1 is 23; 20 housed leaves 3", {
  table <- task_on_file(100, "2016-H1", municipalities = eersel(),
                        previous_balance = c(GM0770 = 1), realised = c(GM0770 = 20))
  expect_identical(table$task, c(22, 78))
  expect_identical(table$carried, c(1, 0))
  expect_identical(table$corrected, c(23, 78))
  expect_identical(table$realised, c(20, 0))
  expect_identical(table$balance, c(3, 78))
  expect_identical(attr(table, "balance_sum"), 81)
})

test_that("an advance carries over unless told not to", {
  for (carry in c(TRUE, FALSE)) {
    table <- task_on_file(100, "2016-H1", municipalities = eersel(),
                          previous_balance = c(GM0770 = -5), realised = c(GM0770 = 30),
                          carry_advance = carry)
    carried <- if (carry) -5 else 0
    expect_identical(table$carried[1], carried)
    expect_identical(table$corrected[1], 22 + carried)
    expect_identical(table$balance[1], 22 + carried - 30)
  }
})

test_that("tables as files and data.frames", {
  balance <- write_utf8_file(c("code,balance", "GM0770,1"))
  realised <- data.frame(code = c("GM0770", "GM0001"), realised = c(20, 80))
  table <- task_on_file(100, "2016-H1", municipalities = eersel(), previous_balance = balance,
                        realised = realised)
  expect_identical(table$balance, c(3, -2))
})

test_that("swaps that add up to zero, and those that do not", {
  swaps <- data.frame(agreement = c("K1", "K1"), code = c("GM0770", "GM0001"), delta = c(5, -5))
  table <- task_on_file(100, "2016-H1", municipalities = eersel(), swaps = swaps)
  expect_identical(names(table)[6:8], c("task", "swapped", "carried"))
  expect_identical(table$swapped, c(5, -5))
  expect_identical(table$corrected, c(27, 73))

  file <- write_utf8_file(c("agreement,code,delta", "K1,GM0770,-2", "K1,GM0001,2"))
  expect_identical(task_on_file(100, "2016-H1", municipalities = eersel(), swaps = file)$corrected,
                   c(20, 80))

  bad <- data.frame(agreement = c("K1", "K1"), code = c("GM0770", "GM0001"), delta = c(5, -4))
  expect_error(housing_task(100, "2016-H1", municipalities = eersel(), swaps = bad),
               "'K1' does not add up to zero", class = "opvang_error")
  below <- data.frame(agreement = "K2", code = c("GM0770", "GM0001"), delta = c(-30, 30))
  expect_error(housing_task(100, "2016-H1", municipalities = eersel(), swaps = below),
               "'K2' takes the task of GM0770 .*below zero", class = "opvang_error")
  unknown <- data.frame(agreement = "K3", code = c("GM0770", "GM9999"), delta = c(1, -1))
  expect_identical(error_status(housing_task(100, "2016-H1", municipalities = eersel(),
                                             swaps = unknown)), OPV_ENOTFOUND)
})

test_that("housing errors carry the library's message", {
  expect_error(housing_task(13000, "2025-H3"), "'2025-H3' is not a half-year",
               class = "opvang_error")
  expect_identical(error_status(housing_task(13000, "2025-H3")), OPV_EPARSE)
  expect_identical(error_status(housing_task(13000, "2025h2")), OPV_EPARSE)
  expect_identical(error_status(housing_task(-1, "2025-H2")), OPV_ERANGE)
  expect_error(housing_task(13000, "2025-H2", realised = c(GM0363 = -3)),
               "-3 of GM0363 \\(Amsterdam\\) is negative", class = "opvang_error")
  unknown <- write_utf8_file(c("code,balance", "GM0363,4", "GM9999,1"))
  expect_error(housing_task(13000, "2025-H2", previous_balance = unknown),
               paste0(basename(unknown), ":3: .*'GM9999'"), class = "opvang_error")
  expect_identical(error_status(housing_task(13000, "2025-H2", realised = c(GM0363 = 2.5))),
                   OPV_EPARSE)
  expect_identical(error_status(housing_task(13000, "2025-H2", realised = "absent.csv")),
                   OPV_EIO)
  expect_error(housing_task(13000, "2025-H2",
                            swaps = data.frame(agreement = "K", code = "GM0363")),
               "no column 'delta'", class = "opvang_error")
  expect_error(housing_task(13000, 2025), "'period' must be one string")
})

# ---- supervision ladder -------------------------------------------------------

# A hand-made history, judged as of 1 October 2025 on 2025-H1 (thresholds 1,
# 2, 3, 4): balances above 0 are misses, counted back while the half-years
# follow each other; a stage begins the day after the half-year that brought
# the count to its threshold ended.
history <- data.frame(
  code = c("GM0363", "GM0363", "GM0363",   # 3 misses: a warning from 1 July 2025 to 29 September
           "GM0599", "GM0599",             # 2024-H2 missing: the gap ends the run at 1
           "GM0344", "GM0344", "GM0344",   # 2025-H1 met: on track
           "GM0518", "GM0518", "GM0518", "GM0518",  # 4 in a row, out of order: substitution
           "GM0546"),                      # an advance is not a miss
  period = c("2024-H1", "2024-H2", "2025-H1", "2024-H1", "2025-H1",
             "2024-H1", "2024-H2", "2025-H1", "2025-H1", "2023-H2", "2024-H2", "2024-H1",
             "2025-H1"),
  balance = c(5, 3, 1, 5, 2, 7, 4, 0, 9, 1, 2, 400, -10))
as_of <- as.Date("2025-10-01")

ladder_of <- function(table, code) {
  row <- table[table$code == code, ]
  list(row$stage, row$consecutive_misses, row$first_missed, row$entered, row$term_ends)
}

test_that("the ladder on a hand-made history", {
  table <- supervision(history, as_of)
  expect_identical(names(table), c("code", "name", "stage", "consecutive_misses", "first_missed",
                                   "entered", "term_ends", "balance", "task"))
  expect_identical(nrow(table), 342L)
  expect_identical(ladder_of(table, "GM0363"),
                   list("warning", 3, "2024-H1", as.Date("2025-07-01"), as.Date("2025-09-29")))
  expect_identical(ladder_of(table, "GM0599")[1:4],
                   list("signalling", 1, "2025-H1", as.Date("2025-07-01")))
  expect_identical(ladder_of(table, "GM0344")[1:2], list("on_track", 0))
  expect_identical(ladder_of(table, "GM0518")[1:4],
                   list("substitution", 4, "2023-H2", as.Date("2025-07-01")))
  expect_identical(ladder_of(table, "GM0546")[1:2], list("on_track", 0))
  others <- table[!table$code %in% history$code, ]
  expect_true(all(others$stage == "no_data"))
  # 2025-H1 balances: 1 + 2 + 9 = 12 above zero, 10 below.
  expect_identical(attr(table, "backlog"), 12)
  expect_identical(attr(table, "advance"), 10)
  expect_identical(attr(table, "net_balance"), 2)
  expect_identical(attr(table, "period"), "2025-H1")
})

test_that("the ladder from a file, with other thresholds and tolerances", {
  file <- write_utf8_file(c("code,period,balance",
                            paste(history$code, history$period, history$balance, sep = ",")))
  expect_identical(ladder_of(supervision(file, "2025-10-01"), "GM0363")[[1]], "warning")
  # Thresholds 2, 4, 6, 8: three misses give signalling, four the talk.
  table <- supervision(history, as_of, thresholds = c(2, 4, 6, 8))
  expect_identical(ladder_of(table, "GM0363")[[1]], "signalling")
  expect_identical(ladder_of(table, "GM0518")[[1]], "administrative_talk")
  expect_identical(ladder_of(table, "GM0599")[[1]], "on_track")
  # Tolerance 2: balances 1 and 2 are no misses; 's-Gravenhage's run stops at 2024-H2.
  table <- supervision(history, as_of, tolerance = 2)
  expect_identical(ladder_of(table, "GM0363")[1:2], list("on_track", 0))
  expect_identical(ladder_of(table, "GM0518")[1:2], list("signalling", 1))
  # 1% of the task: 9 of 400 misses, 2 of 400 does not.
  with_task <- transform(history, task = 400)
  table <- supervision(with_task, as_of, tolerance = "1%")
  expect_identical(ladder_of(table, "GM0518")[1:2], list("signalling", 1))
  expect_identical(ladder_of(table, "GM0599")[1:2], list("on_track", 0))
  # A warning term of 4 weeks: 28 days from 1 July.
  table <- supervision(history, as_of, warning_term = 4)
  expect_identical(ladder_of(table, "GM0363")[[5]], as.Date("2025-07-28"))
})

test_that("ladder errors carry the library's message", {
  expect_error(supervision(history, as_of, thresholds = c(1, 3, 2, 4)), "must not decrease",
               class = "opvang_error")
  expect_error(supervision(history, as_of, thresholds = c(0, 1, 2, 3)), "at least 1",
               class = "opvang_error")
  expect_error(supervision(history, as_of, thresholds = c(1, 2, 3)), "four",
               class = "opvang_error")
  expect_error(supervision(history, as_of, tolerance = "150%"), "outside 0%..100%",
               class = "opvang_error")
  expect_error(supervision(history, as_of, tolerance = -1), "negative", class = "opvang_error")
  expect_error(supervision(history, as_of, tolerance = "5%"), "needs the task",
               class = "opvang_error")
  expect_error(supervision(history, as_of, warning_term = 0), "outside 1..520",
               class = "opvang_error")
  expect_error(supervision(history, "2023-12-30"), "before the end of the history's first",
               class = "opvang_error")
  bad_period <- write_utf8_file(c("code,period,balance", "GM0363,2025-H1,1", "GM0363,2025-H3,2"))
  expect_error(supervision(bad_period, as_of), paste0(basename(bad_period), ":3.*'2025-H3'"),
               class = "opvang_error")
  expect_identical(error_status(supervision(bad_period, as_of)), OPV_EPARSE)
  twice <- data.frame(code = "GM0363", period = c("2025-H1", "2025-H1"), balance = c(1, 2))
  expect_error(supervision(twice, as_of), "GM0363 has two balances for 2025-H1",
               class = "opvang_error")
  expect_identical(error_status(supervision(twice, as_of)), OPV_EDUPLICATE)
  unknown <- data.frame(code = "GM9999", period = "2025-H1", balance = 1)
  expect_identical(error_status(supervision(unknown, as_of)), OPV_ENOTFOUND)
})

test_that("the national backlog is the sum of the positive balances", {
  # 30 over three equal municipalities: 10 each; realised 4, 13, 10 leave
  # balances 6, -3, 0: backlog 6, advance 3, net 3.
  path <- register_file(c("GM0001", "GM0002", "GM0003"), c("A", "B", "C"), rep(1000, 3))
  table <- suppressWarnings(housing_task(30, "2026-H1", municipalities = path,
                                         realised = c(GM0001 = 4, GM0002 = 13, GM0003 = 10)))
  expect_identical(table$balance, c(6, -3, 0))
  expect_identical(c(attr(table, "backlog"), attr(table, "advance"), attr(table, "net_balance")),
                   c(6, 3, 3))
})

test_that("realisation during the half-year", {
  # Amsterdam owes 674 in 2026-H1; by 31 March (90 of 181 days) 120 are housed.
  log <- data.frame(code = "GM0363", date = c("2026-01-31", "2026-02-28", "2026-03-31",
                                              "2026-04-30"),
                    count = c(50, 40, 30, 60),
                    kind = c("woning", "doorstroomlocatie", "nareis", "woning"))
  table <- housing_task(13000, "2026-H1", realised_log = log, as_of = "2026-03-31")
  row <- table[table$code == "GM0363", ]
  expect_identical(row$realised_to_date, 120)
  expect_equal(row$expected_to_date, 674 * 90 / 181, tolerance = 1e-15)
  expect_equal(row$projected_balance, 674 - 120 * 181 / 90, tolerance = 1e-15)
  expect_equal(attr(table, "share_passed"), 90 / 181, tolerance = 1e-15)
  homes <- housing_task(13000, "2026-H1", realised_log = log, as_of = "2026-03-31",
                        count = "woning")
  expect_identical(homes$realised_to_date[homes$code == "GM0363"], 50)
  expect_error(housing_task(13000, "2026-H1", realised_log = log), "go together")
  expect_error(housing_task(13000, "2026-H1", realised_log = log, as_of = "2025-12-31"),
               "before 2026-H1 began", class = "opvang_error")
})

test_that("a merger year folds Wijdemeren into Hilversum (art. 30)", {
  register <- write_utf8_file(c("code,name,province_code,province,population",
                                "GM0363,Amsterdam,PV27,Noord-Holland,940000",
                                "GM0402,Hilversum,PV27,Noord-Holland,92000",
                                "GM1696,Wijdemeren,PV27,Noord-Holland,24700"))
  balance <- c(GM0402 = 5, GM1696 = 20)
  # ceil(10000 * 117000 / 1057000) = 1107; balances 5 + 20 add up.
  table <- suppressWarnings(housing_task(10000, "2027-H1", municipalities = register,
                                         previous_balance = balance,
                                         merged_population = c(GM0402 = 117000)))
  expect_identical(table$code, c("GM0363", "GM0402"))
  expect_identical(table$task, c(8894, 1107))
  expect_identical(table$carried, c(0, 25))
  table <- suppressWarnings(housing_task(10000, "2027-H1", municipalities = register))
  expect_identical(table$task[table$code == "GM0402"], 1105)
  expect_identical(nrow(suppressWarnings(housing_task(10000, "2026-H2",
                                                      municipalities = register))), 3L)
})
