# SPDX-License-Identifier: EUPL-1.2
# distribute() and compare_distribution().  Every expectation is worked out by hand in the
# comment above it, or recomputed here from the register's populations.

five <- function() {
  register_file(sprintf("GM000%d", 1:5), LETTERS[1:5], c(5200, 2900, 1500, 300, 100),
                province_code = c("PV20", "PV20", "PV21", "PV21", "PV21"),
                province = c("North", "North", "South", "South", "South"))
}

test_that("the five-municipality case by Hamilton and D'Hondt", {
  path <- five()
  # Quotas 25 * (5200, 2900, 1500, 300, 100) / 10000 = 13, 7.25, 3.75, 0.75,
  # 0.25.  Hamilton: floors 13, 7, 3, 0, 0 leave 2 places for the largest
  # remainders, C and D (0.75 each).
  hamilton <- distribute(25, municipalities = path)
  expect_identical(hamilton$places, c(13, 7, 4, 1, 0))
  expect_identical(hamilton$quota, c(13, 7.25, 3.75, 0.75, 0.25))
  # D'Hondt: with divisor 370, floor(P / 370) = 14, 7, 4, 0, 0 = 25 places,
  # and the next priority (B: 2900 / 8 = 362.5) is below the last one won
  # (A: 5200 / 14 = 371.4).
  dhondt <- distribute(25, method = "dhondt", municipalities = path)
  expect_identical(dhondt$places, c(14, 7, 4, 0, 0))
  expect_identical(attr(dhondt, "method"), "jefferson")
})

test_that("the columns, and the explanation of every number", {
  path <- five()
  table <- distribute(25, municipalities = path, explain = TRUE)
  expect_identical(names(table), c("code", "name", "province_code", "province", "population",
                                   "ses", "weight", "quota", "places", "amv", "regular",
                                   "floor", "remainder", "rank"))
  expect_identical(table$floor, c(13, 7, 3, 0, 0))
  expect_equal(table$remainder, c(0, 0.25, 0.75, 0.75, 0.25))
  # Remainder order: C and D (0.75; C first), then B and E (0.25), then A (0).
  expect_identical(table$rank, c(5, 3, 1, 2, 4))
  expect_true(all(is.na(table$ses)))
  expect_identical(table$weight, table$population)
  expect_identical(attr(table, "by_remainder"), 2)

  dhondt <- distribute(25, method = "dhondt", municipalities = path, explain = TRUE)
  expect_identical(names(dhondt)[15], "priority")
  # E wins no place: no priority.
  expect_true(is.na(dhondt$priority[5]))
  expect_equal(dhondt$priority[1], 5200 / 14)
})

test_that("the province level sums the municipalities", {
  table <- distribute(25, by = "province", municipalities = five())
  expect_identical(names(table), c("province_code", "province", "municipalities", "population",
                                   "places", "amv", "regular"))
  # North = A + B = 13 + 7, South = C + D + E = 4 + 1 + 0.
  expect_identical(table$places, c(20, 5))
  expect_identical(table$municipalities, c(2, 3))
  expect_identical(table$population, c(8100, 1900))
})

test_that("places add up to the total, per municipality and per province", {
  for (total in c(0, 1, 96000, 1e9)) {
    table <- distribute(total)
    expect_identical(nrow(table), 342L)
    expect_identical(sum(table$places), total, label = format(total))
    provinces <- distribute(total, by = "province")
    expect_identical(nrow(provinces), 12L)
    expect_identical(sum(provinces$places), total, label = format(total))
    expect_identical(provinces$places,
                     unname(vapply(split(table$places, table$province_code)[provinces$province_code],
                                   sum, 0)))
  }
})

test_that("the main job: 96,000 places with 8,140 AMV on the embedded register", {
  table <- distribute(96000, amv = 8140)
  population <- table$population
  expect_equal(table$quota, 96000 * population / sum(population), tolerance = 1e-12)
  # Hamilton gives every municipality its quota rounded down or up.
  expect_true(all(table$places == floor(table$quota) | table$places == ceiling(table$quota)))
  # AMV = round half up of N * A / C, in whole numbers: floor((2NA + C) / 2C).
  expect_identical(table$amv, floor((2 * table$places * 8140 + 96000) / (2 * 96000)))
  expect_identical(table$regular, table$places - table$amv)
  expect_identical(attr(table, "amv_residual"), sum(table$amv) - 8140)
  expect_identical(attr(table, "reference_date"), "2024-01-01")
})

