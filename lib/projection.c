/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The shortfall projection (opvang/projection.h): one weekly step function
 * shared by the deterministic run and every Monte Carlo run, so the two can
 * only differ by the noise.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opvang/projection.h"
#include "error.h"
#include "rng.h"
#include "scenario_internal.h"
#include "parallel.h"
#include "percentile.h"

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

/* The state of one run between weeks. */
struct run_state {
	int64_t p, st, o, transit;
	int half;              /* housing from the task: the half-year of the last week */
	int64_t owed;          /* its task plus the backlog carried into it */
	int64_t housed_in_half;
	double z;              /* the inflow's autocorrelated deviate */
};

/* The flows of one week; the row after it shows them. */
struct week_flows {
	int64_t inflow, decided, granted, housed, departed, to_transit, left_transit, due;
};

/* What the housing task plans to have housed in a half-year by the end of
 * its `weeks_done`-th week: round(realisation * owed * weeks_done / weeks). */
static int64_t planned(const opv_scenario *s, int64_t owed, int half, int weeks_done)
{
	double share = s->realisation * (double)owed;
	if (share <= 0)
		return 0;
	return round_people(share * (double)weeks_done / (double)s->half_years[half].weeks);
}

static void start_run(struct run_state *x, const opv_scenario *s)
{
	*x = (struct run_state){ s->initial[0], s->initial[1], s->initial[2], s->initial_transit,
	                         0, 0, 0, 0 };
	if (s->from_task) {
		/* The weeks of the first half-year before start went at the planned pace. */
		x->owed = s->half_years[0].national + s->initial_backlog;
		x->housed_in_half = planned(s, x->owed, 0, s->week_position[0]);
	}
}

/* Housing asked of week k, before the cap of the status holders waiting. */
static double housing_due(struct run_state *x, const opv_scenario *s, int k)
{
	int h;
	int64_t due;
	if (!s->from_task)
		return s->housing[k];
	h = s->week_half[k];
	if (h != x->half) { /* a new half-year: what was not housed carries over */
		x->owed = s->half_years[h].national + (x->owed - x->housed_in_half);
		x->housed_in_half = 0;
		x->half = h;
	}
	due = planned(s, x->owed, h, s->week_position[k] + 1) - x->housed_in_half;
	return due > 0 ? (double)due : 0.0;
}

/*
 * The step from row k to row k + 1 (opvang/projection.h), with the week's
 * noise factors (1 without noise).  Every flow is a whole number no larger
 * than its stock.
 */
static void step(struct run_state *x, struct week_flows *f, const opv_scenario *s, int k,
                 double inflow_factor, double housing_factor)
{
	int64_t transit_places = s->kinds[(size_t)(k + 1) * OPV__KIND_COUNT + OPV__KIND_TRANSIT];
	int64_t staying;
	double due = housing_due(x, s, k);
	f->inflow = round_people(s->inflow[k] * inflow_factor);
	f->decided = round_people(s->decision_rate * (double)x->p);
	f->granted = round_people(s->grant_rate * (double)f->decided);
	f->due = round_people(due);
	f->housed = round_people(due * housing_factor);
	if (f->housed > x->st)
		f->housed = x->st;
	f->departed = round_people(s->departure_rate * (double)x->o);
	f->left_transit = round_people(s->transit_departure_rate * (double)x->transit);
	staying = x->transit - f->left_transit;
	if (staying > transit_places) { /* places that close: their people move on */
		f->left_transit += staying - transit_places;
		staying = transit_places;
	}
	f->to_transit = transit_places - staying;
	if (f->to_transit > x->st - f->housed)
		f->to_transit = x->st - f->housed;
	x->housed_in_half += f->housed;
	x->p += f->inflow - f->decided;
	x->st += f->granted - f->housed - f->to_transit;
	x->o += (f->decided - f->granted) - f->departed;
	x->transit = staying + f->to_transit;
}

