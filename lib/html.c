/* SPDX-License-Identifier: EUPL-1.2 */
/* A page of HTML built in memory (html.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_locale.h"
#include "error.h"
#include "html.h"

void opv__put_n(struct opv__page *p, const char *s, size_t n)
{
	if (p->failed)
		return;
	if (p->len + n + 1 > p->cap) {
		size_t cap = p->cap ? p->cap : 4096;
		char *bigger;
		while (cap < p->len + n + 1)
			cap *= 2;
		bigger = realloc(p->text, cap);
		if (!bigger) {
			p->failed = 1;
			return;
		}
		p->text = bigger;
		p->cap = cap;
	}
	memcpy(p->text + p->len, s, n);
	p->len += n;
	p->text[p->len] = '\0';
}

void opv__put(struct opv__page *p, const char *s)
{
	opv__put_n(p, s, strlen(s));
}

void opv__putf(struct opv__page *p, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	int n;
	/* SVG coordinates and percentages take a point under any locale */
	locale_t previous = opv__c_numbers_begin();
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		p->failed = 1;
	} else if ((size_t)n < sizeof small) {
		opv__put_n(p, small, (size_t)n);
	} else {
		char *big = malloc((size_t)n + 1);
		if (!big) {
			p->failed = 1;
		} else {
			va_start(ap, fmt);
			vsnprintf(big, (size_t)n + 1, fmt, ap);
			va_end(ap);
			opv__put_n(p, big, (size_t)n);
			free(big);
		}
	}
	opv__c_numbers_end(previous);
}

/* Text from the inputs, escaped for HTML text and attribute values. */
void opv__put_text(struct opv__page *p, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': opv__put(p, "&amp;"); break;
		case '<': opv__put(p, "&lt;"); break;
		case '>': opv__put(p, "&gt;"); break;
		case '"': opv__put(p, "&quot;"); break;
		case '\'': opv__put(p, "&#39;"); break;
		default:
			/* Control characters from a file have no place in a page. */
			if ((unsigned char)*s < 0x20 && *s != '\t')
				opv__put(p, "\xEF\xBF\xBD");
			else
				opv__put_n(p, s, 1);
		}
	}
}

/* A whole number as Dutch readers write it: 1.480, -12.345. */
void opv__put_number(struct opv__page *p, int64_t v)
{
	char digits[32], out[48];
	size_t n, i, o = 0;
	uint64_t magnitude = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)magnitude);
	n = strlen(digits);
	if (v < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	opv__put(p, out);
}

/* A table cell with a number: the text for people, data-value for machines. */
void opv__put_cell(struct opv__page *p, const char *column, int64_t v)
{
	opv__putf(p, "<td class=\"n\" data-col=\"%s\" data-value=\"%lld\">", column, (long long)v);
	opv__put_number(p, v);
	opv__put(p, "</td>");
}
