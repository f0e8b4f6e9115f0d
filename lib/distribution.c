/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The Spreidingswet distribution key (opvang/distribution.h).
 *
 * All work happens in one private block of arrays; the caller's columns are
 * filled only once everything has succeeded.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "opvang/distribution.h"
#include "apportion_internal.h"
#include "error.h"
#include "versioned.h"

__extension__ typedef __int128 i128;

/* The per-municipality working arrays, carved out of one allocation. */
struct work {
	double *weight, *quota, *remainder, *priority;
	int64_t *places, *amv, *floor, *rank;
	void *block;
};

static int work_alloc(struct work *w, size_t n, opv_error *err)
{
	size_t slot = n ? n : 1;
	char *p = malloc(8 * slot * 8);
	if (!p)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu municipalities", n);
	w->block = p;
	w->weight = (double *)p;
	w->quota = (double *)(p + 1 * slot * 8);
	w->remainder = (double *)(p + 2 * slot * 8);
	w->priority = (double *)(p + 3 * slot * 8);
	w->places = (int64_t *)(p + 4 * slot * 8);
	w->amv = (int64_t *)(p + 5 * slot * 8);
	w->floor = (int64_t *)(p + 6 * slot * 8);
	w->rank = (int64_t *)(p + 7 * slot * 8);
	return OPV_OK;
}

/* ---- names ---------------------------------------------------------------- */

const char *opv_ses_transform_name(opv_ses_transform transform)
{
	switch (transform) {
	case OPV_SES_NONE: return "none";
	case OPV_SES_LINEAR: return "linear";
	case OPV_SES_AUTO: return "auto";
	}
	return NULL;
}

int opv_ses_transform_from_name(opv_ses_transform *transform, const char *name, opv_error *err)
{
	if (!transform || !name)
		return opv__fail(err, OPV_EINVAL, "SES transform name is missing");
	if (strcasecmp(name, "none") == 0)
		*transform = OPV_SES_NONE;
	else if (strcasecmp(name, "linear") == 0)
		*transform = OPV_SES_LINEAR;
	else if (strcasecmp(name, "auto") == 0)
		*transform = OPV_SES_AUTO;
	else
		return opv__fail(err, OPV_ENOTFOUND,
		                 "unknown SES transform '%.64s' (known: none, linear, auto)", name);
	return OPV_OK;
}

const char *opv_amv_mode_name(opv_amv_mode mode)
{
	switch (mode) {
	case OPV_AMV_ROUND: return "round";
	case OPV_AMV_APPORTION: return "apportion";
	}
	return NULL;
}

int opv_amv_mode_from_name(opv_amv_mode *mode, const char *name, opv_error *err)
{
	if (!mode || !name)
		return opv__fail(err, OPV_EINVAL, "AMV mode name is missing");
	if (strcasecmp(name, "round") == 0)
		*mode = OPV_AMV_ROUND;
	else if (strcasecmp(name, "apportion") == 0)
		*mode = OPV_AMV_APPORTION;
	else
		return opv__fail(err, OPV_ENOTFOUND, "unknown AMV mode '%.64s' (known: round, apportion)",
		                 name);
	return OPV_OK;
}

/* ---- steps ------------------------------------------------------------------ */

static int check_options(const opv_distribution_options *o, opv_error *err)
{
	int rc = opv__check_version(o->version, OPV_DISTRIBUTION_OPTIONS_VERSION,
	                            "distribution options", err);
	if (rc)
		return rc;
	if (!opv_ses_transform_name(o->ses_transform))
		return opv__fail(err, OPV_EINVAL, "unknown SES transform %d", (int)o->ses_transform);
	if (!opv_method_name(o->method))
		return opv__fail(err, OPV_EINVAL, "unknown apportionment method %d", (int)o->method);
	if (!opv_amv_mode_name(o->amv_mode))
		return opv__fail(err, OPV_EINVAL, "unknown AMV mode %d", (int)o->amv_mode);
	return OPV_OK;
}

static int check_totals(int64_t total, int64_t amv_total, const opv_register *reg,
                        opv_error *err)
{
	if (total < 0 || total > OPV_APPORTION_MAX_TOTAL)
		return opv__fail(err, OPV_ERANGE, "total %lld is outside 0..2^53", (long long)total);
	if (amv_total < 0)
		return opv__fail(err, OPV_ERANGE, "AMV places %lld are negative", (long long)amv_total);
	if (amv_total > total)
		return opv__fail(err, OPV_ERANGE, "AMV places %lld exceed the total %lld",
		                 (long long)amv_total, (long long)total);
	if (total > 0 && opv_register_population(reg) == 0)
		return opv__fail(err, OPV_EINVAL,
		                 "the register has no inhabitants to distribute %lld places over",
		                 (long long)total);
	return OPV_OK;
}

