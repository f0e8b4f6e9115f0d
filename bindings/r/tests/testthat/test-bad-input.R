# SPDX-License-Identifier: EUPL-1.2
# The bad-input matrix through R: every function that reads a file, given
# broken files.  The same cases as tests/test_bad_input.c and
# tests/python/test_bad_input.py.  Each case asserts an "opvang_error", its
# status code, and that the message names the place: the file and line, or
# for a scenario the file and the field.

line_limit <- 2^20   # longest line the CSV reader takes
field_limit <- 2^16  # longest field
locations_header <- "id,code,name,type,agreed_capacity,capacity,opens,closes\n"

# header, a correct row, another correct row (written first in the field
# cases), and the call that reads a file.
loader <- function(header, row, other_row, call) {
  list(header = header, row = row, other_row = other_row, call = call)
}

loaders <- list(
  "municipalities" = loader(
    "code,name,province_code,province,population\n", "GM0001,A,PV20,P,10\n",
    "GM0002,B,PV20,P,20\n", function(path) municipalities(path)),
  "distribute(ses)" = loader(
    "code,ses\n", "GM0363,0.1\n", "GM0088,1\n", function(path) distribute(96000, ses = path)),
  "compare_distribution(published)" = loader(
    "code,places\n", "GM0363,4479\n", "GM0088,5\n", function(path) compare_distribution(path, 96000)),
  "housing_task(previous_balance)" = loader(
    "code,balance\n", "GM0363,12\n", "GM0088,1\n",
    function(path) housing_task(13000, "2025-H2", previous_balance = path)),
  "housing_task(realised)" = loader(
    "code,realised\n", "GM0363,12\n", "GM0088,1\n",
    function(path) housing_task(13000, "2025-H2", realised = path)),
  "housing_task(swaps)" = loader(
    "agreement,code,delta\n", "A,GM0363,5\n", "A,GM0088,-5\n",
    function(path) housing_task(13000, "2025-H2", swaps = path)),
  "supervision(history)" = loader(
    "code,period,balance\n", "GM0363,2025-H1,5\n", "GM0088,2025-H1,1\n",
    function(path) supervision(path, as_of = "2026-03-01")),
  "places(locations)" = loader(
    locations_header, "L1,GM0363,a,azc,10,10,2026-01-01,\n", "L0,GM0088,b,azc,1,1,2026-01-01,\n",
    function(path) places(path, date = "2026-07-01")),
  "capacity(locations)" = loader(
    locations_header, "L1,GM0363,a,azc,10,10,2026-01-01,\n", "L0,GM0088,b,azc,1,1,2026-01-01,\n",
    function(path) capacity(path, "2026-01-05", "2026-03-02")))

readers <- c(lapply(loaders, `[[`, "call"),
             list("project(scenario)" = function(path) project(path)))

write_bytes <- function(bytes, name = "bad.csv") {
  dir <- tempfile("opvang-bad-")
  dir.create(dir)
  path <- file.path(dir, name)
  writeBin(bytes, path)
  path
}

# `call(path)` signals an opvang_error with `status` and a message holding
# `needle` and starting with the file name (and `line`, when given).
expect_refused <- function(what, call, path, status, needle, line = NULL, names_file = TRUE) {
  error <- tryCatch({
    call(path)
    NULL
  }, opvang_error = function(e) e)
  expect_s3_class(error, "opvang_error")
  if (is.null(error)) {
    return(invisible(NULL))
  }
  message <- conditionMessage(error)
  expect_identical(error$status, status, label = paste(what, "status:", message))
  expect_true(grepl(needle, message, fixed = TRUE), label = paste(what, ":", message))
  if (names_file) {
    place <- paste0(path, ":", if (is.null(line)) "" else paste0(line, ":"))
    expect_identical(substr(message, 1, nchar(place)), place, label = paste(what, ":", message))
  }
  invisible(message)
}

raw_text <- function(...) charToRaw(paste0(...))

# ---- broken files: the same for every CSV reader ---------------------------------

