# SPDX-License-Identifier: EUPL-1.2
# Parts of a table: rows chosen or columns dropped.
#
# `[.data.frame` keeps a table's class, and when only rows are chosen every
# attribute too, so head() of a distribution, or its rows over 8000 places,
# would still print "# 96000 places ...": notes about the whole that are
# false of the part.  So a part is a plain data.frame, as is a table bound
# to others with rbind() and one whose values were replaced.  The whole table in another order, or with its
# columns in another order, keeps its class and notes, which still hold.

#' Parts of a table of opvang are plain data.frames
#'
#' The notes a table prints (see \code{\link{print.opvang_table}}) are about
#' the whole result: its total, the register it rests on, its peak.  So
#' \code{x[i, j]} that chooses rows or drops columns -- and so \code{head},
#' \code{tail} and \code{subset} -- returns a plain \code{data.frame}
#' without the class and attributes of \code{x}, as does \code{rbind} of a
#' table with others.  All of its rows and columns, in any order
#' (\code{x[order(x$places), ]}), stay a table of opvang with its notes.
#' Replacing values (\code{x$places <- 0}, \code{x[1, "places"] <- 5}) also
#' makes a plain \code{data.frame}, since the notes describe the values as
#' computed; adding a column beside them (\code{x$share <- x$places / 96000})
#' keeps the table and its notes.
#' @param x a table returned by a function of the package.
#' @param ... passed on to \code{[.data.frame}: \code{i}, \code{j},
#'   \code{drop}; for \code{rbind}, the tables and data.frames to bind.
#' @param deparse.level as for \code{rbind}.
#' @return For \code{[}: what \code{[.data.frame} returns, as a plain
#'   \code{data.frame} unless it holds all of \code{x}'s rows and columns.
#'   For \code{rbind}: a plain \code{data.frame}.  For the replacements:
#'   \code{x} changed, a plain \code{data.frame} unless all of its rows
#'   and columns are as they were.
#' @examples
#' key <- distribute(96000, amv = 8140, by = "province")
#' class(key[key$places > 8000, ])   # "data.frame": no notes about 96000 places
#' class(key[order(-key$places), ])  # still "opvang_distribution", ...
#' @name opvang_table_parts
#' @export
`[.opvang_table` <- function(x, ...) {
  part <- NextMethod()
  if (!is.data.frame(part)) {
    return(part)
  }
  if (holds_all_of(part, x)) {
    # `[.data.frame` drops the attributes when columns are named; they hold.
    return(with_attributes_of(part, x))
  }
  plain_data_frame(part)
}

#' @rdname opvang_table_parts
#' @export
rbind.opvang_table <- function(..., deparse.level = 1) {
  parts <- lapply(list(...), function(part) {
    if (inherits(part, "opvang_table")) plain_data_frame(part) else part
  })
  do.call(rbind, c(parts, list(deparse.level = deparse.level)))
}

#' @rdname opvang_table_parts
#' @param name,i,j the column (and rows) to replace, as for \code{$<-},
#'   \code{[[<-} and \code{[<-} of a data.frame.
#' @param value the new values.
#' @export
`$<-.opvang_table` <- function(x, name, value) {
  unless_changed(NextMethod(), x)
}

#' @rdname opvang_table_parts
#' @export
`[[<-.opvang_table` <- function(x, i, j, value) {
  unless_changed(NextMethod(), x)
}

#' @rdname opvang_table_parts
#' @export
`[<-.opvang_table` <- function(x, i, j, value) {
  unless_changed(NextMethod(), x)
}

# `changed`, a table after a replacement, as a plain data.frame unless it
# still holds every row and column of `original` unchanged: a column added
# beside them leaves the notes true, places set to 0 would not.
unless_changed <- function(changed, original) {
  if (!is.data.frame(changed)) {
    return(changed)
  }
  unchanged <- identical(row.names(changed), row.names(original)) &&
    all(names(original) %in% names(changed)) &&
    all(vapply(names(original),
               function(column) identical(changed[[column]], original[[column]]), NA))
  if (unchanged) changed else plain_data_frame(changed)
}

# Whether `part` has every row and column of `whole`, each once, in any
# order.  Rows are known by their names: `[.data.frame` keeps them, and
# makes a row chosen twice unique ("3.1").
holds_all_of <- function(part, whole) {
  rows <- row.names(part)
  columns <- names(part)
  length(rows) == nrow(whole) && setequal(rows, row.names(whole)) && !anyDuplicated(rows) &&
    length(columns) == length(whole) && setequal(columns, names(whole)) &&
    !anyDuplicated(columns)
}

# `part` with the attributes of `whole` other than its names and row names.
with_attributes_of <- function(part, whole) {
  own <- attributes(part)[c("names", "row.names")]
  attributes(part) <- c(own, attributes(whole)[setdiff(names(attributes(whole)),
                                                       c("names", "row.names"))])
  part
}

# `x` as a plain data.frame: its columns and row names, nothing else.
plain_data_frame <- function(x) {
  attributes(x) <- c(attributes(x)[c("names", "row.names")], list(class = "data.frame"))
  x
}
