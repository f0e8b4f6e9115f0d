/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Reading a whole input stream into memory, for commands that take their
 * table on stdin and hand it to the library's *_parse_csv functions.
 */
#ifndef OPVANG_CLI_INPUT_H
#define OPVANG_CLI_INPUT_H

#include <stddef.h>
#include <stdio.h>

/* The name the library's messages give to data read from standard input. */
#define CLI_STDIN_NAME "<stdin>"

/*
 * Reads `stream` to its end.  On success `*data` is a new buffer of `*len`
 * bytes (plus a NUL the length does not count) for the caller to free().
 * Returns 0, or -1 with errno set and the outputs untouched.
 */
int cli_read_all(char **data, size_t *len, FILE *stream);

#endif
