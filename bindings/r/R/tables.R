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
# empty cell, which `optional` columns take and integer and key columns do
# not.
frame_table <- function(table, name, columns, integer = character(), dates = character(),
                        source = "<data.frame>", optional = character()) {
  if (is_file_name(table, name)) {
    return(path_table(as.character(table)))
  }
  if (!is.data.frame(table)) {
    refuse_kind(table, name, "a file name or a data.frame")
  }
  missing <- setdiff(columns, names(table))
  if (length(missing) > 0L) {
    opvang_stop(sprintf("the %s data.frame has no column '%s' (it needs %s)", name, missing[[1]],
                        paste(columns, collapse = ", ")), OPV_EPARSE)
  }
  cells <- lapply(columns, function(column) {
    values <- table[[column]]
    # A list or matrix column, or complex numbers, has no cell text, and
    # TRUE is not a count.
    if (is.list(values) || !is.null(dim(values)) || is.complex(values) ||
        (column %in% integer && is.logical(values) && !all(is.na(values)))) {
      refuse_kind(values, sprintf("%s$%s", name, column),
                  if (column %in% integer) "a column of whole numbers" else "a column of text")
    }
    # NA where a cell is required: named here, by row counting from 1 and
    # code, as the library would see only an empty cell.
    required <- (column %in% integer || column %in% key_columns) && !(column %in% optional)
    if (required && anyNA(values)) {
      k <- which(is.na(values))[[1]]
      codes <- if (column != "code") table[["code"]]
      opvang_stop(sprintf("%s is %s", element_name(sprintf("%s$%s", name, column), k, codes),
                          if (is.double(values) && is.nan(values[[k]])) "NaN" else "NA"),
                  OPV_EINVAL)
    }
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

# Text columns in which no cell may be empty.
key_columns <- c("id", "code", "period", "agreement")

# A `code,<value_column>` table of whole numbers: NULL, a file name, a
# data.frame with both columns, or a named numeric vector (names are codes).
keyed_table <- function(table, name, value_column) {
  if (is.null(table)) {
    return(no_table)
  }
  if (is_plain_numeric(table)) {
    keyed <- keyed_numbers(table, name, whole = TRUE)
    table <- data.frame(code = keyed$codes, value = keyed$values, stringsAsFactors = FALSE)
    names(table)[[2]] <- value_column
    return(frame_table(table, name, c("code", value_column), integer = value_column,
                       source = sprintf("<%s>", name)))
  }
  if (!is_file_name(table, name) && !is.data.frame(table)) {
    refuse_kind(table, name, sprintf(
      "a file name, a data.frame with code and %s, or a numeric vector named by municipality code",
      value_column))
  }
  frame_table(table, name, c("code", value_column), integer = value_column)
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
