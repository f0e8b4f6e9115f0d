#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Writes powers_of_two.txt: every finite positive power of two, 2^-1074 to
2^1023, with Python's repr of it (the shortest text that reads back, and of
equally short ones the nearest), as opv_format_real must write it: the same
digits and exponent form, without repr's ".0" after a whole number.

    /usr/bin/python3 tests/data/powers_of_two.py > tests/data/powers_of_two.txt
"""
import math

for k in range(-1074, 1024):
    text = repr(math.ldexp(1.0, k))
    if text.endswith(".0"):
        text = text[:-2]
    print(k, text)
