/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The fault-injecting allocator (failmalloc.h).  Every program linked with it
 * must be linked with
 *   -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=strdup,--wrap=strndup,
 *   --wrap=json_loadb
 * so that the calls of its own objects (the library's, linked statically)
 * come here.  For the CLI: the environment variable OPVANG_FAIL_ALLOC=N makes
 * attempt N of the whole program fail, and OPVANG_ALLOC_COUNT=file has the
 * number of attempts written to that file at exit.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "failmalloc.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static atomic_long fail_at = -1;
static atomic_long attempts;
static atomic_long live;
static atomic_int paused;

void failmalloc_fail_at(long n)
{
	atomic_store(&fail_at, -1);
	atomic_store(&attempts, 0);
	atomic_store(&fail_at, n);
}

void failmalloc_pause(void)
{
	atomic_store(&paused, 1);
}

void failmalloc_resume(void)
{
	atomic_store(&paused, 0);
}

long failmalloc_attempts(void)
{
	return atomic_load(&attempts);
}

int failmalloc_fired(void)
{
	long n = atomic_load(&fail_at);
	return n >= 0 && atomic_load(&attempts) > n;
}

long failmalloc_live(void)
{
	return atomic_load(&live);
}

/* Called when an attempt fails: a place for a debugger's breakpoint. */
__attribute__((noinline)) void failmalloc_failing(void);
__attribute__((noinline)) void failmalloc_failing(void)
{
	__asm__ volatile("");
}

/* 1 when this attempt is the one to fail. */
static int attempt(void)
{
	long n;
	if (atomic_load(&paused))
		return 0;
	n = atomic_fetch_add(&attempts, 1);
	if (n != atomic_load(&fail_at))
		return 0;
	failmalloc_failing();
	return 1;
}

void *__wrap_malloc(size_t size)
{
	void *p;
	if (attempt())
		return NULL;
	p = __real_malloc(size);
	if (p)
		atomic_fetch_add(&live, 1);
	return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
	void *p;
	if (attempt())
		return NULL;
	p = __real_calloc(n, size);
	if (p)
		atomic_fetch_add(&live, 1);
	return p;
}

void *__wrap_realloc(void *p, size_t size)
{
	void *q;
	if (attempt())
		return NULL;
	q = __real_realloc(p, size);
	if (!p && q)
		atomic_fetch_add(&live, 1);
	else if (p && !q && size == 0)
		atomic_fetch_sub(&live, 1);
	return q;
}

void __wrap_free(void *p)
{
	if (p)
		atomic_fetch_sub(&live, 1);
	__real_free(p);
}

char *__wrap_strdup(const char *s)
{
	return __wrap_strndup(s, strlen(s));
}

char *__wrap_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = __wrap_malloc(len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

/*
 * jansson's parser does not survive every failed allocation: it loses track
 * of its token text and reads past it or fails an assertion
 * (akheron/jansson#362, unfixed in 2.14).  Inside json_loadb() only its
 * first allocation, the lexer's buffer, which it reports as an error of no
 * text, may fail; the parser's later ones are neither counted nor failed.
 */
static _Thread_local int in_parser;

json_t *__real_json_loadb(const char *buffer, size_t len, size_t flags, json_error_t *error);
json_t *__wrap_json_loadb(const char *buffer, size_t len, size_t flags, json_error_t *error);

json_t *__wrap_json_loadb(const char *buffer, size_t len, size_t flags, json_error_t *error)
{
	json_t *j;
	in_parser = 1;
	j = __real_json_loadb(buffer, len, flags, error);
	in_parser = 0;
	return j;
}

static void *json_malloc(size_t size)
{
	void *p;
	if (in_parser > 1) {
		p = __real_malloc(size);
		if (p)
			atomic_fetch_add(&live, 1);
		return p;
	}
	if (in_parser)
		in_parser = 2;
	return __wrap_malloc(size);
}

static void json_free(void *p)
{
	__wrap_free(p);
}

/* OPVANG_ALLOC_COUNT=file: the number of attempts the program made goes there at exit. */
static void write_count(void)
{
	const char *path = getenv("OPVANG_ALLOC_COUNT");
	FILE *f;
	if (path && *path && (f = fopen(path, "w")) != NULL) {
		fprintf(f, "%ld\n", failmalloc_attempts());
		fclose(f);
	}
}

__attribute__((constructor)) static void failmalloc_init(void)
{
	const char *env = getenv("OPVANG_FAIL_ALLOC");
	json_set_alloc_funcs(json_malloc, json_free);
	failmalloc_fail_at(env && *env ? strtol(env, NULL, 10) : -1);
	atexit(write_count);
}