test_that("AMV pairs: 169 places give 14 AMV places at 8,140 of 96,000", {
  # Populations 169 and 95,831 of 96,000: the quotas are whole, 169 and
  # 95,831.  169 * 8140 / 96000 = 14.33 -> 14; 95831 * 8140 / 96000 =
  # 8125.67 -> 8126; together 8,140 exactly.
  path <- register_file(c("GM0373", "GM0001"), c("Bloemendaal", "Rest"), c(169, 95831))
  table <- distribute(96000, amv = 8140, municipalities = path)
  expect_identical(table$places, c(169, 95831))
  expect_identical(table$amv, c(14, 8126))
  expect_identical(table$regular, c(155, 87705))
  expect_identical(attr(table, "amv_residual"), 0)
})

test_that("AMV rounds half up, and 'apportion' makes the sum exact", {
  # 100 places, 10 AMV over places 5 and 95: 0.5 -> 1 and 9.5 -> 10, one too many.
  path <- register_file(c("GM0001", "GM0002"), c("A", "B"), c(5, 95))
  rounded <- distribute(100, amv = 10, municipalities = path)
  expect_identical(rounded$amv, c(1, 10))
  expect_identical(attr(rounded, "amv_sum"), 11)
  expect_identical(attr(rounded, "amv_residual"), 1)
  # Largest remainder over the places: quotas 0.5 and 9.5, the tie to the first.
  exact <- distribute(100, amv = 10, amv_mode = "apportion", municipalities = path)
  expect_identical(exact$amv, c(1, 9))
  expect_identical(attr(exact, "amv_residual"), 0)
  # 6 of 96,000 with 8,140 AMV: 0.509 -> 1; 5: 0.424 -> 0.
  path <- register_file(c("GM0001", "GM0002", "GM0003"), c("A", "B", "C"), c(6, 5, 95989))
  expect_identical(distribute(96000, amv = 8140, municipalities = path)$amv[1:2], c(1, 0))
})

test_that("linear SES: a richer municipality never gets fewer places per inhabitant", {
  # Equal populations, scores -0.2, 0, 0.1, 0.3: weights 800, 1000, 1100, 1300
  # (sum 4200), so 42 places give quotas 8, 10, 11, 13 exactly.
  codes <- sprintf("GM000%d", 1:4)
  path <- register_file(codes, LETTERS[1:4], rep(1000, 4), ses = c(-0.2, 0, 0.1, 0.3))
  # The register's scores count unless population alone is asked for.
  table <- distribute(42, municipalities = path)
  expect_identical(attr(table, "ses_transform"), "linear")
  expect_identical(table$places, c(8, 10, 11, 13))
  population <- distribute(42, ses_transform = "none", municipalities = path)
  expect_identical(attr(population, "ses_transform"), "none")
  expect_identical(population$places, c(11, 11, 10, 10))  # 10.5 each, ties to the first
  linear <- distribute(42, ses_transform = "linear", municipalities = path)
  expect_identical(linear$places, c(8, 10, 11, 13))
  for (total in c(7, 100, 999, 12345)) {
    places <- distribute(total, ses_transform = "linear", municipalities = path)$places
    expect_false(is.unsorted(places), label = format(total))
  }
})

test_that("SES scores from a file, a data.frame or a named vector", {
  codes <- sprintf("GM000%d", 1:4)
  path <- register_file(codes, LETTERS[1:4], rep(1000, 4))
  scores <- c(GM0001 = -0.2, GM0002 = 0, GM0003 = 0.1, GM0004 = 0.3)
  file <- write_utf8_file(c("code,ses", paste(names(scores), scores, sep = ",")))
  frame <- data.frame(code = names(scores), ses = unname(scores))
  for (ses in list(file, frame, scores)) {
    table <- distribute(42, ses = ses, municipalities = path)
    expect_identical(attr(table, "ses_transform"), "linear")
    expect_identical(table$places, c(8, 10, 11, 13))
    expect_identical(table$ses, unname(scores))
  }
})

