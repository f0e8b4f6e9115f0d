/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Integer apportionment: the entry points, the method names, the checks of
 * the options and the input, and the one dispatcher that picks a route.  See
 * opvang/apportion.h for the methods and their guarantees and
 * apportion_internal.h for where each route lives.
 *
 * A route that could fail after writing a seat works on a private copy of the
 * seats, so a failure leaves the caller's array untouched.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "opvang/apportion.h"
#include "apportion_internal.h"
#include "divisor_stream.h"
#include "error.h"
#include "versioned.h"

/* 128-bit integers: sums of up to 2^64 bounds each below 2^63. */
__extension__ typedef __int128 i128;

/* ---- method names -------------------------------------------------------- */

static const struct { const char *name; opv_method method; } method_names[] = {
	{ "hamilton", OPV_HAMILTON },
	{ "largest-remainder", OPV_HAMILTON },
	{ "hare", OPV_HAMILTON },
	{ "jefferson", OPV_JEFFERSON },
	{ "dhondt", OPV_JEFFERSON },
	{ "d'hondt", OPV_JEFFERSON },
	{ "webster", OPV_WEBSTER },
	{ "sainte-lague", OPV_WEBSTER },
	{ "saint-lague", OPV_WEBSTER },
	{ "adams", OPV_ADAMS },
	{ "huntington-hill", OPV_HUNTINGTON_HILL },
	{ "hill", OPV_HUNTINGTON_HILL },
};

int opv_method_from_name(opv_method *method, const char *name, opv_error *err)
{
	size_t i;
	if (!method || !name)
		return opv__fail(err, OPV_EINVAL, "method name is missing");
	for (i = 0; i < sizeof method_names / sizeof method_names[0]; i++) {
		if (strcasecmp(name, method_names[i].name) == 0) {
			*method = method_names[i].method;
			return OPV_OK;
		}
	}
	return opv__fail(err, OPV_ENOTFOUND,
	                 "unknown apportionment method '%.64s' (known: hamilton, largest-remainder, "
	                 "jefferson, dhondt, webster, sainte-lague, adams, huntington-hill)", name);
}

const char *opv_method_name(opv_method method)
{
	switch (method) {
	case OPV_HAMILTON: return "hamilton";
	case OPV_JEFFERSON: return "jefferson";
	case OPV_WEBSTER: return "webster";
	case OPV_ADAMS: return "adams";
	case OPV_HUNTINGTON_HILL: return "huntington-hill";
	}
	return NULL;
}

/* ---- validation and entry ------------------------------------------------- */

static int validate(struct opv__problem *p, opv_error *err)
{
	size_t i;
	long double sum = 0;
	i128 lower_sum = 0, upper_sum = 0;
	uint64_t isum = 0;
	int integral = 1;
	struct opv__divisor_scan scan;

	if (p->total < 0 || p->total > OPV_APPORTION_MAX_TOTAL)
		return opv__fail(err, OPV_ERANGE, "total %lld is outside 0..2^53", (long long)p->total);
	if (p->n == 0 && p->total > 0)
		return opv__fail(err, OPV_EINVAL, "no units to apportion a total of %lld over",
		                 (long long)p->total);
	if (!p->lower && !p->upper && p->method != OPV_HAMILTON &&
	    opv__divisor_scan(p->w, p->n, p->hill.split > 0 ? &p->hill : NULL, p->threads,
	                      &scan)) {
		/* Every weight is valid, and the divisor methods need only these. */
		p->stream = 1;
		p->weight_sum = scan.sum;
		p->max_w = scan.max;
		p->min_w = scan.min_positive;
		p->positive = scan.positive;
		integral = 0;
	}
	for (i = 0; i < p->n && !p->stream; i++) {
		double w = p->w[i];
		/* One test catches NaN, infinities and negatives on the common path. */
		if (!(w >= 0 && w <= DBL_MAX)) {
			if (isnan(w))
				return opv__fail(err, OPV_EINVAL, "weight %zu is NaN", i);
			if (isinf(w))
				return opv__fail(err, OPV_EINVAL, "weight %zu is infinite", i);
			return opv__fail(err, OPV_EINVAL, "weight %zu is negative (%g)", i, w);
		}
		p->positive += w > 0;
		/* A whole number below 2^53 converts to int64 and back unchanged. */
		if (integral && w < 9007199254740992.0 && (double)(int64_t)w == w &&
		    isum <= (uint64_t)INT64_MAX - (uint64_t)w)
			isum += (uint64_t)w;
		else
			integral = 0;
	}
	if (p->stream) {
		sum = p->weight_sum;
	} else if (integral) {
		sum = (long double)isum;
	} else {
		for (i = 0; i < p->n; i++)
			sum += p->w[i];
	}
	if (!isfinite((double)sum))
		return opv__fail(err, OPV_ERANGE, "the sum of the weights is not finite");
	p->weight_sum = (double)sum;
	p->integral = integral && isum > 0;
	p->integral_sum = isum;

	/* Without bounds there is nothing more to check: some weight is positive
	 * or the total is zero (both checked below). */
	for (i = 0; i < p->n && (p->lower || p->upper); i++) {
		int64_t lo = opv__lower_of(p, i), hi = opv__upper_of(p, i);
		if (lo < 0)
			return opv__fail(err, OPV_EINVAL, "lower bound of unit %zu is negative (%lld)",
			                 i, (long long)lo);
		if (hi < lo)
			return opv__fail(err, OPV_EINVAL,
			                 "upper bound of unit %zu (%lld) is below its lower bound (%lld)",
			                 i, (long long)hi, (long long)lo);
		lower_sum += lo;
		/* A unit of weight zero never rises above its lower bound. */
		upper_sum += p->w[i] > 0 ? hi : lo;
	}
	if (lower_sum > p->total)
		return opv__fail(err, OPV_ERANGE, "the lower bounds add up to more than the total %lld",
		                 (long long)p->total);
	if (sum == 0 && p->total > lower_sum)
		return opv__fail(err, OPV_EINVAL, "all weights are zero, so a total of %lld cannot be apportioned",
		                 (long long)p->total);
	if ((p->lower || p->upper) && upper_sum < p->total)
		return opv__fail(err, OPV_ERANGE,
		                 "the upper bounds of the units with positive weight add up to less than the total %lld",
		                 (long long)p->total);
	if (p->method == OPV_ADAMS || p->method == OPV_HUNTINGTON_HILL) {
		/* b(0) = 0 gives every unit of positive weight its first seat first. */
		/* Without bounds that is one seat for each unit of positive weight. */
		i128 needed = p->lower || p->upper ? 0 : (i128)p->positive;
		for (i = 0; i < p->n && (p->lower || p->upper); i++) {
			int64_t lo = opv__lower_of(p, i);
			needed += (p->w[i] > 0 && lo < 1 && opv__upper_of(p, i) >= 1) ? 1 : lo;
		}
		if (needed > p->total && p->total > 0)
			return opv__fail(err, OPV_ERANGE,
			                 "%s gives every unit with a positive weight a seat: a total of %lld is too small",
			                 opv_method_name(p->method), (long long)p->total);
	}
	return OPV_OK;
}

