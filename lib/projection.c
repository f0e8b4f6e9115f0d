/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The shortfall projection (opvang/projection.h): one weekly step function
 * shared by the deterministic run and every Monte Carlo run, so the two can
 * only differ by the noise.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/projection.h"
#include "error.h"
#include "rng.h"
#include "scenario_internal.h"

/* Round half up, for 0 <= x < 2^62: truncating x + 0.5 is floor(x + 0.5)
 * for non-negative values, without a call into libm. */
static int64_t round_people(double x)
{
	return (int64_t)(x + 0.5);
}

__extension__ typedef __int128 i128;

/* ceil(occupancy / target) with the target in millionths: exact. */
static int64_t places_needed(int64_t occupancy, int64_t target_millionths)
{
	i128 scaled = (i128)occupancy * 1000000;
	return (int64_t)((scaled + target_millionths - 1) / target_millionths);
}

/* The noise of one run; NULL for none. */
struct noise {
	uint64_t seed, run;
	double inflow_cv, rho, innovation, housing_cv;
};

/* The noise factors of week k: draw k gives the inflow deviate (first) and
 * the housing deviate (second); draw weeks + j decides the delay of opening j.
 * `z` carries the inflow's autocorrelated state from week to week. */
static void week_factors(double *inflow, double *housing, const struct noise *n, int k, double *z)
{
	double e[2], f;
	opv__deviate_pair(e, n->seed, n->run, (uint64_t)k);
	*z = k == 0 ? e[0] : n->rho * *z + n->innovation * e[0];
	f = 1.0 + n->inflow_cv * *z;
	*inflow = f > 0 ? f : 0;
	f = 1.0 + n->housing_cv * e[1];
	*housing = f > 0 ? f : 0;
}

/* Capacity per row for this run: the scenario's, less the openings that are
 * delayed in this run. */
static void run_capacity(int64_t *cap, const opv_scenario *s, const struct noise *n)
{
	size_t j;
	int k;
	memcpy(cap, s->capacity, ((size_t)s->weeks + 1) * sizeof *cap);
	if (!n || s->delay_probability <= 0 || s->delay_weeks == 0)
		return;
	for (j = 0; j < s->nopenings; j++) {
		const struct opv__opening *o = &s->openings[j];
		int end = o->first_row + s->delay_weeks;
		if (opv__uniform(n->seed, n->run, (uint64_t)s->weeks + j) >= s->delay_probability)
			continue;
		if (end > o->end_row)
			end = o->end_row;
		for (k = o->first_row; k < end && k <= s->weeks; k++)
			cap[k] = cap[k] > o->delta ? cap[k] - o->delta : 0;
	}
}

/*
 * Runs one projection.  Fills `rows` when given, and otherwise only the
 * occupancy and shortage of each row into occ[k * stride] and short_[k * stride].
 * Returns OPV_OK or the row at which a stock passed the limit (as -(row + 1)).
 */
static int simulate(opv_projection_row *rows, int32_t *occ, int32_t *short_, size_t stride,
                    int64_t *cap, const opv_scenario *s, const struct noise *n)
{
	int64_t p = s->initial[0], st = s->initial[1], o = s->initial[2];
	int64_t inflow = 0, decided = 0, granted = 0, housed = 0, departed = 0;
	double z = 0, inflow_factor = 1.0, housing_factor = 1.0;
	int k;
	run_capacity(cap, s, n);
	for (k = 0; k <= s->weeks; k++) {
		int64_t occupancy = p + st + o, shortage;
		if (occupancy > OPV_PROJECTION_MAX_STOCK)
			return -(k + 1);
		shortage = occupancy > cap[k] ? occupancy - cap[k] : 0;
		if (rows) {
			int64_t need = places_needed(occupancy, s->target_millionths);
			rows[k] = (opv_projection_row){
				(opv_day)(s->start + 7 * k), p, st, o, occupancy, cap[k], shortage,
				need > cap[k] ? need - cap[k] : 0, inflow, decided, granted, housed, departed
			};
		} else {
			occ[(size_t)k * stride] = (int32_t)occupancy;
			short_[(size_t)k * stride] = (int32_t)shortage;
		}
		if (k == s->weeks)
			break;
		if (n)
			week_factors(&inflow_factor, &housing_factor, n, k, &z);
		inflow = round_people(s->inflow[k] * inflow_factor);
		decided = round_people(s->decision_rate * (double)p);
		granted = round_people(s->grant_rate * (double)decided);
		housed = round_people(s->housing[k] * housing_factor);
		if (housed > st)
			housed = st;
		departed = round_people(s->departure_rate * (double)o);
		p += inflow - decided;
		st += granted - housed;
		o += (decided - granted) - departed;
	}
	return OPV_OK;
}