test_that("compare_distribution sets a published table beside the computed one", {
  path <- five()
  # Computed: 13, 7, 4, 1, 0 and with A = 5 of C = 25 AMV 3, 1, 1, 0, 0
  # (13 / 5 = 2.6 -> 3, 7 / 5 = 1.4 -> 1, 4 / 5 = 0.8 -> 1, 0.2 -> 0).
  published <- data.frame(code = c("GM0002", "GM0001", "GM0004", "GM0003"),
                          places = c(8, 13, 0, 4), amv = c(1, NA, 0, 2))
  table <- compare_distribution(published, 25, amv = 5, municipalities = path)
  expect_identical(names(table), c("code", "name", "computed", "published", "difference",
                                   "computed_amv", "published_amv", "amv_difference"))
  expect_identical(table$code, c("GM0002", "GM0001", "GM0004", "GM0003"))
  expect_identical(table$name, c("B", "A", "D", "C"))
  expect_identical(table$computed, c(7, 13, 1, 4))
  expect_identical(table$difference, c(-1, 0, 1, 0))
  expect_identical(table$computed_amv, c(1, NA, 0, 1))
  expect_identical(table$amv_difference, c(0, NA, 0, -1))
  expect_identical(attr(table, "rows"), 4)
  expect_identical(attr(table, "exact"), 2)
  # |difference| 1 twice: the first of equals.
  expect_identical(attr(table, "largest_difference"), -1)
  expect_identical(attr(table, "largest_code"), "GM0002")

  by_name <- write_utf8_file(c("name,places", "E,2", "A,13"))
  table <- compare_distribution(by_name, 25, municipalities = path)
  expect_identical(table$code, c("GM0005", "GM0001"))
  expect_identical(table$difference, c(-2, 0))
  expect_true(all(is.na(table$published_amv)))
})

test_that("compare_distribution errors carry the library's message", {
  path <- five()
  unknown <- write_utf8_file(c("code,places", "GM0001,13", "GM9999,1"))
  expect_error(compare_distribution(unknown, 25, municipalities = path), "GM9999",
               class = "opvang_error")
  expect_identical(error_status(compare_distribution(unknown, 25, municipalities = path)),
                   OPV_ENOTFOUND)
  twice <- data.frame(code = c("GM0001", "GM0001"), places = c(1, 2))
  expect_identical(error_status(compare_distribution(twice, 25, municipalities = path)),
                   OPV_EDUPLICATE)
  expect_error(compare_distribution(data.frame(places = 1), 25, municipalities = path), "'code'",
               class = "opvang_error")
  expect_error(compare_distribution(data.frame(code = "GM0001", places = 1.5), 25,
                                    municipalities = path),
               "whole", class = "opvang_error")
})

test_that("compare_distribution leaves testthat::compare alone", {
  # compare() was the old name; exported, it masked testthat::compare().
  expect_false("compare" %in% getNamespaceExports("opvang"))
  expect_true("compare_distribution" %in% getNamespaceExports("opvang"))
})

test_that("distribute errors carry the library's message", {
  path <- five()
  expect_error(distribute(100, amv = 200), "200", class = "opvang_error")
  expect_identical(error_status(distribute(100, amv = 200)), OPV_ERANGE)
  expect_identical(error_status(distribute(-1)), OPV_ERANGE)
  expect_identical(error_status(distribute(2.5)), OPV_ERANGE)
  expect_error(distribute(10, method = "borda"), "borda", class = "opvang_error")
  expect_identical(error_status(distribute(10, amv_mode = "floor")), OPV_ENOTFOUND)
  expect_identical(error_status(distribute(10, ses_transform = "log")), OPV_ENOTFOUND)
  # Linear without scores names the first municipality without one.
  expect_error(distribute(10, ses_transform = "linear", municipalities = path), "GM0001",
               class = "opvang_error")
  expect_identical(error_status(distribute(10, ses_transform = "linear", municipalities = path)),
                   OPV_EINVAL)
  # A factor 1 + ses of 0 or less.
  scores <- c(GM0001 = 0, GM0002 = 0, GM0003 = 0, GM0004 = -1, GM0005 = 0)
  expect_error(distribute(10, ses = scores, municipalities = path), "GM0004",
               class = "opvang_error")
  expect_identical(error_status(distribute(10, ses = c(GM9999 = 0.1))), OPV_ENOTFOUND)
  expect_identical(error_status(distribute(10, ses = c(GM0014 = Inf))), OPV_ERANGE)
  unknown <- write_utf8_file(c("code,ses", "GM9999,0.1"))
  expect_error(distribute(10, ses = unknown), "GM9999", class = "opvang_error")
  expect_identical(error_status(distribute(10, by = "country")), OPV_ENOTFOUND)
  expect_identical(error_status(distribute(10, by = "province", explain = TRUE)), OPV_EINVAL)
  expect_error(distribute("10"), "'total' must be one number")
})
