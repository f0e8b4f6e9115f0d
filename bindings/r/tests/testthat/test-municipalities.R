# SPDX-License-Identifier: EUPL-1.2
# The embedded register: CBS population of 1 January 2024.

test_that("the default register has one row per municipality and the documented columns", {
  m <- municipalities()
  expect_s3_class(m, "data.frame")
  expect_equal(nrow(m), 342L)
  expect_identical(names(m), c("code", "name", "province_code", "province", "population"))
  for (column in c("code", "name", "province_code", "province")) {
    expect_type(m[[column]], "character")
  }
  expect_type(m$population, "double")
  expect_false(anyNA(m))
  expect_identical(anyDuplicated(m$code), 0L)
  expect_true(all(grepl("^GM[0-9]{4}$", m$code)))
  expect_true(all(grepl("^PV[0-9]{2}$", m$province_code)))
})

test_that("populations are whole numbers adding up to the CBS national total", {
  m <- municipalities()
  expect_true(all(m$population == floor(m$population)))
  expect_true(all(m$population > 0))
  # CBS StatLine: 17,942,942 inhabitants on 1 January 2024.
  expect_identical(sum(m$population), 17942942)
})

test_that("known municipalities carry their CBS figures", {
  m <- municipalities()
  row <- function(code) m[m$code == code, ]

  amsterdam <- row("GM0363")
  expect_equal(nrow(amsterdam), 1L)
  expect_identical(amsterdam$name, "Amsterdam")
  expect_identical(amsterdam$population, 931298)
  expect_identical(amsterdam$province_code, "PV27")
  expect_identical(amsterdam$province, "Noord-Holland")

  expect_identical(row("GM0088")$name, "Schiermonnikoog")
  expect_identical(row("GM0088")$population, 972)
  expect_identical(m$code[which.min(m$population)], "GM0088")

  # The four largest, in order.
  largest <- m[order(-m$population), ][1:4, ]
  expect_identical(largest$code, c("GM0363", "GM0599", "GM0518", "GM0344"))
  expect_identical(largest$name, c("Amsterdam", "Rotterdam", "'s-Gravenhage", "Utrecht"))
  expect_identical(largest$population, c(931298, 670610, 566221, 374238))
})

test_that("the twelve provinces have their number of municipalities", {
  m <- municipalities()
  counts <- table(m$province_code)
  expected <- c(PV20 = 10, PV21 = 18, PV22 = 12, PV23 = 25, PV24 = 6, PV25 = 51,
                PV26 = 26, PV27 = 44, PV28 = 50, PV29 = 13, PV30 = 56, PV31 = 31)
  expect_identical(length(counts), 12L)
  expect_equal(as.vector(counts[names(expected)]), unname(expected))
  expect_identical(sum(expected), 342)
})

test_that("names are UTF-8 whatever the locale", {
  m <- municipalities()
  friesland <- "Frysl\u00e2n"
  expect_identical(unique(m$province[m$province_code == "PV21"]), friesland)
  expect_true("S\u00fadwest-Frysl\u00e2n" %in% m$name)
  expect_true(all(Encoding(m$province[m$province_code == "PV21"]) == "UTF-8"))
  expect_true(all(validUTF8(m$name)))
})

test_that("the register says where its figures come from", {
  m <- municipalities()
  expect_identical(attr(m, "reference_date"), "2024-01-01")
  expect_match(attr(m, "source"), "CBS")
})

test_that("the default register equals an independent read of its source CSV", {
  csv <- source_register_csv()
  skip_if(is.null(csv), "not inside the opvang source tree")
  # encoding = "UTF-8" marks the bytes as they are; a fileEncoding would
  # re-encode them to the locale's charset, which may not hold them.
  expected <- utils::read.csv(csv, encoding = "UTF-8", colClasses = "character")
  m <- municipalities()
  expect_identical(m$code, expected$gemeentecode)
  expect_identical(m$name, enc2utf8(expected$gemeentenaam))
  expect_identical(m$province_code, expected$provinciecode)
  expect_identical(m$province, enc2utf8(expected$provincienaam))
  expect_identical(m$population, as.numeric(expected$inwoners))
})

test_that("path = NULL is the default register and other paths are checked", {
  expect_identical(municipalities(NULL), municipalities())
  expect_error(municipalities(42), "'path' must be NULL or one file name")
  expect_error(municipalities(c("a.csv", "b.csv")), "'path' must be NULL or one file name")
  expect_error(municipalities(NA_character_), "'path' is NA", class = "opvang_error")
  expect_error(municipalities(""), "'path' is empty", class = "opvang_error")
})

test_that("opvang_version() is the library's MAJOR.MINOR.PATCH", {
  expect_match(opvang_version(), "^[0-9]+\\.[0-9]+\\.[0-9]+$")
  expect_identical(opvang_version(), as.character(utils::packageVersion("opvang")))
})

test_that("the package's example files are those of examples/", {
  examples <- normalizePath(file.path(test_path(), "..", "..", "..", "..", "examples"),
                            mustWork = FALSE)
  skip_if(!dir.exists(examples), "examples/ is not at hand")
  copies <- c(synthetic_locations.csv = "data", spreidingswet_2024_provinces.csv = "data",
              march_2026.json = "scenarios")
  for (file in names(copies)) {
    shipped <- system.file("extdata", file, package = "opvang")
    expect_true(nzchar(shipped), label = file)
    expect_identical(unname(tools::md5sum(shipped)),
                     unname(tools::md5sum(file.path(examples, copies[[file]], file))),
                     label = file)
  }
})
