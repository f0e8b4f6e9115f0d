# SPDX-License-Identifier: EUPL-1.2

#' @title Version of libopvang
#' @description
#' The version of the libopvang the package is linked with.
#' @return
#' A string \code{"MAJOR.MINOR.PATCH"}.
#' @examples
#' opvang_version()
#' @export
opvang_version <- function() {
  opv_version()
}
