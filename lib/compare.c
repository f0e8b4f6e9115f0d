/* SPDX-License-Identifier: EUPL-1.2 */
/* Setting a published distribution table beside computed figures. */
#include <stdlib.h>
#include <string.h>

#include "opvang/distribution.h"
#include "csv_table.h"
#include "error.h"
#include "register_internal.h"

struct opv_comparison {
	size_t count;
	opv_comparison_row *rows;
	size_t exact;
	size_t largest; /* row index, valid when count > 0 */
};

void opv_comparison_free(opv_comparison *cmp)
{
	if (!cmp)
		return;
	free(cmp->rows);
	free(cmp);
}

size_t opv_comparison_count(const opv_comparison *cmp)
{
	return cmp ? cmp->count : 0;
}

const opv_comparison_row *opv_comparison_at(const opv_comparison *cmp, size_t i)
{
	return cmp && i < cmp->count ? &cmp->rows[i] : NULL;
}

size_t opv_comparison_exact(const opv_comparison *cmp)
{
	return cmp ? cmp->exact : 0;
}

const opv_comparison_row *opv_comparison_largest(const opv_comparison *cmp)
{
	return cmp && cmp->count ? &cmp->rows[cmp->largest] : NULL;
}

/* Finds the municipality a row names, by code or else by exact name. */
static int match_row(size_t *index, const opv_register *reg, const struct opv__csv_table *t,
                     size_t row, long code_col, long name_col, opv_error *err)
{
	size_t i, n = opv_register_count(reg), found = n;
	const char *key;
	if (code_col >= 0) {
		int rc;
		key = opv__csv_cell(t, row, (size_t)code_col);
		rc = opv__register_find_at(index, reg, key, t->source, t->line[row], code_col + 1, err);
		if (!rc && name_col >= 0)
			rc = opv__register_check_name(reg, *index, t, row, (size_t)code_col,
			                              (size_t)name_col, err);
		return rc;
	}
	key = opv__csv_cell(t, row, (size_t)name_col);
	for (i = 0; i < n; i++) {
		if (strcmp(opv_register_at(reg, i)->name, key) != 0)
			continue;
		if (found != n)
			return opv__fail_at(err, OPV_EDUPLICATE, t->line[row], name_col + 1,
			                    "%s:%ld: name '%.64s' fits both %s and %s: use codes",
			                    t->source, t->line[row], key, opv_register_at(reg, found)->code,
			                    opv_register_at(reg, i)->code);
		found = i;
	}
	if (found == n)
		return opv__fail_at(err, OPV_ENOTFOUND, t->line[row], name_col + 1,
		                    "%s:%ld: municipality '%.64s' is not in the register",
		                    t->source, t->line[row], key);
	*index = found;
	return OPV_OK;
}

static int read_count(int64_t *out, const struct opv__csv_table *t, size_t row, size_t col,
                      opv_error *err)
{
	int rc = opv__csv_whole(out, t, row, col, err);
	if (rc == OPV_OK && *out < 0)
		return opv__csv_fail(err, OPV_ERANGE, t, row, col, "a number of places cannot be negative");
	return rc;
}

/* |d| for every int64_t, INT64_MIN included (llabs(INT64_MIN) is undefined). */
static uint64_t magnitude(int64_t d)
{
	return d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
}

