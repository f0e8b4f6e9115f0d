# SPDX-License-Identifier: EUPL-1.2
# Positions and missing values in scenarios, as R users count and name them.
#
# The library names an element of a JSON array by its offset from 0, as JSON
# does: "capacity.changes[0].date", "inflow_seasonality[2]", the sensitivity
# input "extend[0].weeks".  In R the first element of a list is [[1]], so the
# package shows these positions counting from 1, in messages and in the
# sensitivity table, and reads the input names a user gives counting from 1.
# (The command line and docs/scenario.md keep JSON's count from 0.)
#
# jsonlite writes R's NA as the string "NA" and NaN as "NaN", which the
# library would refuse as "must be a number"; the package finds them first
# and calls them what they are.

# A field path with an array position in it: a name, optionally after dots,
# right after the start, a space, a quote, a comma or a parenthesis, so that
# a bracket in a file name (after a slash, say) is left alone.
position_pattern <- paste0("(?<=^|[ ',(])",
                           "(?:[A-Za-z_][A-Za-z0-9_]*\\.)*[A-Za-z_][A-Za-z0-9_]*",  # a.b.name
                           "(?:\\[[0-9]+\\](?:\\.[A-Za-z_][A-Za-z0-9_]*)*)+")  # [0].field[1]

# `text` with every array position in a field path moved by `by`.
shift_positions <- function(text, by) {
  paths <- gregexpr(position_pattern, text, perl = TRUE)
  regmatches(text, paths) <- lapply(regmatches(text, paths), function(found) {
    vapply(found, function(path) {
      numbers <- gregexpr("(?<=\\[)[0-9]+(?=\\])", path, perl = TRUE)
      regmatches(path, numbers) <- lapply(regmatches(path, numbers), function(n) {
        sprintf("%.0f", as.double(n) + by)
      })
      path
    }, "", USE.NAMES = FALSE)
  })
  text
}

# A message of the library with its positions counted from 1.  The name of
# the scenario's file (`source`) is kept as it is, wherever it appears.
positions_from_one <- function(message, source = "") {
  if (!nzchar(source)) {
    return(shift_positions(message, 1))
  }
  pieces <- strsplit(message, source, fixed = TRUE)[[1]]
  joined <- paste(shift_positions(pieces, 1), collapse = source)
  if (endsWith(message, source)) paste0(joined, source) else joined
}

# Evaluates `expr`, a call of the library on a scenario, and raises its
# opvang_error again with positions counted from 1.
with_positions_from_one <- function(expr, source = "") {
  tryCatch(expr, opvang_error = function(e) {
    e$message <- positions_from_one(conditionMessage(e), source)
    stop(e)
  })
}

# The names of sensitivity inputs as the library knows them (from 0), from
# names counted from 1.  "[0]" has no element in R's count.
input_names_from_one <- function(inputs, name) {
  zero <- grepl("\\[0+\\]", inputs)
  if (any(zero)) {
    k <- which(zero)[[1]]
    opvang_stop(sprintf("%s has the name '%s'; positions count from 1", element_name(name, k),
                        inputs[[k]]), OPV_EINVAL)
  }
  shift_positions(inputs, -1)
}

# The first NA or NaN in a scenario list, as list(path, what), or NULL.
# Paths are written as the library writes them, positions counted from 1.
first_missing <- function(x, path = "") {
  # jsonlite writes a data.frame (as fromJSON() reads an array of objects)
  # row by row and leaves a field out where it is NA: NA there is absent.
  if (is.data.frame(x)) {
    return(NULL)
  }
  if (is.list(x)) {
    keys <- names(x)
    for (k in seq_along(x)) {
      key <- if (is.null(keys) || is.na(keys[[k]]) || !nzchar(keys[[k]])) NA_character_
             else keys[[k]]
      here <- if (is.na(key)) sprintf("%s[%d]", path, k)
              else if (nzchar(path)) paste0(path, ".", key) else key
      found <- first_missing(x[[k]], here)
      if (!is.null(found)) {
        return(found)
      }
    }
    return(NULL)
  }
  if (is.atomic(x) && anyNA(x)) {
    k <- which(is.na(x))[[1]]
    what <- if (is.double(x) && is.nan(x[[k]])) "NaN" else "NA"
    return(list(path = if (length(x) == 1L) path else sprintf("%s[%d]", path, k), what = what))
  }
  NULL
}

# Refuses a scenario list with NA or NaN in it, naming the field.
check_scenario_values <- function(scenario) {
  found <- first_missing(scenario)
  if (!is.null(found)) {
    needed <- if (found$what == "NA") "; leave the field out, or give a value" else ""
    opvang_stop(sprintf("<list>: field '%s' is %s%s", found$path, found$what, needed),
                OPV_EINVAL)
  }
  invisible(scenario)
}

# The library's tornado chart labels each bar with the input's name as the
# library knows it; the labels become the names of the table (`to`).
relabel_chart <- function(path, from, to) {
  svg <- readLines(path, warn = FALSE, encoding = "UTF-8")
  nodes <- gregexpr(">[^<>]*<", svg)
  regmatches(svg, nodes) <- lapply(regmatches(svg, nodes), function(found) {
    at <- match(substr(found, 2L, nchar(found) - 1L), from)
    ifelse(is.na(at), found, paste0(">", to[at], "<"))
  })
  writeLines(svg, path, useBytes = TRUE)
}
