# SPDX-License-Identifier: EUPL-1.2
"""The five largest municipalities of the Netherlands, and an apportionment.

Run with the Python that opvang was built for, with the installed package on
the path, for example:

    PYTHONPATH=/opt/opvang/lib/python3/dist-packages \
        /usr/bin/python3 largest_municipalities.py
"""

import opvang


def print_largest(how_many=5):
    # The register compiled into the library, as a pandas DataFrame.
    register = opvang.municipalities()
    largest = register.nlargest(how_many, "population")

    print(f"The {how_many} largest municipalities on {register.attrs['reference_date']}")
    for row in largest.itertuples():
        print(f"{row.code:<8}{row.name:<16}{row.population:>8}")


def print_apportionment():
    # European Parliament election 2019 in Austria: 18 seats.
    votes = {"OVP": 1305956, "SPO": 903151, "FPO": 650114, "Greens": 532193, "NEOS": 319024}
    total = 18

    # One whole number per party, in the order given, adding up to the total.
    seats = opvang.apportion(list(votes.values()), total, method="dhondt")

    print(f"\n{total} seats by D'Hondt, European Parliament 2019, Austria")
    for (party, count), won in zip(votes.items(), seats):
        print(f"{party:<8}{count:>8}{won:>4}")


if __name__ == "__main__":
    print(f"opvang {opvang.__version__}\n")
    try:
        print_largest()
        print_apportionment()
    except opvang.Error as error:
        # The library's message says what was wrong with the input.
        raise SystemExit(f"opvang: {error}")
