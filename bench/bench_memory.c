/* SPDX-License-Identifier: EUPL-1.2 */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "bench_memory.h"

/* The value of a "Name:   1234 kB" line of /proc/self/status, or -1. */
static long status_kib(const char *name)
{
	char line[256];
	size_t len = strlen(name);
	long value = -1;
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, name, len) == 0 && line[len] == ':') {
			if (sscanf(line + len + 1, "%ld", &value) != 1)
				value = -1;
			break;
		}
	}
	fclose(f);
	return value;
}

/* "5": reset the peak resident set size to the current size. */
static int reset_peak(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	int ok;
	if (!f)
		return 0;
	ok = fputs("5", f) >= 0;
	ok = (fclose(f) == 0) && ok;
	return ok;
}

void bench_memory_start(struct bench_memory *m)
{
	m->peak_is_reset = reset_peak();
	m->current_kib = status_kib("VmRSS");
	m->peak_kib = -1;
	m->maxrss_kib = -1;
}

void bench_memory_stop(struct bench_memory *m)
{
	struct rusage usage;
	if (getrusage(RUSAGE_SELF, &usage) == 0)
		m->maxrss_kib = usage.ru_maxrss;
	m->peak_kib = m->peak_is_reset ? status_kib("VmHWM") : -1;
	if (m->peak_kib < 0) {
		m->peak_kib = m->maxrss_kib;
		m->peak_is_reset = 0;
	}
}
