# SPDX-License-Identifier: EUPL-1.2
"""The exceptions raised for failures reported by the opvang library.

Bad input raises :class:`Error`, a ValueError.  A file that cannot be
opened, read or written raises the OSError Python itself would raise --
FileNotFoundError, PermissionError, IsADirectoryError, ... -- with its
``errno``, ``strerror`` and ``filename``: the package checks every file it
is given before the library opens it, and :func:`from_library` turns the
library's own reports about files (a scenario's locations file, an output
that cannot be written) into the same exceptions.  Either kind carries the
library's status code as ``error.code``.

Limits of :func:`from_library`: it knows the system error by the
``strerror()`` text that ends the library's message, so it cannot when that
text is missing or different -- a message cut at the library's 512 bytes (a
very long path), or a locale whose language changed (``setlocale``) after
this module was imported.  Such a report stays an :class:`Error` with code
``EIO`` and the library's message.  The package therefore opens the files it
is given itself before the call, including a scenario's
``capacity.locations`` file (found as the library finds it), so that these
limits touch only files the library itself writes, and files that vanish
between the check and the call.
"""

import errno as _errno
import os
import re

__all__ = ["Error", "from_library", "readable_file", "writable_path"]

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
    """A call into opvang failed: bad input, a parse error, a name that is no file name.

    ``str(error)`` is the library's message, which names the file, line,
    column or municipality code at fault.  ``error.code`` is the library's
    negative status code (``opvang.errors.EPARSE`` and friends).  It derives
    from ValueError, so code that already handles bad values catches it too.
    """

    def __init__(self, message: str, code: int = EINVAL) -> None:
        super().__init__(message)
        self.code = code

    def __reduce__(self):
        # The default would rebuild from args alone and lose the code
        # (pickling happens when an error crosses a process pool).
        return type(self), (str(self), self.code)


# The library ends a message about a file with strerror(errno); the errno
# is found again from that text.  Only the codes a file can fail with.
_FILE_ERRNOS = {os.strerror(code): code for code in (
    _errno.ENOENT, _errno.EACCES, _errno.EPERM, _errno.EISDIR, _errno.ENOTDIR, _errno.EROFS,
    _errno.ENOSPC, _errno.EDQUOT, _errno.EEXIST, _errno.ENOTEMPTY, _errno.ENAMETOOLONG,
    _errno.ELOOP, _errno.EMFILE, _errno.ENFILE, _errno.EIO, _errno.EXDEV, _errno.EBUSY)}
# Where the library's messages name the file: "PATH: cannot open: ...",
# "cannot write PATH: ...".
_FILE_NAMED = (re.compile(r"^(?P<path>.+): (?P<what>cannot open|cannot write|read error): "),
               re.compile(r"^(?P<what>cannot (?:read|write|use|make|put the report in)) "
                          r"(?P<path>.+): "))
_IS_A_DIRECTORY = re.compile(r"^(?P<path>.+): (?:is a directory|cannot read \(a directory\?\))")


def _os_error(code: int, strerror: str, filename: str | None) -> OSError:
    # OSError(errno, ...) builds the subclass of that errno: FileNotFoundError for ENOENT.
    error = OSError(code, strerror) if filename is None else OSError(code, strerror, filename)
    error.code = EIO  # type: ignore[attr-defined]
    return error


def from_library(message: str, code: int) -> Exception:
    """The exception for a failure the library reported as ``(code, message)``.

    An input/output failure whose message ends with a system error becomes
    that OSError (FileNotFoundError for "No such file or directory"), its
    ``strerror`` the library's message without the file name and its
    ``filename`` the file; anything else is :class:`Error`.
    """
    if code == EIO:
        directory = _IS_A_DIRECTORY.match(message)
        if directory and os.path.isdir(directory.group("path")):
            path = directory.group("path")
            return _os_error(_errno.EISDIR, message[len(path) + 2:], path)
        for text, number in _FILE_ERRNOS.items():
            if message.endswith(": " + text):
                for pattern in _FILE_NAMED:
                    named = pattern.match(message)
                    if named:
                        return _os_error(number, f"{named.group('what')}: {text}",
                                         named.group("path"))
                return _os_error(number, message, None)
    return Error(message, code)


def readable_file(path: str, name: str) -> None:
    """Raises the OSError of opening ``path`` (the argument ``name``) to read,
    if any: FileNotFoundError, PermissionError, IsADirectoryError."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError as exc:
        raise _os_error(exc.errno, f"{name}: {exc.strerror}", path) from None
    try:
        if os.path.isdir(path):
            raise _os_error(_errno.EISDIR, f"{name}: {os.strerror(_errno.EISDIR)}, not a file",
                            path)
    finally:
        os.close(descriptor)


def writable_path(path: str, name: str) -> None:
    """Raises FileNotFoundError or NotADirectoryError when the directory that
    is to hold ``path`` (the argument ``name``) is not there."""
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(parent):
        raise _os_error(_errno.ENOENT, f"{name}: the directory to write in is not there", parent)
    if not os.path.isdir(parent):
        raise _os_error(_errno.ENOTDIR, f"{name}: {os.strerror(_errno.ENOTDIR)}", parent)