static int stock_error(opv_error *err, const opv_scenario *s, int failed, uint64_t run, int mc)
{
	char date[OPV_DATE_TEXT_SIZE] = "?";
	int row = -failed - 1;
	opv_date_format(date, sizeof date, (opv_day)(s->start + 7 * row), NULL);
	if (mc)
		return opv__fail(err, OPV_ERANGE,
		                 "run %llu: occupancy passes 10^9 in week %d (%s)", (unsigned long long)run,
		                 row, date);
	return opv__fail(err, OPV_ERANGE, "occupancy passes 10^9 in week %d (%s)", row, date);
}

int opv_project(opv_projection_row *rows, size_t nrows, const opv_scenario *s, opv_error *err)
{
	opv_projection_row *work;
	int64_t *cap;
	int rc;
	if (!rows || !s)
		return opv__fail(err, OPV_EINVAL, "rows or scenario is NULL");
	if (nrows != (size_t)s->weeks + 1)
		return opv__fail(err, OPV_EINVAL, "the scenario has %d rows, not %zu", s->weeks + 1, nrows);
	work = malloc(nrows * sizeof *work);
	cap = malloc(nrows * sizeof *cap);
	if (!work || !cap) {
		free(work);
		free(cap);
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu rows", nrows);
	}
	rc = simulate(work, NULL, NULL, 0, cap, s, NULL);
	if (rc)
		rc = stock_error(err, s, rc, 0, 0);
	else
		memcpy(rows, work, nrows * sizeof *work);
	free(work);
	free(cap);
	return rc;
}

/* ---- Monte Carlo ------------------------------------------------------------ */

struct mc_job {
	const opv_scenario *s;
	const opv_monte_carlo_options *o;
	int32_t *occ, *short_;      /* (weeks + 1) * runs, week-major */
	int64_t *peak;
	int32_t *peak_week;
	uint64_t first, end;        /* runs first .. end-1 */
	int failed;                 /* the first failing row code, for run failed_run */
	uint64_t failed_run;
	int no_memory;
};

static void *mc_worker(void *arg)
{
	struct mc_job *job = arg;
	const opv_scenario *s = job->s;
	size_t rows = (size_t)s->weeks + 1, runs = job->o->runs;
	int64_t *cap = malloc(rows * sizeof *cap);
	struct noise n;
	uint64_t r;
	if (!cap) {
		job->no_memory = 1;
		return NULL;
	}
	n.seed = job->o->seed;
	n.inflow_cv = s->inflow_cv;
	n.rho = s->inflow_autocorrelation;
	n.innovation = sqrt(1.0 - s->inflow_autocorrelation * s->inflow_autocorrelation);
	n.housing_cv = s->housing_cv;
	for (r = job->first; r < job->end; r++) {
		size_t k;
		int rc;
		n.run = r;
		rc = simulate(NULL, job->occ + r, job->short_ + r, runs, cap, s,
		              s->has_monte_carlo ? &n : NULL);
		if (rc) {
			job->failed = rc;
			job->failed_run = r;
			break;
		}
		if (job->peak || job->peak_week) {
			int32_t best = -1;
			int32_t at = 0;
			for (k = 0; k < rows; k++) {
				if (job->short_[k * runs + r] > best) {
					best = job->short_[k * runs + r];
					at = (int32_t)k;
				}
			}
			if (job->peak)
				job->peak[r] = best;
			if (job->peak_week)
				job->peak_week[r] = at;
		}
	}
	free(cap);
	return NULL;
}

/* Moves the k-th smallest of a[0..n) to a[k], smaller ones before it and
 * larger ones after (Hoare's selection with a median-of-three pivot). */