broken_files <- list(
  # list(case, contents from header and row (raw), status, what the message says, line)
  list("empty", function(h, r) raw(0), OPV_EPARSE, "file is empty", NULL),
  list("byte order mark only", function(h, r) as.raw(c(0xef, 0xbb, 0xbf)), OPV_EPARSE,
       "file is empty", NULL),
  list("blank lines", function(h, r) raw_text("\n\n"), OPV_EPARSE, "no header row", NULL),
  list("wrong header", function(h, r) raw_text("these,are,not,the,right,columns,at,all\n",
                                               "1,2,3,4,5,6,7,8\n"),
       OPV_EPARSE, "missing column", 1),
  list("a field too few", function(h, r) c(h, r, raw_text("X\n")), OPV_EPARSE,
       "row has 1 field but the header has", 3),
  list("a field too many", function(h, r) c(h, r[-length(r)], raw_text(",extra\n")), OPV_EPARSE,
       "but the header has", 2),
  list("invalid UTF-8", function(h, r) c(h, as.raw(c(0xff, 0xfe)), r), OPV_EPARSE,
       "invalid UTF-8 (byte 0xFF)", 2),
  list("a NUL byte", function(h, r) c(h, r[1], as.raw(0), r[-(1:2)]), OPV_EPARSE, "NUL byte", 2),
  list("a 10 MB field", function(h, r) c(h, rep(charToRaw("x"), 10 * 2^20), raw_text("\n")),
       OPV_ERANGE, sprintf("line is longer than %d bytes", line_limit), 2),
  list("a very long line of short fields",
       function(h, r) c(h, rep(charToRaw("x,"), 5 * 2^20), raw_text("\n")),
       OPV_ERANGE, sprintf("line is longer than %d bytes", line_limit), 2),
  list("a 70 kB field on a short line", function(h, r) c(h, rep(charToRaw("y"), 70000),
                                                          raw_text("\n")),
       OPV_ERANGE, sprintf("field 1 is longer than %d bytes", field_limit), 2),
  list("an unterminated quote", function(h, r) c(h, raw_text("\"unterminated,"), r), OPV_EPARSE,
       "malformed CSV", 2))

for (name in names(loaders)) {
  test_that(paste(name, "refuses the same broken files as every reader"), {
    spec <- loaders[[name]]
    for (case in broken_files) {
      path <- write_bytes(case[[2]](charToRaw(spec$header), charToRaw(spec$row)))
      expect_refused(paste(name, case[[1]]), spec$call, path, case[[3]], case[[4]], case[[5]])
      unlink(dirname(path), recursive = TRUE)
    }
  })
}

# A header alone is refused where a table must name something, and is a table
# of no rows where rows left out count as zero (as in tests/python).
header_only_refused <- c("municipalities", "compare_distribution(published)", "supervision(history)")

for (name in names(loaders)) {
  test_that(paste(name, "and a header alone"), {
    spec <- loaders[[name]]
    path <- write_bytes(charToRaw(spec$header))
    if (name %in% header_only_refused) {
      expect_refused(paste(name, "header only"), spec$call, path, OPV_EPARSE, "(header only)")
    } else if (name == "distribute(ses)") {
      # Read as no scores at all, which the linear transform cannot do without.
      expect_error(spec$call(path), "GM0014 (Groningen) has no SES score", fixed = TRUE,
                   class = "opvang_error")
    } else {
      expect_gt(nrow(spec$call(path)), 0)
    }
    unlink(dirname(path), recursive = TRUE)
  })
}

# ---- one bad field, on line 3 after a good row -----------------------------------------

