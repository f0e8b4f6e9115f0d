# SPDX-License-Identifier: EUPL-1.2
# The array conventions of the shared interface as opvang_r.i carries them:
# the package's functions rest on these, so they are held here directly.

swig <- function(name) get(name, envir = asNamespace("opvang"))

test_that("an int64 input refuses what is not a whole number, naming the element from 1", {
  register <- swig("opv_register")("", "", 0L)
  n <- as.double(swig("opv_register_count")(register))
  provinces <- as.double(swig("opv_register_province_count")(register))
  sum_by_province <- swig("opv_swig_sum_by_province")
  values <- rep(1, n)
  expect_identical(sum(sum_by_province(provinces, register, values)$sums), n)

  values[[3]] <- 2.5
  error <- tryCatch(sum_by_province(provinces, register, values), opvang_error = function(e) e)
  expect_s3_class(error, "opvang_error")
  expect_identical(error$status, OPV_EINVAL)
  expect_identical(conditionMessage(error),
                   "'values' element 3 is not a whole number from -2^53 to 2^53 (2.5)")
  values[[3]] <- NA
  expect_error(sum_by_province(provinces, register, values), "'values' element 3 .* \\(NA\\)",
               class = "opvang_error")
  values[[3]] <- NaN
  expect_error(sum_by_province(provinces, register, values), "\\(NaN\\)", class = "opvang_error")
  values[[3]] <- 2^53 + 2
  expect_error(sum_by_province(provinces, register, values), "'values' element 3",
               class = "opvang_error")
  # Integers cross as doubles.
  expect_identical(sum(sum_by_province(provinces, register, rep(1L, n))$sums), n)
})

test_that("output columns come back as a named list, asked for by length", {
  register <- swig("opv_register")("", "", 0L)
  n <- as.double(swig("opv_register_count")(register))
  texts <- swig("opv_swig_register_texts")(n, 0, 0, n, register)
  expect_named(texts, c("code", "name", "province_code", "province"))
  expect_length(texts$code, n)
  expect_length(texts$name, 0L)  # length 0: not wanted
  expect_true(all(Encoding(texts$province) %in% c("unknown", "UTF-8")))
  numbers <- swig("opv_swig_register_numbers")(n, n, register)
  expect_named(numbers, c("population", "scores"))
  expect_type(numbers$population, "double")
  expect_true(all(is.na(numbers$scores) & !is.nan(numbers$scores)))  # no score: NA
  # A wrong length is the library's error; an impossible one the wrapper's.
  expect_error(swig("opv_swig_register_numbers")(n - 1, 0, register),
               "population must have", class = "opvang_error")
  expect_error(swig("opv_swig_register_numbers")(-1, 0, register), "the length of 'population'",
               class = "opvang_error")
})

test_that("a function's own value comes first, as result", {
  series <- swig("opv_swig_date_series")(0, "2026-01-01", "2026-03-01", "month")
  expect_named(series, c("result", "days"))
  expect_identical(series$result, 3L)
  days <- swig("opv_swig_date_series")(3, "2026-01-01", "2026-03-01", "month")$days
  expect_identical(days, as.double(as.Date(c("2026-01-01", "2026-02-01", "2026-03-01"))))
})

test_that("an allocated output is a double vector", {
  options <- swig("opv_apportion_options")()
  swig("opv_apportion_options_set_method")(options, "hamilton")
  expect_identical(swig("opv_swig_apportion")(3, c(5, 3, 2), 10, options, NULL, NULL, 1),
                   c(5, 3, 2))
})

test_that("a flag is one TRUE or FALSE, never NA or nothing", {
  expect_error(swig("opv_register")("", "", NA), "argument 'map_mergers' must be TRUE or FALSE")
  expect_error(swig("opv_register")("", "", logical(0)),
               "argument 'map_mergers' must be TRUE or FALSE")
  expect_identical(as.double(swig("opv_register_count")(swig("opv_register")("", "", FALSE))), 342)
})
