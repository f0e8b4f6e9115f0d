# SPDX-License-Identifier: EUPL-1.2
# Apportionment.  Every expected vector below is worked out by hand in the
# comment above it.

# European Parliament 2019, Austria: 18 seats by D'Hondt.  Published result:
# ÖVP 7, SPÖ 5, FPÖ 3, Grüne 2, NEOS 1.
austria_2019 <- c(OVP = 1305956, SPO = 903151, FPO = 650114, Greens = 532193, NEOS = 319024)

test_that("D'Hondt reproduces the Austrian 2019 European election", {
  seats <- apportion(austria_2019, 18, method = "dhondt")
  expect_identical(seats, c(OVP = 7, SPO = 5, FPO = 3, Greens = 2, NEOS = 1))
})

test_that("D'Hondt answers to all its names, in any case", {
  expected <- c(7, 5, 3, 2, 1)
  for (name in c("jefferson", "dhondt", "d'hondt", "DHondt", "Jefferson")) {
    expect_identical(unname(apportion(austria_2019, 18, name)), expected, label = name)
  }
})

test_that("Hamilton gives the floors of the quotas plus the largest remainders", {
  # Quotas 7 * (5, 3, 2) / 10 = 3.5, 2.1, 1.4: floors 3, 2, 1 leave one seat,
  # which goes to the largest remainder (0.5, unit 1).
  expect_identical(apportion(c(5, 3, 2), 7), c(4, 2, 1))
  # Quotas 10 * (6, 3, 1) / 10 = 6, 3, 1 exactly: nothing left over.
  expect_identical(apportion(c(6, 3, 1), 10, "hamilton"), c(6, 3, 1))
  # Quotas 20 * (0.47, 0.33, 0.20) = 9.4, 6.6, 4: floors 9, 6, 4 leave one
  # seat for the largest remainder, 0.6 of unit 2.
  expect_identical(apportion(c(47, 33, 20), 20), c(9, 7, 4))
  # Quotas 2/3 each: two seats for three equal remainders; the lower index wins.
  expect_identical(apportion(c(1, 1, 1), 2), c(1, 1, 0))
})

test_that("Hamilton answers to its aliases", {
  for (name in c("hamilton", "largest-remainder", "hare", "Hamilton", "HARE")) {
    expect_identical(apportion(c(5, 3, 2), 7, name), c(4, 2, 1), label = name)
  }
})

test_that("Webster (Sainte-Lague) divides by 1, 3, 5, ...", {
  # Votes 53000, 24000, 23000 for 7 seats.  Quotients by 1, 3, 5, 7:
  #   A 53000 17667 10600 7571   B 24000 8000 4800   C 23000 7667 4600
  # The seven largest: 53000 A, 24000 B, 23000 C, 17667 A, 10600 A, 8000 B,
  # 7667 C, so A 3, B 2, C 2.
  votes <- c(53000, 24000, 23000)
  expect_identical(apportion(votes, 7, "webster"), c(3, 2, 2))
  # D'Hondt (1, 2, 3, ...) on the same votes: 53000 A, 26500 A, 24000 B,
  # 23000 C, 17667 A, 13250 A, 12000 B, so A 4, B 2, C 1.
  expect_identical(apportion(votes, 7, "dhondt"), c(4, 2, 1))

  # Weights 7, 2 for 3 seats.  Webster's priorities w / (s + 1/2): 14 (A),
  # then 4.67 (A) against 4 (B), then 2.8 (A) against 4 (B): A 2, B 1.
  # D'Hondt's w / (s + 1): 7 (A), 3.5 (A) against 2, 2.33 (A) against 2: A 3.
  expect_identical(apportion(c(7, 2), 3, "webster"), c(2, 1))
  expect_identical(apportion(c(7, 2), 3, "dhondt"), c(3, 0))
  # Austria under Sainte-Lague.  Quotients by 1, 3, 5, ... above 106,000:
  #   OVP 1305956 435319 261191 186565 145106 118723 (next 100458)
  #   SPO  903151 301050 180630 129022              (next 100350)
  #   FPO  650114 216705 130023                     (next  92873)
  #   Greens 532193 177398 106431                   (next  76028)
  #   NEOS 319024 106341                            (next  63805)
  # These are the 18 largest: 6, 4, 3, 3, 2 where D'Hondt gave 7, 5, 3, 2, 1.
  expect_identical(unname(apportion(austria_2019, 18, "sainte-lague")), c(6, 4, 3, 3, 2))
})

test_that("Webster answers to its aliases", {
  for (name in c("webster", "sainte-lague", "saint-lague", "Sainte-Lague")) {
    expect_identical(apportion(c(53000, 24000, 23000), 7, name), c(3, 2, 2), label = name)
  }
})

test_that("Adams and Huntington-Hill give every unit with a weight a seat", {
  # Adams divides by 0, 1, 2, ...: each unit's first seat has infinite
  # priority, so 100, 1, 1 for three seats is one each.
  expect_identical(apportion(c(100, 1, 1), 3, "adams"), c(1, 1, 1))
  expect_identical(apportion(c(100, 1, 1), 3, "huntington-hill"), c(1, 1, 1))
  expect_identical(apportion(c(100, 1, 1), 3, "hill"), c(1, 1, 1))
  # A fourth seat goes to the largest unit: priority 100 / 1 against 1 / 1.
  expect_identical(apportion(c(100, 1, 1), 4, "adams"), c(2, 1, 1))
  expect_identical(apportion(c(100, 1, 1), 4, "huntington-hill"), c(2, 1, 1))
})

