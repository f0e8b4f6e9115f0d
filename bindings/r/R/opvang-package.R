# SPDX-License-Identifier: EUPL-1.2

#' @title opvang: Arithmetic of the Dutch Asylum Reception Chain
#' @description
#' R interface to libopvang, the C library behind the \code{opvang} command.
#' It covers the four models of the Dutch reception chain, each resting on a
#' named source that its results carry as attributes and print:
#' \describe{
#'   \item{The distribution key}{\code{\link{distribute}}: the Spreidingswet
#'     task of reception places per municipality (CBS population, SES-WOA
#'     transform, AMV part), and \code{\link{compare_distribution}} to audit
#'     a published table against it.}
#'   \item{Places per municipality}{\code{\link{places}}: the places that
#'     count toward the task on a day, by the law's rules, against the task;
#'     \code{\link{capacity}}: capacity week by week; \code{\link{report}}:
#'     the letter to every municipality as a static site.}
#'   \item{The shortfall projection}{\code{\link{project}}: occupancy against
#'     capacity week by week, with Monte Carlo runs;
#'     \code{\link{sensitivity}}: which input drives the shortage.}
#'   \item{The status-holder housing task}{\code{\link{housing_task}}: the
#'     half-year task per municipality (Huisvestingswet art. 29) and its
#'     balance; \code{\link{supervision}}: the province's intervention
#'     ladder.}
#' }
#' Underneath: \code{\link{municipalities}} (the register: CBS population on
#' 1 January 2023, 2024 or 2025, or a CSV file) and \code{\link{apportion}}
#' (Hamilton, D'Hondt, Sainte-Lague, Adams, Huntington-Hill).
#' \code{vignette("opvang")} walks through the four models.
#' @section Errors:
#' A refused argument or a failing library call raises an R error of class
#' \code{opvang_error} whose \code{status} is the library's status code (-1
#' EINVAL, -3 EIO, -4 EPARSE, -5 ERANGE, -6 ENOTFOUND, -7 EDUPLICATE).  Its
#' message names the argument, file, line, field or municipality code;
#' positions count from 1, as R counts (the element of a vector, the row of
#' a data.frame, the element of an array in a scenario), and R's \code{NA} is
#' called NA.
#' @useDynLib opvang
#' @import methods
#' @importFrom jsonlite toJSON
#' @keywords internal
"_PACKAGE"

#' Classes and methods of the generated SWIG layer
#'
#' The package calls libopvang through a wrapper that SWIG generates
#' (\code{R/opvang_swig.R}).  It defines these S4 classes and methods for the
#' handles it passes around (a register, locations, a scenario) and for the
#' options and summaries it fills; none is exported and none is meant to be
#' called: use the functions listed in \code{\link{opvang-package}}.
#' @name opvang-swig
#' @aliases [,ExternalReference-method [<-,ExternalReference-method
#'   length,SWIGArray-method
#'   $,_p_opv_compliance_options-method $,_p_opv_distribution_options-method
#'   $,_p_opv_housing_options-method $,_p_opv_distribution_summary-method
#'   $,_p_opv_housing_summary-method $<-,_p_opv_compliance_options-method
#'   [[<-,_p_opv_compliance_options,character-method $<-,_p_opv_distribution_options-method
#'   [[<-,_p_opv_distribution_options,character-method $<-,_p_opv_housing_options-method
#'   [[<-,_p_opv_housing_options,character-method
#'   $,_p_opv_ladder_options-method $<-,_p_opv_ladder_options-method
#'   [[<-,_p_opv_ladder_options,character-method
#'   $,_p_opv_apportion_options-method $<-,_p_opv_apportion_options-method
#'   [[<-,_p_opv_apportion_options,character-method
#'   $,_p_opv_realisation_options-method $<-,_p_opv_realisation_options-method
#'   [[<-,_p_opv_realisation_options,character-method
#' @keywords internal
NULL
