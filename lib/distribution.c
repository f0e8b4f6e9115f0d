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
	else
		return opv__fail(err, OPV_ENOTFOUND, "unknown SES transform '%.64s' (known: none, linear)",
		                 name);
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
	if (o->version != OPV_DISTRIBUTION_OPTIONS_VERSION)
		return opv__fail(err, OPV_EINVAL, "distribution options version %u is not %u",
		                 o->version, OPV_DISTRIBUTION_OPTIONS_VERSION);
	if (!opv_ses_transform_name(o->ses_transform))
		return opv__fail(err, OPV_EINVAL, "unknown SES transform %d", (int)o->ses_transform);
	if (!opv_method_name(o->method))
		return opv__fail(err, OPV_EINVAL, "unknown apportionment method %d", (int)o->method);
	if (!opv_amv_mode_name(o->amv_mode))
		return opv__fail(err, OPV_EINVAL, "unknown AMV mode %d", (int)o->amv_mode);
	if (o->total < 0 || o->total > OPV_APPORTION_MAX_TOTAL)
		return opv__fail(err, OPV_ERANGE, "total %lld is outside 0..2^53", (long long)o->total);
	if (o->amv < 0)
		return opv__fail(err, OPV_ERANGE, "AMV places %lld are negative", (long long)o->amv);
	if (o->amv > o->total)
		return opv__fail(err, OPV_ERANGE, "AMV places %lld exceed the total %lld",
		                 (long long)o->amv, (long long)o->total);
	return OPV_OK;
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

static int apportion_places(struct work *w, size_t n, double weight_sum, int64_t *by_remainder,
                            int explain, int ranks, const opv_distribution_options *o,
                            opv_error *err)
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
		rc = opv__apportion(w->places, w->weight, n, o->total, &ao, &d, err);
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
	rc = opv__apportion(w->places, w->weight, n, o->total, &ao, NULL, err);
	if (rc || !explain)
		return rc;
	for (i = 0; i < n; i++) {
		long double q = weight_sum > 0 ? (long double)o->total * w->weight[i] / weight_sum : 0;
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

int opv_distribute(const opv_distribution_columns *out, opv_distribution_summary *summary,
                   const opv_register *reg, const double *ses,
                   const opv_distribution_options *options, opv_error *err)
{
	opv_distribution_options defaults = OPV_DISTRIBUTION_OPTIONS_INIT;
	opv_distribution_summary sum = { 0, 0, 0, 0, 0.0, 0 };
	struct work w = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	long double weight_sum = 0;
	size_t i, n;
	int rc, explain, ranks;

	if (!out || !reg)
		return opv__fail(err, OPV_EINVAL, "output columns or register is NULL");
	if (!options)
		options = &defaults;
	rc = check_options(options, err);
	if (rc)
		return rc;
	n = opv_register_count(reg);
	if (options->total > 0 && opv_register_population(reg) == 0)
		return opv__fail(err, OPV_EINVAL,
		                 "the register has no inhabitants to distribute %lld places over",
		                 (long long)options->total);
	rc = work_alloc(&w, n, err);
	if (rc)
		return rc;
	rc = compute_weights(w.weight, reg, ses, options->ses_transform, err);
	if (rc)
		goto done;
	for (i = 0; i < n; i++)
		weight_sum += w.weight[i];
	if (!(weight_sum <= DBL_MAX)) {
		rc = opv__fail(err, OPV_ERANGE, "the sum of the weights is too large for a double");
		goto done;
	}
	/* The working (quota, floor, remainder) is cheap; ranks and priorities
	 * cost a sort: each only when asked for. */
	ranks = out->rank || out->priority;
	explain = ranks || out->quota || out->floor || out->remainder;
	rc = apportion_places(&w, n, (double)weight_sum, &sum.by_remainder, explain, ranks, options,
	                      err);
	if (rc)
		goto done;
	if (options->amv_mode == OPV_AMV_ROUND)
		amv_round(w.amv, w.places, n, options->amv, options->total);
	else if ((rc = amv_apportion(w.amv, w.places, n, options->amv, err)))
		goto done;

	for (i = 0; i < n; i++) {
		sum.places += w.places[i];
		sum.amv += w.amv[i];
	}
	sum.regular = sum.places - sum.amv;
	sum.amv_residual = sum.amv - options->amv;
	sum.weight_sum = (double)weight_sum;
	copy_out(out, &w, n);
	if (summary)
		*summary = sum;
done:
	free(w.block);
	return rc;
}

int opv_distribute_many(int64_t *places, int64_t *amv, const opv_register *reg, const double *ses,
                        const int64_t *totals, size_t ntotals,
                        const opv_distribution_options *options, opv_error *err)
{
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	opv_apportion_options ao = OPV_APPORTION_OPTIONS_INIT;
	double *weight;
	int64_t *seats, *shares;
	size_t n, t;
	int rc;

	if (!places || !reg || (ntotals > 0 && !totals))
		return opv__fail(err, OPV_EINVAL, "places, register or totals is NULL");
	if (options)
		o = *options;
	n = opv_register_count(reg);
	if (n > 0 && ntotals > (SIZE_MAX / sizeof *places - 1) / n)
		return opv__fail(err, OPV_ERANGE, "%zu totals of %zu municipalities do not fit in memory",
		                 ntotals, n);
	for (t = 0; t < ntotals; t++) {
		o.total = totals[t];
		if ((rc = check_options(&o, err))) {
			char why[OPV_ERROR_MESSAGE_SIZE] = "";
			if (err)
				memcpy(why, err->message, sizeof why);
			return opv__fail(err, rc, "totals[%zu]: %s", t, why);
		}
		if (o.total > 0 && opv_register_population(reg) == 0)
			return opv__fail(err, OPV_EINVAL, "the register has no inhabitants");
	}
	weight = malloc((n ? n : 1) * sizeof *weight);
	seats = malloc((ntotals * n + 1) * sizeof *seats);
	shares = amv ? malloc((ntotals * n + 1) * sizeof *shares) : NULL;
	if (!weight || !seats || (amv && !shares)) {
		rc = opv__fail(err, OPV_ENOMEM, "out of memory for %zu distributions", ntotals);
		goto done;
	}
	rc = compute_weights(weight, reg, ses, o.ses_transform, err);
	ao.method = o.method;
	for (t = 0; t < ntotals && !rc; t++) {
		rc = opv_apportion(seats + t * n, weight, n, totals[t], &ao, err);
		if (!rc && amv) {
			if (o.amv_mode == OPV_AMV_ROUND)
				amv_round(shares + t * n, seats + t * n, n, o.amv, totals[t]);
			else
				rc = amv_apportion(shares + t * n, seats + t * n, n, o.amv, err);
		}
	}
	if (!rc) {
		memcpy(places, seats, ntotals * n * sizeof *seats);
		if (amv)
			memcpy(amv, shares, ntotals * n * sizeof *shares);
	}
done:
	free(weight);
	free(seats);
	free(shares);
	return rc;
}
