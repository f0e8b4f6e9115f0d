# SPDX-License-Identifier: EUPL-1.2
library(testthat)
library(opvang)

test_check("opvang")
