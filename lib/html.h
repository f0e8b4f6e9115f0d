/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * A page of HTML built in memory, for the report.  Writers append; when
 * memory runs out the page is marked failed and the rest is dropped, so a
 * caller checks once, at the end.  Internal.
 */
#ifndef OPV_LIB_HTML_H
#define OPV_LIB_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct opv__page {
	char *text;
	size_t len, cap;
	int failed;  /* out of memory: everything after is dropped */
};

void opv__put_n(struct opv__page *p, const char *s, size_t n);
void opv__put(struct opv__page *p, const char *s);
void opv__putf(struct opv__page *p, const char *fmt, ...) OPV_PRINTF(2, 3);

/* Text from the inputs, escaped for HTML text and attribute values. */
void opv__put_text(struct opv__page *p, const char *s);

/* A whole number as Dutch readers write it: 1.480, -12.345. */
void opv__put_number(struct opv__page *p, int64_t v);

/* A table cell with a number: the text for people, data-value for machines. */
void opv__put_cell(struct opv__page *p, const char *column, int64_t v);

#endif