test_that("results are doubles that add up to the total, also beyond 2^31", {
  # 10^10 over weights 1 and 3: exactly 2.5e9 and 7.5e9.
  big <- apportion(c(1, 3), 1e10)
  expect_type(big, "double")
  expect_identical(big, c(2.5e9, 7.5e9))
  # 2^53 split evenly over two units.
  expect_identical(apportion(c(1, 1), 2^53), c(2^52, 2^52))

  weights <- c(17, 4, 9, 0, 33, 2, 11)
  for (method in c("hamilton", "jefferson", "webster", "adams", "huntington-hill")) {
    for (total in c(6, 25, 101)) {
      seats <- apportion(weights, total, method)
      expect_identical(sum(seats), total, label = paste(method, total))
      expect_true(all(seats == floor(seats) & seats >= 0), label = paste(method, total))
      expect_identical(seats[4], 0, label = paste(method, total, "zero weight"))
    }
  }
})

test_that("integer weights, names and empty input work", {
  expect_identical(apportion(5:3, 12L), c(5, 4, 3))
  expect_identical(apportion(c(a = 1, b = 3), 4), c(a = 1, b = 3))
  expect_identical(apportion(numeric(0), 0), numeric(0))
  expect_identical(apportion(c(1, 2), 0), c(0, 0))
})

test_that("bounds clamp the quotas", {
  # Weights 10, 1 for 5 seats with unit 2 at least 2: its quota lambda * 1 is
  # clamped to 2, and lambda * 10 = 3 fills the rest.
  expect_identical(apportion(c(10, 1), 5, lower = c(0, 2)), c(3, 2))
  # Weights 10, 1, 1 for 6 seats with unit 1 at most 3: quotas 3, 1.5, 1.5;
  # floors 3, 1, 1 and the tie of remainders 0.5 goes to the lower index.
  expect_identical(apportion(c(10, 1, 1), 6, upper = c(3, 10, 10)), c(3, 2, 1))
})

test_that("bad input is an R error carrying the library's message", {
  # Positions count from 1, as in R.
  expect_error(apportion(c(3, -1, 2), 4), "'weights' element 2 is -1, negative",
               class = "opvang_error")
  expect_error(apportion(c(3, NaN, 2), 4), "'weights' element 2 is NaN", class = "opvang_error")
  expect_error(apportion(c(3, NA, 2), 4), "'weights' element 2 is NA", class = "opvang_error")
  expect_error(apportion(c(3, Inf), 4), "'weights' element 2 is Inf", class = "opvang_error")
  expect_error(apportion(c(0, 0, 0), 5), "all weights are zero", class = "opvang_error")
  expect_error(apportion(numeric(0), 5), "no units", class = "opvang_error")
  expect_error(apportion(c(1, 2), 3, "plurality"),
               "unknown apportionment method 'plurality'", class = "opvang_error")
  expect_error(apportion(c(1, 2), 2.5), "whole number", class = "opvang_error")
  expect_error(apportion(c(1, 2), -1), "total -1 is outside 0..2\\^53", class = "opvang_error")
  expect_error(apportion(c(1, 2), 2^53 + 2), "whole number", class = "opvang_error")
  expect_error(apportion(c(100, 1, 1), 2, "adams"), "too small", class = "opvang_error")
  expect_error(apportion(c(1, 2), 3, lower = c(0, 0, 0)), "one value per weight",
               class = "opvang_error")
  expect_error(apportion(c(1, 2), 3, lower = c(0.5, 0)), "'lower' element 1 is 0.5, not a whole number",
               class = "opvang_error")
  expect_error(apportion(c(1, 2), 3, lower = c(-1, 0)), "negative", class = "opvang_error")
  expect_error(apportion(c(1, 2), 3, lower = c(2, 2)), "lower bounds add up to more",
               class = "opvang_error")
})

test_that("errors carry the library's status code", {
  expect_identical(error_status(apportion(c(1, -1), 1)), OPV_EINVAL)
  expect_identical(error_status(apportion(c(1, 2), 3, "plurality")), OPV_ENOTFOUND)
  expect_identical(error_status(apportion(c(1, 2), -1)), OPV_ERANGE)
})

test_that("arguments of the wrong type are errors naming the argument", {
  expect_error(apportion("1", 2), "'weights' must be a numeric vector")
  expect_error(apportion(c(1, 2), c(1, 2)), "'total' must be one number")
  expect_error(apportion(c(1, 2), "3"), "'total' must be one number")
  expect_error(apportion(c(1, 2), 3, NA_character_), "'method' is NA; one method name is needed")
  expect_error(apportion(c(1, 2), 3, upper = "4"), "'upper' must be NULL or a numeric vector")
})

test_that("threads change nothing but the time", {
  # 2^18 units: two threads of 2^17.  The seats by exact integer arithmetic:
  # whole-number weights below 1000 and a total below 2^22 keep products
  # below 2^53, where doubles count exactly.
  set.seed(8)
  w <- as.double(sample.int(999L, 2^18, replace = TRUE))
  total <- 1000003
  product <- w * total
  floors <- floor(product / sum(w))
  remainders <- product - floors * sum(w)
  order <- order(-remainders, seq_along(w))
  expected <- floors
  left <- total - sum(floors)
  expected[order[seq_len(left)]] <- expected[order[seq_len(left)]] + 1
  expect_identical(apportion(w, total, threads = 1), expected)
  expect_identical(apportion(w, total, threads = 2), expected)
  expect_error(apportion(c(1, 2), 3, threads = 0), "threads 0 is outside 1..256",
               class = "opvang_error", fixed = TRUE)
  expect_error(apportion(c(1, 2), 3, threads = 1.5), "threads must be a whole number",
               class = "opvang_error")
  expect_error(apportion(c(1, 2), 3, threads = "2"), "'threads' must be one number")
})