/*
 * OPV_SES_AUTO, the one place the rule lives: scores given on purpose
 * count.  Given as `ses`, they count even where a score is missing (and
 * the municipality without one is then named); else the register's count
 * when it has any.
 */
static opv_ses_transform applied_transform(opv_ses_transform asked, const opv_register *reg,
                                           const double *ses)
{
	size_t i, n = opv_register_count(reg);
	if (asked != OPV_SES_AUTO)
		return asked;
	if (ses)
		return OPV_SES_LINEAR;
	for (i = 0; i < n; i++)
		if (opv_register_at(reg, i)->has_ses)
			return OPV_SES_LINEAR;
	return OPV_SES_NONE;
}

/* w_g = P_g * f(S_g); every refusal names the municipality. */
static int compute_weights(double *weight, const opv_register *reg, const double *ses,
                           opv_ses_transform transform, opv_error *err)
{
	size_t i, n = opv_register_count(reg);
	for (i = 0; i < n; i++) {
		const opv_municipality *m = opv_register_at(reg, i);
		double score, factor;
		if (transform == OPV_SES_NONE) {
			weight[i] = (double)m->population;
			continue;
		}
		score = ses ? ses[i] : (m->has_ses ? m->ses : NAN);
		if (isnan(score))
			return opv__fail(err, OPV_EINVAL,
			                 "municipality %s (%s) has no SES score, which the linear transform needs",
			                 m->code, m->name);
		if (!isfinite(score))
			return opv__fail(err, OPV_ERANGE, "SES score of %s (%s) is not finite", m->code, m->name);
		factor = 1.0 + score;
		if (!(factor > 0))
			return opv__fail(err, OPV_EINVAL,
			                 "SES score %g of %s (%s) gives a weight factor 1 + ses = %g, which must be above 0",
			                 score, m->code, m->name, factor);
		weight[i] = (double)m->population * factor;
		if (!isfinite(weight[i]))
			return opv__fail(err, OPV_ERANGE,
			                 "SES score %g of %s (%s) makes the weight population * (1 + ses) "
			                 "too large for a double", score, m->code, m->name);
	}
	return OPV_OK;
}

struct ranked {
	double key;
	size_t index;
};