field_cases <- list(
  # list(loader, field number (from 1), value, status, what the message says)
  list("municipalities", 5, "12a", OPV_EPARSE, "'12a' is not a whole number"),
  list("municipalities", 5, "-5", OPV_ERANGE, "population is negative"),
  list("municipalities", 5, "99999999999999999999", OPV_ERANGE, "out of range for a whole number"),
  list("municipalities", 5, "nan", OPV_EPARSE, "'nan' is not a whole number"),
  list("municipalities", 1, "GM12345", OPV_EPARSE, "'GM12345' is not a municipality code"),
  list("municipalities", 1, "GM0002", OPV_EDUPLICATE, "GM0002 occurs twice (also on line 2)"),
  list("distribute(ses)", 2, "nan", OPV_ERANGE, "'nan' is not a finite number"),
  list("distribute(ses)", 2, "inf", OPV_ERANGE, "'inf' is not a finite number"),
  list("distribute(ses)", 2, "-Infinity", OPV_ERANGE, "'-Infinity' is not a finite number"),
  list("distribute(ses)", 2, "1e400", OPV_ERANGE, "'1e400' is not a finite number"),
  list("distribute(ses)", 2, "abc", OPV_EPARSE, "'abc' is not a number"),
  list("distribute(ses)", 1, "GM9999", OPV_ENOTFOUND, "'GM9999' is not in the register"),
  list("distribute(ses)", 1, "GM0088", OPV_EDUPLICATE, "'GM0088' occurs twice (also on line 2)"),
  list("compare_distribution(published)", 2, "-3", OPV_ERANGE, "cannot be negative"),
  list("compare_distribution(published)", 2, "abc", OPV_EPARSE, "'abc' is not a whole number"),
  list("compare_distribution(published)", 2, "nan", OPV_EPARSE, "'nan' is not a whole number"),
  list("compare_distribution(published)", 2, "9223372036854775808", OPV_ERANGE, "out of range"),
  list("compare_distribution(published)", 1, "GM9999", OPV_ENOTFOUND, "'GM9999' is not in the register"),
  list("compare_distribution(published)", 1, "GM0088", OPV_EDUPLICATE, "is listed twice"),
  list("housing_task(previous_balance)", 2, "1.5", OPV_EPARSE, "'1.5' is not a whole number"),
  list("housing_task(previous_balance)", 2, "nan", OPV_EPARSE, "'nan' is not a whole number"),
  list("housing_task(previous_balance)", 2, "9223372036854775808", OPV_ERANGE, "out of range"),
  list("housing_task(previous_balance)", 1, "GM9999", OPV_ENOTFOUND,
       "'GM9999' is not in the register"),
  list("housing_task(previous_balance)", 1, "GM0088", OPV_EDUPLICATE, "'GM0088' occurs twice"),
  list("housing_task(realised)", 2, "1.5", OPV_EPARSE, "'1.5' is not a whole number"),
  list("housing_task(realised)", 2, "9223372036854775808", OPV_ERANGE, "out of range"),
  list("housing_task(realised)", 1, "GM9999", OPV_ENOTFOUND, "'GM9999' is not in the register"),
  list("housing_task(realised)", 1, "GM0088", OPV_EDUPLICATE, "'GM0088' occurs twice"),
  list("housing_task(swaps)", 3, "five", OPV_EPARSE, "'five' is not a whole number"),
  list("housing_task(swaps)", 3, "nan", OPV_EPARSE, "'nan' is not a whole number"),
  list("housing_task(swaps)", 3, "99999999999999999999", OPV_ERANGE, "out of range"),
  list("supervision(history)", 2, "2025-H3", OPV_EPARSE, "'2025-H3' is not a half-year"),
  list("supervision(history)", 2, "2025-2", OPV_EPARSE, "'2025-2' is not a half-year"),
  list("supervision(history)", 3, "NaN", OPV_EPARSE, "'NaN' is not a whole number"),
  list("supervision(history)", 3, "99999999999999999999", OPV_ERANGE, "out of range"),
  list("places(locations)", 7, "2026-02-30", OPV_EPARSE,
       "'2026-02-30' is not a date of the calendar"),
  list("places(locations)", 7, "2026/01/01", OPV_EPARSE, "'2026/01/01' is not a date"),
  list("places(locations)", 5, "-10", OPV_ERANGE, "capacity cannot be negative"),
  list("places(locations)", 6, "1e3", OPV_EPARSE, "'1e3' is not a whole number"),
  list("places(locations)", 6, "inf", OPV_EPARSE, "'inf' is not a whole number"),
  list("places(locations)", 6, "99999999999999999999", OPV_ERANGE, "out of range"),
  list("places(locations)", 2, "GM9999", OPV_ENOTFOUND, "'GM9999' is not in the register"),
  list("places(locations)", 4, "tent", OPV_ENOTFOUND, "'tent' is not a location type"),
  list("places(locations)", 1, "L0", OPV_EDUPLICATE, "location id 'L0' occurs twice"),
  list("capacity(locations)", 7, "2026-02-30", OPV_EPARSE,
       "'2026-02-30' is not a date of the calendar"),
  list("capacity(locations)", 5, "-10", OPV_ERANGE, "capacity cannot be negative"),
  list("capacity(locations)", 2, "GM9999", OPV_ENOTFOUND, "'GM9999' is not in the register"),
  list("capacity(locations)", 1, "L0", OPV_EDUPLICATE, "location id 'L0' occurs twice"))

