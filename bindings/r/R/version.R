# SPDX-License-Identifier: EUPL-1.2

#' The version of libopvang the package is linked with, as "MAJOR.MINOR.PATCH"
#' @export
opvang_version <- function() {
  opv_version()
}