static int compare_table(opv_comparison **out, const opv_register *reg, const int64_t *places,
                         const int64_t *amv, const struct opv__csv_table *t, opv_error *err)
{
	static const char *const code_names[] = { "code", "gemeentecode", NULL };
	static const char *const name_names[] = { "name", "gemeentenaam", NULL };
	static const char *const places_names[] = { "places", NULL };
	static const char *const amv_names[] = { "amv", NULL };
	long code_col, name_col, amv_col;
	size_t places_col, i, n = opv_register_count(reg);
	unsigned char *seen;
	opv_comparison *cmp;
	int rc;

	if ((rc = opv__csv_optional_column(&code_col, t, code_names, err)) ||
	    (rc = opv__csv_optional_column(&name_col, t, name_names, err)) ||
	    (rc = opv__csv_optional_column(&amv_col, t, amv_names, err)))
		return rc;
	if (code_col < 0 && name_col < 0)
		return opv__fail_at(err, OPV_EPARSE, 1, 0, "%s:1: missing column 'code' (or 'name')",
		                    t->source);
	rc = opv__csv_require_column(&places_col, t, places_names, err);
	if (rc)
		return rc;
	if (t->nrows == 0)
		return opv__fail(err, OPV_EPARSE, "%s: no data rows (header only)", t->source);
	cmp = calloc(1, sizeof *cmp);
	seen = calloc(n + 1, 1);
	if (cmp)
		cmp->rows = calloc(t->nrows, sizeof *cmp->rows);
	if (!cmp || !seen || !cmp->rows) {
		free(seen);
		opv_comparison_free(cmp);
		return opv__fail(err, OPV_ENOMEM, "out of memory comparing %s", t->source);
	}
	for (i = 0; i < t->nrows && rc == OPV_OK; i++) {
		opv_comparison_row *r = &cmp->rows[i];
		rc = match_row(&r->municipality, reg, t, i, code_col, name_col, err);
		if (rc)
			break;
		if (seen[r->municipality]) {
			rc = opv__fail_at(err, OPV_EDUPLICATE, t->line[i], 0,
			                  "%s:%ld: %s (%s) is listed twice", t->source, t->line[i],
			                  opv_register_at(reg, r->municipality)->code,
			                  opv_register_at(reg, r->municipality)->name);
			break;
		}
		seen[r->municipality] = 1;
		r->line = t->line[i];
		rc = read_count(&r->published, t, i, places_col, err);
		if (rc)
			break;
		r->computed = places[r->municipality];
		if (__builtin_sub_overflow(r->computed, r->published, &r->difference)) {
			rc = opv__fail_at(err, OPV_ERANGE, t->line[i], 0,
			                  "%s:%ld: %s: computed places %lld minus published %lld does not "
			                  "fit in 64 bits", t->source, t->line[i],
			                  opv_register_at(reg, r->municipality)->code,
			                  (long long)r->computed, (long long)r->published);
			break;
		}
		if (amv_col >= 0 && opv__csv_cell(t, i, (size_t)amv_col)[0]) {
			rc = read_count(&r->published_amv, t, i, (size_t)amv_col, err);
			if (rc)
				break;
			if (amv) {
				r->has_amv = 1;
				r->computed_amv = amv[r->municipality];
				if (__builtin_sub_overflow(r->computed_amv, r->published_amv,
				                           &r->amv_difference)) {
					rc = opv__fail_at(err, OPV_ERANGE, t->line[i], 0,
					                  "%s:%ld: %s: computed AMV places %lld minus published %lld "
					                  "does not fit in 64 bits", t->source, t->line[i],
					                  opv_register_at(reg, r->municipality)->code,
					                  (long long)r->computed_amv, (long long)r->published_amv);
					break;
				}
			}
		}
		cmp->exact += r->difference == 0;
		if (magnitude(r->difference) > magnitude(cmp->rows[cmp->largest].difference))
			cmp->largest = i;
	}
	free(seen);
	if (rc) {
		opv_comparison_free(cmp);
		return rc;
	}
	cmp->count = t->nrows;
	*out = cmp;
	return OPV_OK;
}

struct computed {
	const opv_register *reg;
	const int64_t *places, *amv;
};

static int convert_comparison(void *out, struct opv__csv_table *t, const void *context,
                              opv_error *err)
{
	const struct computed *c = context;
	return compare_table(out, c->reg, c->places, c->amv, t, err);
}

static int load(opv_comparison **out, const struct opv__csv_source *source, const opv_register *reg,
                const int64_t *places, const int64_t *amv, opv_error *err)
{
	const struct computed c = { reg, places, amv };
	if (!reg || !places)
		return opv__fail(err, OPV_EINVAL, "register or places is NULL");
	return opv__csv_load(out, source, OPV_REGISTER_MAX_ROWS, convert_comparison, &c, err);
}

int opv_compare_load_csv(opv_comparison **out, const opv_register *reg, const int64_t *places,
                         const int64_t *amv, const char *path, opv_error *err)
{
	const struct opv__csv_source source = OPV__CSV_FILE(path);
	return load(out, &source, reg, places, amv, err);
}

int opv_compare_parse_csv(opv_comparison **out, const opv_register *reg, const int64_t *places,
                          const int64_t *amv, const char *data, size_t len, const char *source,
                          opv_error *err)
{
	const struct opv__csv_source src = OPV__CSV_MEMORY(data, len, source);
	return load(out, &src, reg, places, amv, err);
}