# Found by the model after the file was read, these name what they are about
# without the file: the municipality, the agreement, or the input line.
model_cases <- list(
  list("housing_task(realised)", 2, "-3", OPV_ERANGE,
       "realised count -3 of GM0363 (Amsterdam) is negative"),
  list("housing_task(swaps)", 2, "GM9999", OPV_ENOTFOUND,
       "swap agreement 'A': municipality code 'GM9999' is not in the register"),
  list("supervision(history)", 1, "GM9999", OPV_ENOTFOUND,
       "line 3: municipality code 'GM9999' is not in the register"),
  list("supervision(history)", 1, "GM0088", OPV_EDUPLICATE,
       "GM0088 has two balances for 2025-H1 (line 2 and line 3)"))

file_with_field <- function(spec, field, value) {
  # strsplit() drops a trailing empty field ("...,2026-01-01,"); the header
  # says how many there are.
  cells <- strsplit(sub("\n$", "", spec$row), ",", fixed = TRUE)[[1]]
  length(cells) <- length(strsplit(spec$header, ",", fixed = TRUE)[[1]])
  cells[is.na(cells)] <- ""
  cells[[field]] <- value
  write_bytes(raw_text(spec$header, spec$other_row, paste(cells, collapse = ","), "\n"))
}

test_that("a bad field names the file and line 3", {
  for (case in field_cases) {
    spec <- loaders[[case[[1]]]]
    path <- file_with_field(spec, case[[2]], case[[3]])
    expect_refused(paste(case[[1]], case[[3]]), spec$call, path, case[[4]], case[[5]], line = 3)
  }
})

test_that("a bad record found by the model names what it is about", {
  for (case in model_cases) {
    spec <- loaders[[case[[1]]]]
    path <- file_with_field(spec, case[[2]], case[[3]])
    expect_refused(paste(case[[1]], case[[3]]), spec$call, path, case[[4]], case[[5]],
                   names_file = FALSE)
  }
})

# ---- files that cannot be read ---------------------------------------------------------

test_that("a directory", {
  dir <- tempfile("opvang-dir-")
  dir.create(dir)
  for (name in names(readers)) {
    needle <- if (name == "project(scenario)") "cannot read (a directory?)" else "is a directory"
    expect_refused(name, readers[[name]], dir, OPV_EIO, needle)
  }
})

test_that("a file that is not there", {
  missing <- file.path(tempfile("opvang-none-"), "missing.csv")
  for (name in names(readers)) {
    expect_refused(name, readers[[name]], missing, OPV_EIO, "cannot open")
  }
})

scenario_lines <- c(
  "{",
  " \"start\": \"2026-03-30\",",
  " \"weeks\": 4,",
  " \"initial\": {",
  "  \"in_procedure\": 1,",
  "  \"status_holders\": 0,",
  "  \"other\": 0",
  " },",
  " \"inflow_per_week\": 1,",
  " \"decision_rate\": 0,",
  " \"grant_rate\": 0,",
  " \"housing_per_week\": 0,",
  " \"departure_rate\": 0,",
  " \"capacity\": {",
  "  \"initial\": 5",
  " }",
  "}")
good_scenario <- paste0(paste(scenario_lines, collapse = "\n"), "\n")

test_that("an unreadable file", {
  skip_if(Sys.info()[["effective_user"]] == "root", "root reads a file without read permission")
  for (name in names(readers)) {
    contents <- if (name == "project(scenario)") good_scenario else
      paste0(loaders[[name]]$header, loaders[[name]]$row)
    path <- write_bytes(charToRaw(contents), "secret.csv")
    Sys.chmod(path, "000")
    expect_refused(name, readers[[name]], path, OPV_EIO, "cannot open")
  }
})

# ---- scenarios ------------------------------------------------------------------------

# The good scenario with its first `old` replaced by the bytes `new`.
scenario_with <- function(old, new) {
  at <- regexpr(old, good_scenario, fixed = TRUE)
  stopifnot(at > 0)
  text <- charToRaw(good_scenario)
  c(text[seq_len(at - 1)], if (is.raw(new)) new else charToRaw(new),
    text[-seq_len(at - 1 + nchar(old, type = "bytes"))])
}