struct opv_projection {
	size_t rows;
	opv_day start;
	int64_t *values;   /* rows * OPV_PROJECTION_COLUMN_COUNT, row by row */
};

/*
 * Runs the projection without noise into `values` (a table as in struct
 * opv_projection).  Returns OPV_OK or the row at which a stock passed the
 * limit, as -(row + 1).
 */
static int simulate(int64_t *values, const opv_scenario *s)
{
	struct run_state x;
	struct week_flows f = { 0, 0, 0, 0, 0, 0, 0, 0 };
	int k, c;
	start_run(&x, s);
	for (k = 0; k <= s->weeks; k++) {
		int64_t *row = values + (size_t)k * OPV_PROJECTION_COLUMN_COUNT;
		const int64_t *kinds = s->kinds + (size_t)k * OPV__KIND_COUNT;
		int64_t occupancy = x.p + x.st + x.o, cap = s->capacity[k], need;
		if (occupancy > OPV_PROJECTION_MAX_STOCK)
			return -(k + 1);
		need = places_needed(occupancy, s->target_millionths);
		row[OPV_PROJECTION_IN_PROCEDURE] = x.p;
		row[OPV_PROJECTION_STATUS_HOLDERS] = x.st;
		row[OPV_PROJECTION_OTHER] = x.o;
		row[OPV_PROJECTION_OCCUPANCY] = occupancy;
		row[OPV_PROJECTION_CAPACITY] = cap;
		row[OPV_PROJECTION_SHORTAGE] = occupancy > cap ? occupancy - cap : 0;
		row[OPV_PROJECTION_PLANNING_SHORTAGE] = need > cap ? need - cap : 0;
		row[OPV_PROJECTION_INFLOW] = f.inflow;
		row[OPV_PROJECTION_DECIDED] = f.decided;
		row[OPV_PROJECTION_GRANTED] = f.granted;
		row[OPV_PROJECTION_HOUSED] = f.housed;
		row[OPV_PROJECTION_DEPARTED] = f.departed;
		for (c = 0; c < OPV__KIND_TRANSIT; c++)
			row[OPV_PROJECTION_CAPACITY_REGULAR + c] = kinds[c];
		row[OPV_PROJECTION_CAPACITY_ABOVE_AGREEMENT] = s->above_agreement[k];
		row[OPV_PROJECTION_TRANSIT_CAPACITY] = kinds[OPV__KIND_TRANSIT];
		row[OPV_PROJECTION_IN_TRANSIT] = x.transit;
		row[OPV_PROJECTION_TO_TRANSIT] = f.to_transit;
		row[OPV_PROJECTION_LEFT_TRANSIT] = f.left_transit;
		row[OPV_PROJECTION_HOUSING_DUE] = f.due;
		if (k < s->weeks)
			step(&x, &f, s, k, 1.0, 1.0);
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

const char *opv_projection_column_name(opv_projection_column column)
{
	static const char *const names[OPV_PROJECTION_COLUMN_COUNT] = {
		"in_procedure", "status_holders", "other", "occupancy", "capacity", "shortage",
		"planning_shortage", "inflow", "decided", "granted", "housed", "departed",
		"capacity_regular", "capacity_emergency", "capacity_hotel", "capacity_unspecified",
		"capacity_above_agreement", "transit_capacity", "in_transit", "to_transit",
		"left_transit", "housing_due"
	};
	return (unsigned)column < OPV_PROJECTION_COLUMN_COUNT ? names[column] : NULL;
}

int opv_projection_run(opv_projection **out, const opv_scenario *s, opv_error *err)
{
	opv_projection *p;
	int rc;
	if (!out || !s)
		return opv__fail(err, OPV_EINVAL, "output or scenario is NULL");
	p = malloc(sizeof *p);
	if (p) {
		p->rows = (size_t)s->weeks + 1;
		p->start = s->start;
		p->values = malloc(p->rows * OPV_PROJECTION_COLUMN_COUNT * sizeof *p->values);
	}
	if (!p || !p->values) {
		free(p);
		return opv__fail(err, OPV_ENOMEM, "out of memory for %d rows", s->weeks + 1);
	}
	rc = simulate(p->values, s);
	if (rc) {
		opv_projection_free(p);
		return stock_error(err, s, rc, 0, 0);
	}
	*out = p;
	return OPV_OK;
}

void opv_projection_free(opv_projection *p)
{
	if (!p)
		return;
	free(p->values);
	free(p);
}

size_t opv_projection_rows(const opv_projection *p)
{
	return p ? p->rows : 0;
}

opv_day opv_projection_date(const opv_projection *p, size_t row)
{
	return p && row < p->rows ? (opv_day)(p->start + 7 * (int64_t)row) : 0;
}

int64_t opv_projection_get(const opv_projection *p, opv_projection_column column, size_t row)
{
	if (!p || row >= p->rows || (unsigned)column >= OPV_PROJECTION_COLUMN_COUNT)
		return 0;
	return p->values[row * OPV_PROJECTION_COLUMN_COUNT + (size_t)column];
}

int opv_project(opv_projection_row *rows, size_t nrows, const opv_scenario *s, opv_error *err)
{
	opv_projection *p;
	size_t k;
	int rc;
	if (!rows || !s)
		return opv__fail(err, OPV_EINVAL, "rows or scenario is NULL");
	if (nrows != (size_t)s->weeks + 1)
		return opv__fail(err, OPV_EINVAL, "the scenario has %d rows, not %zu", s->weeks + 1, nrows);
	rc = opv_projection_run(&p, s, err);
	if (rc)
		return rc;
	for (k = 0; k < nrows; k++) {
		const int64_t *v = p->values + k * OPV_PROJECTION_COLUMN_COUNT;
		rows[k] = (opv_projection_row){
			opv_projection_date(p, k), v[OPV_PROJECTION_IN_PROCEDURE],
			v[OPV_PROJECTION_STATUS_HOLDERS], v[OPV_PROJECTION_OTHER],
			v[OPV_PROJECTION_OCCUPANCY], v[OPV_PROJECTION_CAPACITY], v[OPV_PROJECTION_SHORTAGE],
			v[OPV_PROJECTION_PLANNING_SHORTAGE], v[OPV_PROJECTION_INFLOW],
			v[OPV_PROJECTION_DECIDED], v[OPV_PROJECTION_GRANTED], v[OPV_PROJECTION_HOUSED],
			v[OPV_PROJECTION_DEPARTED]
		};
	}
	opv_projection_free(p);
	return OPV_OK;
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

/*
 * Monte Carlo runs go LANES at a time, week by week, with the stocks of the
 * lanes side by side: the same arithmetic as simulate(), in the same order
 * for every run, but laid out so that the compiler can put the lanes of the
 * Philox rounds and the flows into vector registers.
 */
#define LANES 32

struct lanes {
	struct run_state x[LANES];
	int32_t best[LANES], best_row[LANES];
	int failed_row[LANES]; /* 0, or the failing row + 1 */
};

/* Draw `index` of runs first .. first + LANES - 1, as opv__random_words(). */
static void philox_lanes(uint32_t w[4][LANES], uint64_t seed, uint64_t first, uint64_t index)
{
	uint32_t c0[LANES], c1[LANES], c2[LANES], c3[LANES];
	uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
	int l, round;
	for (l = 0; l < LANES; l++) {
		uint64_t run = first + (uint64_t)l;
		c0[l] = (uint32_t)index;
		c1[l] = (uint32_t)(index >> 32);
		c2[l] = (uint32_t)run;
		c3[l] = (uint32_t)(run >> 32);
	}
	for (round = 0; round < 10; round++) {
		for (l = 0; l < LANES; l++) {
			uint64_t p0 = (uint64_t)OPV_PHILOX_M0 * c0[l];
			uint64_t p1 = (uint64_t)OPV_PHILOX_M1 * c2[l];
			uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1[l] ^ k0;
			uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3[l] ^ k1;
			c1[l] = (uint32_t)p1;
			c3[l] = (uint32_t)p0;
			c0[l] = n0;
			c2[l] = n2;
		}
		k0 += OPV_PHILOX_W0;
		k1 += OPV_PHILOX_W1;
	}
	memcpy(w[0], c0, sizeof c0);
	memcpy(w[1], c1, sizeof c1);
	memcpy(w[2], c2, sizeof c2);
	memcpy(w[3], c3, sizeof c3);
}

/* The deviate of words a and b, as opv__deviate_pair() makes it. */
static double deviate(uint32_t a, uint32_t b)
{
	return ((opv__unit16(a >> 16) + opv__unit16(a & 0xffff)) +
	        (opv__unit16(b >> 16) + opv__unit16(b & 0xffff)) - 2.0) * 1.7320508075688772;
}

/* Runs first .. first + count - 1 (count <= LANES), with the step of the
 * projection without noise.  Returns the lowest failing run's row code (as
 * simulate()) with *failed_run, or OPV_OK. */
static int simulate_lanes(struct mc_job *job, struct lanes *L, int64_t *cap, uint64_t first,
                          int count, const struct noise *n, uint64_t *failed_run)
{
	const opv_scenario *s = job->s;
	const size_t rows = (size_t)s->weeks + 1, runs = job->o->runs;
	uint32_t w[4][LANES];
	double fi[LANES], fh[LANES];
	int k, l;

	for (l = 0; l < count; l++) {
		struct noise one;
		if (n) {
			one = *n;
			one.run = first + (uint64_t)l;
		}
		run_capacity(cap + (size_t)l * rows, s, n ? &one : NULL);
		start_run(&L->x[l], s);
		L->best[l] = -1;
		L->best_row[l] = 0;
		L->failed_row[l] = 0;
	}
	for (l = 0; l < LANES; l++)
		fi[l] = fh[l] = 1.0;
	for (k = 0; k <= s->weeks; k++) {
		for (l = 0; l < count; l++) {
			const struct run_state *x = &L->x[l];
			int64_t occupancy = x->p + x->st + x->o, c = cap[(size_t)l * rows + (size_t)k];
			int32_t shortage;
			if (L->failed_row[l])
				continue;
			if (occupancy > OPV_PROJECTION_MAX_STOCK) {
				L->failed_row[l] = k + 1;
				continue;
			}
			shortage = (int32_t)(occupancy > c ? occupancy - c : 0);
			job->occ[(size_t)k * runs + first + (size_t)l] = (int32_t)occupancy;
			job->short_[(size_t)k * runs + first + (size_t)l] = shortage;
			if (shortage > L->best[l]) {
				L->best[l] = shortage;
				L->best_row[l] = k;
			}
		}
		if (k == s->weeks)
			break;
		if (n) {
			/* The Philox rounds of all lanes side by side, for the vector unit. */
			philox_lanes(w, n->seed, first, (uint64_t)k);
			for (l = 0; l < count; l++) {
				double e0 = deviate(w[0][l], w[1][l]), e1 = deviate(w[2][l], w[3][l]), f;
				double *z = &L->x[l].z;
				*z = k == 0 ? e0 : n->rho * *z + n->innovation * e0;
				f = 1.0 + n->inflow_cv * *z;
				fi[l] = f > 0 ? f : 0;
				f = 1.0 + n->housing_cv * e1;
				fh[l] = f > 0 ? f : 0;
			}
		}
		for (l = 0; l < count; l++) {
			struct week_flows f;
			if (!L->failed_row[l])
				step(&L->x[l], &f, s, k, fi[l], fh[l]);
		}
	}
	for (l = 0; l < count; l++) {
		if (L->failed_row[l]) {
			*failed_run = first + (uint64_t)l;
			return -L->failed_row[l];
		}
		if (job->peak)
			job->peak[first + (uint64_t)l] = L->best[l];
		if (job->peak_week)
			job->peak_week[first + (uint64_t)l] = L->best_row[l];
	}
	return OPV_OK;
}

static void *mc_worker(void *arg)
{
	struct mc_job *job = arg;
	const opv_scenario *s = job->s;
	size_t rows = (size_t)s->weeks + 1;
	int64_t *cap = malloc(LANES * rows * sizeof *cap);
	struct lanes *lanes = malloc(sizeof *lanes);
	struct noise n;
	uint64_t r;
	if (!cap || !lanes) {
		free(cap);
		free(lanes);
		job->no_memory = 1;
		return NULL;
	}
	n.seed = job->o->seed;
	n.run = 0;
	n.inflow_cv = s->inflow_cv;
	n.rho = s->inflow_autocorrelation;
	n.innovation = sqrt(1.0 - s->inflow_autocorrelation * s->inflow_autocorrelation);
	n.housing_cv = s->housing_cv;
	for (r = job->first; r < job->end; r += LANES) {
		int count = job->end - r < LANES ? (int)(job->end - r) : LANES;
		int rc = simulate_lanes(job, lanes, cap, r, count, s->has_monte_carlo ? &n : NULL,
		                        &job->failed_run);
		if (rc) {
			job->failed = rc;
			break;
		}
	}
	free(cap);
	free(lanes);
	return NULL;
}

/* The distribution over the runs of rows first .. end-1. */
struct summary_job {
	opv_monte_carlo_week *weeks;
	int32_t *occ, *short_;
	size_t runs, first, end;
};

static void *summary_worker(void *arg)
{
	struct summary_job *job = arg;
	size_t k;
	for (k = job->first; k < job->end; k++) {
		int32_t *oc = job->occ + k * job->runs, *sh = job->short_ + k * job->runs;
		static const double p[3] = { 0.05, 0.50, 0.95 };
		size_t r, positive = 0;
		double q[3];
		for (r = 0; r < job->runs; r++)
			positive += sh[r] > 0;
		opv__linear_percentiles(q, p, 3, oc, job->runs);
		job->weeks[k].occupancy_p05 = q[0];
		job->weeks[k].occupancy_p50 = q[1];
		job->weeks[k].occupancy_p95 = q[2];
		opv__linear_percentiles(q, p, 3, sh, job->runs);
		job->weeks[k].shortage_p05 = q[0];
		job->weeks[k].shortage_p50 = q[1];
		job->weeks[k].shortage_p95 = q[2];
		job->weeks[k].p_shortage = (double)positive / (double)job->runs;
	}
	return NULL;
}

int opv_project_monte_carlo(opv_monte_carlo_week *weeks, size_t nrows, int64_t *peak_shortage,
                            int32_t *peak_week, const opv_scenario *s,
                            const opv_monte_carlo_options *o, opv_error *err)
{
	struct mc_job jobs[OPV_PROJECTION_MAX_THREADS];
	int32_t *occ, *short_, *at;
	int64_t *peak;
	size_t runs, cells;
	unsigned t;
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
	opv__run_parallel(mc_worker, jobs, sizeof jobs[0], o->threads);
	for (t = 0; t < o->threads && !rc; t++) {
		if (jobs[t].no_memory)
			rc = opv__fail(err, OPV_ENOMEM, "out of memory in a Monte Carlo thread");
		else if (jobs[t].failed) /* threads hold runs in order: the first is the lowest */
			rc = stock_error(err, s, jobs[t].failed, jobs[t].failed_run, 1);
	}
	if (!rc) {
		/* The rows are summarised in parallel too: one range of rows per thread. */
		struct summary_job sums[OPV_PROJECTION_MAX_THREADS];
		unsigned parts = o->threads < nrows ? o->threads : (unsigned)nrows;
		for (t = 0; t < parts; t++)
			sums[t] = (struct summary_job){ weeks, occ, short_, runs, nrows * t / parts,
			                                nrows * (t + 1) / parts };
		opv__run_parallel(summary_worker, sums, sizeof sums[0], parts);
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