/*
 * Weights so small that the divisor (a weight over its seats) would be
 * subnormal: its few bits leave the seats at any divisor far from the total,
 * up to 2^53 seats for the heap to give one at a time, and the priorities
 * lose their order (a lone weight of 5e-324 never got its seats).  The seats
 * of a divisor method do not change when every weight is multiplied by one
 * number, and multiplying by a power of two is exact: the smallest positive
 * weight is brought to at least 2^-500, the largest to at most 2^900, into
 * the copy *scaled that the problem then reads.  Nothing to do otherwise.
 */
static int scale_tiny_weights(double **scaled, struct opv__problem *p, opv_error *err)
{
	double min_w = p->stream ? p->min_w : INFINITY, max_w = p->stream ? p->max_w : 0;
	long double sum = 0;
	size_t i;
	int e_min, e_max, shift;
	/* The vector scan has found both already. */
	for (i = 0; i < p->n && !p->stream; i++) {
		if (p->w[i] > 0 && p->w[i] < min_w)
			min_w = p->w[i];
		if (p->w[i] > max_w)
			max_w = p->w[i];
	}
	(void)frexp(min_w, &e_min);
	(void)frexp(max_w, &e_max);
	shift = -500 - e_min + 1;
	if (shift > 900 - e_max)
		shift = 900 - e_max;
	if (!(min_w < 0x1p-500 && shift > 0))
		return OPV_OK;
	*scaled = malloc(p->n * sizeof **scaled);
	if (!*scaled)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", p->n);
	for (i = 0; i < p->n; i++) {
		(*scaled)[i] = ldexp(p->w[i], shift);
		sum += (*scaled)[i];
	}
	p->w = *scaled;
	p->weight_sum = (double)sum;
	p->max_w = ldexp(max_w, shift);
	p->min_w = ldexp(min_w, shift);
	p->hill.split = ldexp(p->hill.split, shift);  /* the sums are of ratios: unchanged */
	return OPV_OK;
}

/* ---- the entry and the dispatcher ------------------------------------------ */

static int check_options(const opv_apportion_options *o, opv_error *err)
{
	int rc = opv__check_version(o->version, OPV_APPORTION_OPTIONS_VERSION, "apportion options",
	                            err);
	if (rc)
		return rc;
	if (!opv_method_name(o->method))
		return opv__fail(err, OPV_EINVAL, "unknown apportionment method %d", (int)o->method);
	if (o->ties != OPV_TIE_LOWER_INDEX && o->ties != OPV_TIE_ERROR)
		return opv__fail(err, OPV_EINVAL, "unknown tie rule %d", (int)o->ties);
	return OPV_OK;
}

/* Runs the reference, or with `fast` the fast route where one applies, on
 * a private copy of the seats unless the route cannot fail after it starts
 * writing.  The options are checked; threads is 1 .. OPV_TUNING_MAX_THREADS. */
