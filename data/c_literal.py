# SPDX-License-Identifier: EUPL-1.2
"""C string literals for the generators of data/ (gen_register.py, gen_boundaries.py)."""


def c_string(text):
    """A C string literal for UTF-8 text; non-ASCII bytes as octal escapes."""
    out = []
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= byte < 0x7F:
            out.append(ch)
        else:
            out.append("\\%03o" % byte)
    return '"' + "".join(out) + '"'