static void select_kth(int32_t *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (hi > lo) {
		size_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
		int32_t pivot, t;
		if (a[mid] < a[lo]) { t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
		if (a[hi] < a[lo]) { t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
		if (a[hi] < a[mid]) { t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
		pivot = a[mid];
		while (i <= j) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i <= j) {
				t = a[i];
				a[i] = a[j];
				a[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

static int32_t min_of(const int32_t *a, size_t n)
{
	int32_t m = a[0];
	size_t i;
	for (i = 1; i < n; i++)
		if (a[i] < m)
			m = a[i];
	return m;
}

/* The value at `at` of a[0..n) in sorted order, interpolated towards the
 * next one by `frac`; a[0..n) must already be partitioned around `at`
 * (select_kth), so the next one is the smallest of what follows. */
static double interpolate(const int32_t *a, size_t n, size_t at, double frac)
{
	int32_t low = a[at], high = at + 1 < n ? min_of(a + at + 1, n - at - 1) : low;
	return (double)low + frac * (double)(high - low);
}

/*
 * NumPy's default ('linear') percentiles p05, p50, p95 of a[0..n),
 * reordering a.  The median is selected first; P5 is then searched for only
 * among the values below it and P95 only among those above, which halves the
 * work of three independent selections.
 */
static void percentiles(double out[3], int32_t *a, size_t n)
{
	double h05 = (double)(n - 1) * 0.05, h50 = (double)(n - 1) * 0.50, h95 = (double)(n - 1) * 0.95;
	size_t i05 = (size_t)h05, i50 = (size_t)h50, i95 = (size_t)h95;
	select_kth(a, n, i50);
	out[1] = interpolate(a, n, i50, h50 - (double)i50);
	if (i05 < i50)
		select_kth(a, i50, i05);
	/* the values after i05 up to and including a[i50] hold its successor */
	out[0] = interpolate(a, i50 + 1, i05, h05 - (double)i05);
	if (i95 > i50)
		select_kth(a + i50 + 1, n - i50 - 1, i95 - i50 - 1);
	out[2] = interpolate(a, n, i95, h95 - (double)i95);
}

int opv_project_monte_carlo(opv_monte_carlo_week *weeks, size_t nrows, int64_t *peak_shortage,
                            int32_t *peak_week, const opv_scenario *s,
                            const opv_monte_carlo_options *o, opv_error *err)
{
	struct mc_job jobs[OPV_PROJECTION_MAX_THREADS];
	pthread_t threads[OPV_PROJECTION_MAX_THREADS];
	int32_t *occ, *short_, *at;
	int64_t *peak;
	size_t runs, k, cells;
	unsigned t, started = 0;
	int rc = OPV_OK;

	if (!weeks || !s || !o)
		return opv__fail(err, OPV_EINVAL, "weeks, scenario or options is NULL");
	if (o->version != OPV_MONTE_CARLO_OPTIONS_VERSION)
		return opv__fail(err, OPV_EINVAL, "Monte Carlo options version %u is not %u", o->version,
		                 OPV_MONTE_CARLO_OPTIONS_VERSION);
	if (nrows != (size_t)s->weeks + 1)
		return opv__fail(err, OPV_EINVAL, "the scenario has %d rows, not %zu", s->weeks + 1, nrows);
	if (o->runs < 1 || o->runs > OPV_PROJECTION_MAX_RUNS)
		return opv__fail(err, OPV_EINVAL, "runs %llu is outside 1..10^7", (unsigned long long)o->runs);
	if (o->threads < 1 || o->threads > OPV_PROJECTION_MAX_THREADS)
		return opv__fail(err, OPV_EINVAL, "threads %u is outside 1..256", o->threads);
	runs = (size_t)o->runs;
	if (runs > SIZE_MAX / nrows / (2 * sizeof(int32_t)))
		return opv__fail(err, OPV_ENOMEM, "%zu runs of %zu rows do not fit in memory", runs, nrows);
	cells = runs * nrows;
	occ = malloc(cells * sizeof *occ);
	short_ = malloc(cells * sizeof *short_);
	/* Peaks go to private arrays first: a failed call leaves the caller's untouched. */
	peak = peak_shortage ? malloc(runs * sizeof *peak) : NULL;
	at = peak_week ? malloc(runs * sizeof *at) : NULL;
	if (!occ || !short_ || (peak_shortage && !peak) || (peak_week && !at)) {
		free(occ);
		free(short_);
		free(peak);
		free(at);
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu runs of %zu rows (%zu bytes)",
		                 runs, nrows, 2 * cells * sizeof *occ);
	}
	for (t = 0; t < o->threads; t++) {
		jobs[t] = (struct mc_job){ s, o, occ, short_, peak, at,
		                           runs * t / o->threads, runs * (t + 1) / o->threads, 0, 0, 0 };
	}
	for (t = 1; t < o->threads; t++, started++)
		if (pthread_create(&threads[t], NULL, mc_worker, &jobs[t]) != 0)
			break;
	mc_worker(&jobs[0]);
	for (t = 1; t <= started; t++)
		pthread_join(threads[t], NULL);
	if (started + 1 < o->threads)
		rc = opv__fail(err, OPV_EIO, "could not start thread %u of %u", started + 1, o->threads);
	for (t = 0; t < o->threads && !rc; t++) {
		if (jobs[t].no_memory)
			rc = opv__fail(err, OPV_ENOMEM, "out of memory in a Monte Carlo thread");
		else if (jobs[t].failed) /* threads hold runs in order: the first is the lowest */
			rc = stock_error(err, s, jobs[t].failed, jobs[t].failed_run, 1);
	}
	for (k = 0; k < nrows && !rc; k++) {
		int32_t *oc = occ + k * runs, *sh = short_ + k * runs;
		size_t r, positive = 0;
		double q[3];
		for (r = 0; r < runs; r++)
			positive += sh[r] > 0;
		percentiles(q, oc, runs);
		weeks[k].occupancy_p05 = q[0];
		weeks[k].occupancy_p50 = q[1];
		weeks[k].occupancy_p95 = q[2];
		percentiles(q, sh, runs);
		weeks[k].shortage_p05 = q[0];
		weeks[k].shortage_p50 = q[1];
		weeks[k].shortage_p95 = q[2];
		weeks[k].p_shortage = (double)positive / (double)runs;
	}
	if (!rc && peak_shortage)
		memcpy(peak_shortage, peak, runs * sizeof *peak);
	if (!rc && peak_week)
		memcpy(peak_week, at, runs * sizeof *at);
	free(occ);
	free(short_);
	free(peak);
	free(at);
	return rc;
}
