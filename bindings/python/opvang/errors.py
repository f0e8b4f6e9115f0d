# SPDX-License-Identifier: EUPL-1.2
"""The exception raised for every failure reported by the opvang library."""

__all__ = ["Error"]

# The library's status codes (opvang/core.h); their values are stable.
EINVAL = -1
ENOMEM = -2
EIO = -3
EPARSE = -4
ERANGE = -5
ENOTFOUND = -6
EDUPLICATE = -7
ETIE = -8


class Error(ValueError):
    """A call into opvang failed: bad input, an unreadable file, a parse error.

    ``str(error)`` is the library's message, which names the file, line,
    column or municipality code at fault.  ``error.code`` is the library's
    negative status code (``opvang.errors.EPARSE`` and friends).  It derives
    from ValueError, so code that already handles bad values catches it too.
    """

    def __init__(self, message, code=EINVAL):
        super().__init__(message)
        self.code = code

    def __reduce__(self):
        # The default would rebuild from args alone and lose the code
        # (pickling happens when an error crosses a process pool).
        return type(self), (str(self), self.code)