static int dispatch(int64_t *seats, const double *weights, size_t n, int64_t total,
                    const opv_apportion_options *o, unsigned threads, int fast,
                    struct opv__apportion_detail *detail, struct opv__trace *trace,
                    opv_error *err)
{
	struct opv__problem p;
	int64_t *work;
	double *scaled = NULL;
	int rc;

	if (n > 0 && (!seats || !weights))
		return opv__fail(err, OPV_EINVAL, "seats and weights must not be NULL");
	/* The largest working array is 24 bytes a unit, four times with margin. */
	if (n > SIZE_MAX / 96)
		return opv__fail(err, OPV_ERANGE, "too many units (%zu)", n);

	/* Hamilton's vector passes check the weights themselves, faster than
	 * validate() would, and decline anything they do not handle. */
	if (fast && o->method == OPV_HAMILTON && !o->lower && !o->upper) {
		rc = opv__hamilton_stream(seats, weights, n, total, o->ties, threads, detail, NULL, err);
		if (rc != OPV__NOT_HANDLED)
			return rc;
	}

	memset(&p, 0, sizeof p);
	p.w = weights;
	p.n = n;
	p.total = total;
	p.method = o->method;
	p.ties = o->ties;
	p.lower = o->lower;
	p.upper = o->upper;
	p.trace = trace;
	p.threads = threads;
	/* Huntington-Hill's fast route starts from sums that the scan of the
	 * weights makes around this guess of the divisor. */
	if (fast && p.method == OPV_HUNTINGTON_HILL && !p.lower && !p.upper)
		opv__divisor_hill_guess(&p.hill, weights, n, total);
	rc = validate(&p, err);
	if (rc)
		return rc;
	if (n == 0)
		return OPV_OK;
	if (detail && p.method != OPV_HAMILTON)
		return opv__fail(err, OPV_EINVAL, "remainder details exist only for hamilton");
	if (p.method != OPV_HAMILTON && p.weight_sum > 0) {
		rc = scale_tiny_weights(&scaled, &p, err);
		if (rc)
			return rc;
	}

	/* The fast divisor route on the vector passes fails, if at all, before
	 * it writes a seat, unless a tie is to be reported: it may write in place. */
	if (fast && p.stream && p.ties == OPV_TIE_LOWER_INDEX) {
		rc = opv__divisor_fast(seats, &p, err);
		free(scaled);
		return rc;
	}
	work = malloc(n * sizeof *work);
	if (!work) {
		free(scaled);
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu units", n);
	}
	if (p.method == OPV_HAMILTON)
		rc = opv__hamilton_reference(work, &p, detail, err);
	else if (fast)
		rc = opv__divisor_fast(work, &p, err);
	else
		rc = opv__divisor_reference(work, &p, err);
	if (rc == OPV_OK)
		memcpy(seats, work, n * sizeof *work);
	free(work);
	free(scaled);
	return rc;
}

/* The options and the tuning checked, then dispatch() on the fast routes. */
static int dispatch_tuned(int64_t *seats, const double *weights, size_t n, int64_t total,
                          const opv_apportion_options *options, const opv_tuning *tuning,
                          struct opv__apportion_detail *detail, struct opv__trace *trace,
                          opv_error *err)
{
	opv_apportion_options defaults = OPV_APPORTION_OPTIONS_INIT;
	unsigned threads;
	int rc;
	if (!options)
		options = &defaults;
	if ((rc = check_options(options, err)) || (rc = opv__read_tuning(&threads, tuning, err)))
		return rc;
	return dispatch(seats, weights, n, total, options, threads, 1, detail, trace, err);
}

int opv__apportion(int64_t *seats, const double *weights, size_t n, int64_t total,
                   const opv_apportion_options *options, const opv_tuning *tuning,
                   struct opv__apportion_detail *detail, opv_error *err)
{
	return dispatch_tuned(seats, weights, n, total, options, tuning, detail, NULL, err);
}

int opv__apportion_traced(int64_t *seats, const double *weights, size_t n, int64_t total,
                          const opv_apportion_options *options, const opv_tuning *tuning,
                          struct opv__trace *trace, opv_error *err)
{
	return dispatch_tuned(seats, weights, n, total, options, tuning, NULL, trace, err);
}

int opv__apportion_reference(int64_t *seats, const double *weights, size_t n, int64_t total,
                             const opv_apportion_options *options, opv_error *err)
{
	opv_apportion_options defaults = OPV_APPORTION_OPTIONS_INIT;
	int rc;
	if (!options)
		options = &defaults;
	rc = check_options(options, err);
	return rc ? rc : dispatch(seats, weights, n, total, options, 1, 0, NULL, NULL, err);
}

int opv_apportion(int64_t *seats, const double *weights, size_t n, int64_t total,
                  const opv_apportion_options *options, opv_error *err)
{
	return opv__apportion(seats, weights, n, total, options, NULL, NULL, err);
}

int opv_apportion_tuned(int64_t *seats, const double *weights, size_t n, int64_t total,
                        const opv_apportion_options *options, const opv_tuning *tuning,
                        opv_error *err)
{
	return opv__apportion(seats, weights, n, total, options, tuning, NULL, err);
}
