# SPDX-License-Identifier: EUPL-1.2
# Input tables and dates in the form the library reads them.  A table reaches
# the library as list(source, text): a file name and no text, or CSV text and
# the name it goes by in messages ("<data.frame>").  So rows in a data.frame
# are checked by the same code, with the same messages (the header is line
# 1), as rows in a file.

no_table <- list(source = "", text = "")

is_string <- function(x) {
  is.character(x) && length(x) == 1L && !is.na(x)
}

path_table <- function(path) {
  if (!nzchar(path)) {
    opvang_stop("not a file name: \"\"", OPV_EIO)
  }
  list(source = path.expand(path), text = "")
}

# The `columns` of a file name or data.frame.  `integer` columns are written
# as whole numbers (anything else reaches the library as it is, to be
# refused there), `dates` columns take Date or "YYYY-MM-DD" values, NA is an
# empty cell.
frame_table <- function(table, name, columns, integer = character(), dates = character(),
                        source = "<data.frame>") {
  if (is_string(table)) {
    return(path_table(table))
  }
  if (!is.data.frame(table)) {
    stop(sprintf("'%s' must be a file name or a data.frame", name), call. = FALSE)
  }
  missing <- setdiff(columns, names(table))
  if (length(missing) > 0L) {
    opvang_stop(sprintf("the %s data.frame has no column '%s' (it needs %s)", name, missing[[1]],
                        paste(columns, collapse = ", ")), OPV_EPARSE)
  }
  cells <- lapply(columns, function(column) {
    values <- table[[column]]
    if (column %in% integer) {
      number_cells(values)
    } else if (column %in% dates) {
      date_cells(values)
    } else {
      text_cells(values)
    }
  })
  list(source = source, text = csv_text(columns, cells))
}

# A `code,<value_column>` table of whole numbers: NULL, a file name, a
# data.frame with both columns, or a named numeric vector (names are codes).
keyed_table <- function(table, name, value_column) {
  if (is.null(table)) {
    return(no_table)
  }
  if (is.numeric(table) && !is.null(names(table))) {
    table <- data.frame(code = names(table), value = unname(table), stringsAsFactors = FALSE)
    names(table)[[2]] <- value_column
    return(frame_table(table, name, c("code", value_column), integer = value_column,
                       source = sprintf("<%s>", name)))
  }
  if (!is_string(table) && !is.data.frame(table)) {
    stop(sprintf("'%s' must be a file name, a data.frame with code and %s, or a named numeric vector",
                 name, value_column), call. = FALSE)
  }
  frame_table(table, name, c("code", value_column), integer = value_column)
}

# "YYYY-MM-DD" from a Date or a string (which the library checks).
date_text <- function(x, name) {
  if (inherits(x, "Date") && length(x) == 1L && !is.na(x)) {
    return(format(x, "%Y-%m-%d"))
  }
  if (is_string(x)) {
    return(x)
  }
  stop(sprintf("'%s' must be one date (a Date or \"YYYY-MM-DD\")", name), call. = FALSE)
}

number_cells <- function(x) {
  if (!is.numeric(x)) {
    return(text_cells(x))
  }
  x <- as.double(x)
  whole <- !is.na(x) & is.finite(x) & x == trunc(x)
  # %.17g keeps a fraction exact for the library to refuse; whole numbers
  # are written out in full, never as 1e+05.
  cells <- sprintf("%.17g", x)
  cells[whole] <- formatC(x[whole], format = "f", digits = 0)
  cells[is.na(x)] <- ""
  cells
}

date_cells <- function(x) {
  cells <- if (inherits(x, "Date")) format(x, "%Y-%m-%d") else as.character(x)
  cells[is.na(cells)] <- ""
  cells
}

text_cells <- function(x) {
  x <- enc2utf8(as.character(x))
  ifelse(is.na(x), "", paste0("\"", gsub("\"", "\"\"", x, fixed = TRUE), "\""))
}

csv_text <- function(columns, cells) {
  rows <- if (length(cells[[1]]) > 0L) do.call(paste, c(cells, sep = ",")) else character()
  paste0(paste(columns, collapse = ","), "\n", paste0(rows, "\n", collapse = ""))
}
