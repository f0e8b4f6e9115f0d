# SPDX-License-Identifier: EUPL-1.2
#
# The five largest municipalities of the Netherlands, and an apportionment.
#
# Run with the opvang package installed (see bindings/r/README.md):
#
#     Rscript largest_municipalities.R

library(opvang)

print_largest <- function(how_many = 5) {
  # The register compiled into the library, as a data.frame.
  register <- municipalities()
  largest <- head(register[order(register$population, decreasing = TRUE), ], how_many)

  cat(sprintf("The %d largest municipalities on %s\n", how_many,
              attr(register, "reference_date")))
  # Populations are doubles holding whole numbers, hence %.0f.
  cat(sprintf("%-8s%-16s%8.0f\n", largest$code, largest$name, largest$population), sep = "")
}

print_apportionment <- function() {
  # European Parliament election 2019 in Austria: 18 seats.
  votes <- c(OVP = 1305956, SPO = 903151, FPO = 650114, Greens = 532193, NEOS = 319024)
  total <- 18

  # One whole number per party, named as the votes are, adding up to the total.
  seats <- apportion(votes, total, method = "dhondt")

  cat(sprintf("\n%d seats by D'Hondt, European Parliament 2019, Austria\n", total))
  cat(sprintf("%-8s%8.0f%4.0f\n", names(seats), votes, seats), sep = "")
}

cat(sprintf("opvang %s\n\n", opvang_version()))
# A bad input stops with an R error carrying the library's message.
print_largest()
print_apportionment()
