# SPDX-License-Identifier: EUPL-1.2
# Registers read from CSV files.

test_that("a CSV register keeps the file's rows, order and quoted names", {
  path <- write_utf8_file(c(
    "code,name,province_code,province,population",
    "GM0820,\"Nuenen, Gerwen en Nederwetten\",PV30,Noord-Brabant,24231",
    "GM0014,Groningen,PV20,Groningen,243768",
    "GM9001,\"De \"\"Quoted\"\" Gemeente\",PV30,Noord-Brabant,0"
  ))
  m <- municipalities(path)
  expect_identical(names(m), c("code", "name", "province_code", "province", "population"))
  expect_identical(m$code, c("GM0820", "GM0014", "GM9001"))
  expect_identical(m$name, c("Nuenen, Gerwen en Nederwetten", "Groningen",
                             "De \"Quoted\" Gemeente"))
  expect_identical(m$province, c("Noord-Brabant", "Groningen", "Noord-Brabant"))
  expect_identical(m$population, c(24231, 243768, 0))
  expect_identical(sum(m$population), 24231 + 243768)
  expect_identical(attr(m, "source"), path)
  expect_identical(attr(m, "reference_date"), NA_character_)
})

test_that("UTF-8 names survive, with CBS Dutch headers, CRLF and a byte order mark", {
  fryslan <- "Frysl\u00e2n"
  path <- write_utf8_file(c(
    "gemeentecode,gemeentenaam,provinciecode,provincienaam,inwoners,oppervlakte",
    paste0("GM1900,S\u00fadwest-", fryslan, ",PV21,", fryslan, ",90421,90786"),
    paste0("GM0088,Schiermonnikoog,PV21,", fryslan, ",972,20356")
  ), eol = "\r\n", bom = TRUE)
  m <- municipalities(path)
  expect_identical(m$code, c("GM1900", "GM0088"))
  expect_identical(m$name, c(paste0("S\u00fadwest-", fryslan), "Schiermonnikoog"))
  expect_identical(m$province, c(fryslan, fryslan))
  expect_identical(Encoding(m$province), c("UTF-8", "UTF-8"))
  expect_identical(m$population, c(90421, 972))
  expect_false("oppervlakte" %in% names(m))
})

test_that("an ses column becomes a numeric column with NA for empty cells", {
  path <- write_utf8_file(c(
    "code,name,province_code,province,population,ses",
    "GM0001,Een,PV20,Groningen,100,-0.25",
    "GM0002,Twee,PV20,Groningen,200,",
    "GM0003,Drie,PV20,Groningen,300,0.125"
  ))
  m <- municipalities(path)
  expect_identical(names(m), c("code", "name", "province_code", "province", "population", "ses"))
  expect_identical(m$ses, c(-0.25, NA, 0.125))
})

test_that("populations beyond R's 32-bit integers stay exact", {
  path <- write_utf8_file(c(
    "code,name,province_code,province,population",
    "GM0001,Groot,PV20,Groningen,9007199254740991"
  ))
  m <- municipalities(path)
  expect_identical(m$population, 2^53 - 1)
})

test_that("a missing file is an R error that names it", {
  path <- file.path(tempdir(), "no-such-register.csv")
  expect_error(municipalities(path), "no-such-register\\.csv", class = "opvang_error")
  expect_identical(error_status(municipalities(path)), OPV_EIO)
})

test_that("a duplicate code is an R error that names the code and both lines", {
  path <- write_utf8_file(c(
    "code,name,province_code,province,population",
    "GM0014,Groningen,PV20,Groningen,243768",
    "GM0034,Almere,PV24,Flevoland,226500",
    "GM0014,Groningen,PV20,Groningen,1"
  ))
  expect_error(municipalities(path), "GM0014", class = "opvang_error")
  expect_error(municipalities(path), ":4: .*GM0014.*line 2")
  expect_identical(error_status(municipalities(path)), OPV_EDUPLICATE)
})

test_that("malformed registers are R errors naming file and line", {
  bad_population <- write_utf8_file(c(
    "code,name,province_code,province,population",
    "GM0014,Groningen,PV20,Groningen,243768",
    "GM0034,Almere,PV24,Flevoland,12.5"
  ))
  expect_error(municipalities(bad_population), paste0(basename(bad_population), ":3"),
               class = "opvang_error")
  expect_identical(error_status(municipalities(bad_population)), OPV_EPARSE)

  negative <- write_utf8_file(c(
    "code,name,province_code,province,population",
    "GM0014,Groningen,PV20,Groningen,-5"
  ))
  expect_identical(error_status(municipalities(negative)), OPV_ERANGE)

  missing_column <- write_utf8_file(c(
    "code,name,province_code,province",
    "GM0014,Groningen,PV20,Groningen"
  ))
  expect_error(municipalities(missing_column), "population", class = "opvang_error")

  two_names <- write_utf8_file(c(
    "code,name,province_code,province,population",
    "GM0014,Groningen,PV20,Groningen,1",
    "GM0037,Stadskanaal,PV20,Drenthe,1"
  ))
  expect_error(municipalities(two_names), "PV20", class = "opvang_error")

  bad_utf8 <- tempfile(fileext = ".csv")
  writeBin(c(charToRaw("code,name,province_code,province,population\nGM0014,Gr"),
             as.raw(0xff), charToRaw("ningen,PV20,Groningen,1\n")), bad_utf8)
  expect_error(municipalities(bad_utf8), "UTF-8", class = "opvang_error")
  expect_identical(error_status(municipalities(bad_utf8)), OPV_EPARSE)
})