static int by_priority_desc(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Divisor methods: the priority of each unit's last place and its rank. */
static int explain_divisor(struct work *w, size_t n, opv_method method, opv_error *err)
{
	struct ranked *order = malloc(n * sizeof *order + 1);
	size_t i, m = 0;
	if (!order)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu municipalities", n);
	for (i = 0; i < n; i++) {
		w->rank[i] = 0;
		w->priority[i] = NAN;
		if (w->places[i] > 0) {
			w->priority[i] = opv__last_seat_priority(method, w->weight[i], w->places[i]);
			order[m++] = (struct ranked){ w->priority[i], i };
		}
	}
	qsort(order, m, sizeof *order, by_priority_desc);
	for (i = 0; i < m; i++)
		w->rank[order[i].index] = (int64_t)i + 1;
	free(order);
	return OPV_OK;
}

static int apportion_places(struct work *w, size_t n, double weight_sum, int64_t total,
                            int64_t *by_remainder, int explain, int ranks,
                            const opv_distribution_options *o, opv_error *err)
{
	opv_apportion_options ao = OPV_APPORTION_OPTIONS_INIT;
	size_t i;
	int rc;
	ao.method = o->method;
	*by_remainder = 0;
	if (o->method == OPV_HAMILTON) {
		/* Without the working, only the count of seats by remainder comes back. */
		struct opv__apportion_detail d = { NULL, NULL, NULL, NULL, 0 };
		if (explain)
			d = (struct opv__apportion_detail){ w->quota, w->floor, w->remainder,
			                                    ranks ? w->rank : NULL, 0 };
		rc = opv__apportion(w->places, w->weight, n, total, &ao, NULL, &d, err);
		if (rc)
			return rc;
		for (i = 0; i < n && explain; i++) {
			w->priority[i] = NAN;
			if (!ranks)
				w->rank[i] = 0;
		}
		*by_remainder = d.seats_by_remainder;
		return OPV_OK;
	}
	rc = opv__apportion(w->places, w->weight, n, total, &ao, NULL, NULL, err);
	if (rc || !explain)
		return rc;
	for (i = 0; i < n; i++) {
		long double q = weight_sum > 0 ? (long double)total * w->weight[i] / weight_sum : 0;
		w->quota[i] = (double)q;
		w->floor[i] = (int64_t)floorl(q);
		w->remainder[i] = (double)(q - floorl(q));
	}
	return explain_divisor(w, n, o->method, err);
}

/* AMV_g = round half up of N_g * A / C, in exact integers: 64-bit ones while
 * 2 * N * A + C cannot pass 2^63 (N, A <= C < 2^30), else 128-bit. */
static void amv_round(int64_t *amv, const int64_t *places, size_t n, int64_t a, int64_t c)
{
	size_t i;
	if (c <= 0) {
		memset(amv, 0, n * sizeof *amv);
	} else if (c < ((int64_t)1 << 30)) {
		for (i = 0; i < n; i++)
			amv[i] = (2 * places[i] * a + c) / (2 * c);
	} else {
		for (i = 0; i < n; i++)
			amv[i] = (int64_t)(((i128)2 * places[i] * a + c) / ((i128)2 * c));
	}
}

static int amv_apportion(int64_t *amv, const int64_t *places, size_t n, int64_t a,
                         opv_error *err)
{
	opv_apportion_options ao = OPV_APPORTION_OPTIONS_INIT;
	double *weight = malloc(n * sizeof *weight + 1);
	size_t i;
	int rc;
	if (!weight)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu municipalities", n);
	for (i = 0; i < n; i++)
		weight[i] = (double)places[i]; /* exact: places are below 2^53 */
	ao.upper = places;
	rc = opv_apportion(amv, weight, n, a, &ao, err);
	free(weight);
	return rc;
}

static void copy_out(const opv_distribution_columns *out, const struct work *w, size_t n)
{
	size_t i;
#define COPY(member) if (out->member) memcpy(out->member, w->member, n * sizeof *w->member)
	COPY(weight);
	COPY(quota);
	COPY(places);
	COPY(amv);
	COPY(floor);
	COPY(remainder);
	COPY(rank);
	COPY(priority);
#undef COPY
	if (out->regular)
		for (i = 0; i < n; i++)
			out->regular[i] = w->places[i] - w->amv[i];
}

/* ---- the pipeline ----------------------------------------------------------- */

/*
 * Step 1, once for any number of totals: the weights and their sum.
 * Returns the transform applied in `*applied`.
 */
static int weigh(struct work *w, long double *weight_sum, opv_ses_transform *applied,
                 const opv_register *reg, const double *ses, const opv_distribution_options *o,
                 opv_error *err)
{
	size_t i, n = opv_register_count(reg);
	int rc;
	*applied = applied_transform(o->ses_transform, reg, ses);
	rc = compute_weights(w->weight, reg, ses, *applied, err);
	if (rc)
		return rc;
	*weight_sum = 0;
	for (i = 0; i < n; i++)
		*weight_sum += w->weight[i];
	if (!(*weight_sum <= DBL_MAX))
		return opv__fail(err, OPV_ERANGE, "the sum of the weights is too large for a double");
	return OPV_OK;
}

/*
 * Step 2, once per total: places, AMV places and, when `explain`, the
 * working (ranks and priorities cost a sort: only with `ranks`).
 */
static int place(struct work *w, opv_distribution_summary *sum, size_t n, int64_t total,
                 int64_t amv_total, int explain, int ranks, const opv_distribution_options *o,
                 opv_error *err)
{
	size_t i;
	int rc = apportion_places(w, n, sum->weight_sum, total, &sum->by_remainder, explain, ranks,
	                          o, err);
	if (rc)
		return rc;
	if (o->amv_mode == OPV_AMV_ROUND)
		amv_round(w->amv, w->places, n, amv_total, total);
	else if ((rc = amv_apportion(w->amv, w->places, n, amv_total, err)))
		return rc;
	sum->places = sum->amv = 0;
	for (i = 0; i < n; i++) {
		sum->places += w->places[i];
		sum->amv += w->amv[i];
	}
	sum->regular = sum->places - sum->amv;
	sum->amv_residual = sum->amv - amv_total;
	return OPV_OK;
}

/* Options (NULL: the defaults), the caller's struct versions and the register. */
static int check_call(const opv_distribution_options **options, const opv_register *reg,
                      const opv_distribution_columns *out, const opv_distribution_summary *summary,
                      opv_error *err)
{
	static const opv_distribution_options defaults = OPV_DISTRIBUTION_OPTIONS_INIT;
	int rc;
	if (!reg)
		return opv__fail(err, OPV_EINVAL, "register is NULL");
	if (!*options)
		*options = &defaults;
	if ((rc = check_options(*options, err)))
		return rc;
	if (out && (rc = opv__check_version(out->version, OPV_DISTRIBUTION_COLUMNS_VERSION,
	                                    "distribution columns", err)))
		return rc;
	if (summary && (rc = opv__check_version(summary->version, OPV_DISTRIBUTION_SUMMARY_VERSION,
	                                        "distribution summary", err)))
		return rc;
	return OPV_OK;
}

int opv_distribute(const opv_distribution_columns *out, opv_distribution_summary *summary,
                   const opv_register *reg, int64_t total, int64_t amv_total, const double *ses,
                   const opv_distribution_options *options, opv_error *err)
{
	opv_distribution_summary sum = OPV_DISTRIBUTION_SUMMARY_INIT;
	struct work w = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	long double weight_sum;
	size_t n;
	int rc, ranks, explain;

	if (!out)
		return opv__fail(err, OPV_EINVAL, "output columns are NULL");
	if ((rc = check_call(&options, reg, out, summary, err))
	    || (rc = check_totals(total, amv_total, reg, err)))
		return rc;
	n = opv_register_count(reg);
	if ((rc = work_alloc(&w, n, err)))
		return rc;
	rc = weigh(&w, &weight_sum, &sum.ses_transform, reg, ses, options, err);
	if (rc)
		goto done;
	sum.weight_sum = (double)weight_sum;
	ranks = out->rank || out->priority;
	explain = ranks || out->quota || out->floor || out->remainder;
	rc = place(&w, &sum, n, total, amv_total, explain, ranks, options, err);
	if (rc)
		goto done;
	copy_out(out, &w, n);
	if (summary)
		opv__struct_copy(summary, &sum, opv__opv_distribution_summary_sizes, summary->version);
done:
	free(w.block);
	return rc;
}

int opv_distribute_many(int64_t *places, int64_t *amv_places, const opv_register *reg,
                        const int64_t *totals, size_t ntotals, int64_t amv_total,
                        const double *ses, const opv_distribution_options *options,
                        opv_error *err)
{
	opv_distribution_summary sum = OPV_DISTRIBUTION_SUMMARY_INIT;
	struct work w = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	long double weight_sum = 0;
	int64_t *seats = NULL, *shares = NULL;
	size_t n, t;
	int rc;

	if (!places || (ntotals > 0 && !totals))
		return opv__fail(err, OPV_EINVAL, "places or totals is NULL");
	if ((rc = check_call(&options, reg, NULL, NULL, err)))
		return rc;
	n = opv_register_count(reg);
	if (n > 0 && ntotals > (SIZE_MAX / sizeof *places - 1) / n)
		return opv__fail(err, OPV_ERANGE, "%zu totals of %zu municipalities do not fit in memory",
		                 ntotals, n);
	for (t = 0; t < ntotals; t++) {
		if ((rc = check_totals(totals[t], amv_total, reg, err))) {
			char why[OPV_ERROR_MESSAGE_SIZE] = "";
			if (err)
				memcpy(why, err->message, sizeof why);
			return opv__fail(err, rc, "totals[%zu]: %s", t, why);
		}
	}
	/* The results go to the caller only once every total has succeeded. */
	rc = work_alloc(&w, n, err);
	seats = malloc((ntotals * n + 1) * sizeof *seats);
	shares = amv_places ? malloc((ntotals * n + 1) * sizeof *shares) : NULL;
	if (!rc && (!seats || (amv_places && !shares)))
		rc = opv__fail(err, OPV_ENOMEM, "out of memory for %zu distributions", ntotals);
	if (!rc)
		rc = weigh(&w, &weight_sum, &sum.ses_transform, reg, ses, options, err);
	sum.weight_sum = (double)weight_sum;
	for (t = 0; t < ntotals && !rc; t++) {
		rc = place(&w, &sum, n, totals[t], amv_total, 0, 0, options, err);
		if (rc)
			break;
		memcpy(seats + t * n, w.places, n * sizeof *seats);
		if (shares)
			memcpy(shares + t * n, w.amv, n * sizeof *shares);
	}
	if (!rc) {
		memcpy(places, seats, ntotals * n * sizeof *seats);
		if (amv_places)
			memcpy(amv_places, shares, ntotals * n * sizeof *shares);
	}
	free(w.block);
	free(seats);
	free(shares);
	return rc;
}