scenario_cases <- list(
  # list(case, file contents, status, place after the file name, what the message says)
  list("empty", raw(0), OPV_EPARSE, " ", "empty scenario"),
  list("blank lines", raw_text("\n\n"), OPV_EPARSE, "3:", "'[' or '{' expected"),
  list("not closed", raw_text("{"), OPV_EPARSE, "1:1:", "expected near end of file"),
  list("not an object", raw_text("[]"), OPV_EPARSE, " ", "a scenario is a JSON object"),
  list("invalid UTF-8", scenario_with("\"2026-03-30\"", as.raw(c(0x22, 0xff, 0x22))), OPV_EPARSE,
       "2:", "unable to decode byte 0xff"),
  list("a NUL byte", scenario_with("2026-03-30", c(raw_text("2026"), as.raw(0),
                                                   raw_text("-03-30"))),
       OPV_EPARSE, "2:", "control character 0x0"),
  list("a date that does not exist", scenario_with("2026-03-30", "2026-02-30"), OPV_EPARSE,
       " field 'start'", "'2026-02-30' is not a date of the calendar"),
  list("a half-year for a date", scenario_with("2026-03-30", "2025-H3"), OPV_EPARSE,
       " field 'start'", "'2025-H3' is not a date"),
  list("a 10 MB field", scenario_with("2026-03-30", strrep("x", 10 * 2^20)), OPV_EPARSE,
       " field 'start'", "is not a date"),
  list("a number past int64", scenario_with("\"weeks\": 4", "\"weeks\": 99999999999999999999"),
       OPV_EPARSE, "3:", "too big integer"),
  list("NaN", scenario_with("\"weeks\": 4", "\"weeks\": NaN"), OPV_EPARSE, "3:", "invalid token"),
  list("infinity", scenario_with("\"decision_rate\": 0", "\"decision_rate\": 1e400"), OPV_EPARSE,
       "10:", "real number overflow"),
  list("a negative count", scenario_with("\"other\": 0", "\"other\": -1"), OPV_ERANGE,
       " field 'initial.other'", "must not be negative"),
  list("a rate that is not a number", scenario_with("\"decision_rate\": 0",
                                                    "\"decision_rate\": \"x\""),
       OPV_EPARSE, " field 'decision_rate'", "must be a number"),
  list("a duplicate field", scenario_with("\"weeks\": 4", "\"weeks\": 4, \"weeks\": 4"),
       OPV_EPARSE, "3:", "duplicate object key"),
  list("an unknown field", scenario_with("\"weeks\": 4", "\"weeks\": 4, \"weekz\": 4"),
       OPV_EINVAL, " field 'weekz'", "unknown field"),
  list("a missing field", scenario_with(" \"weeks\": 4,\n", ""), OPV_EINVAL, " field 'weeks'",
       "missing"))

test_that("a broken scenario file names the file and the line or field", {
  for (case in scenario_cases) {
    path <- write_bytes(case[[2]], "bad.json")
    message <- expect_refused(case[[1]], readers[["project(scenario)"]], path, case[[3]],
                              case[[5]])
    place <- paste0(path, ":", case[[4]])
    expect_identical(substr(message, 1, nchar(place)), place, label = paste(case[[1]], message))
  }
})

test_that("a broken locations file of a scenario is named, beside the scenario", {
  dir <- tempfile("opvang-scenario-")
  dir.create(dir)
  writeBin(raw_text(locations_header, "L1,GM0363,a,azc,10,10,2026-02-30,\n"),
           file.path(dir, "locations.csv"))
  writeBin(charToRaw(sub("\"initial\": 5", "\"initial\": 5, \"locations\": \"locations.csv\"",
                         good_scenario, fixed = TRUE)),
           file.path(dir, "s.json"))
  error <- tryCatch(project(file.path(dir, "s.json")), opvang_error = function(e) e)
  expect_identical(error$status, OPV_EPARSE)
  expect_identical(substr(conditionMessage(error), 1, nchar(dir) + 18),
                   paste0(file.path(dir, "locations.csv"), ":2: "))
})

test_that("the shared register is unchanged after the errors", {
  table <- municipalities()
  expect_identical(nrow(table), 342L)
  expect_identical(sum(table$population), 17942942)
  expect_identical(table$population[table$code == "GM0363"], 931298)
})
