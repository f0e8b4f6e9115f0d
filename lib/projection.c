/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The shortfall projection (opvang/projection.h): one weekly step function
 * shared by the deterministic run and every Monte Carlo run, so the two can
 * only differ by the noise.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "opvang/projection.h"
#include "error.h"
#include "versioned.h"
#include "rng.h"
#include "scenario_internal.h"
#include "parallel.h"
#include "counts.h"
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

/*
 * Runs are counted, not stored: per row, how many runs had each occupancy
 * and each shortage (counts.h), and how many had each peak.  The counts of
 * any split of the runs add up to the same numbers, so threads take blocks
 * of runs as they come free and the result is the same for any number of
 * them, and run ranges computed apart merge into the counts of one call.
 */

/* What one thread counts. */
struct tally {
	struct opv__counts *occupancy, *shortage;  /* one per row */
	struct opv__counts peak;
	int no_memory;
};

struct opv_monte_carlo {
	size_t rows;
	uint64_t seed, fingerprint;
	struct tally t;
	uint64_t *range;  /* nranges pairs [first, end), sorted, not overlapping */
	size_t nranges;
};

/* Shared by the threads of one call. */
struct mc_shared {
	const opv_scenario *s;
	uint64_t seed, first, runs;
	const struct noise *noise;      /* NULL: none */
	int64_t *peak;                  /* nullable: runs of them, by run - first */
	int32_t *peak_week;
	opv_progress_fn progress;
	void *progress_data;
	_Atomic uint64_t next_block, done;
	_Atomic uint64_t lowest_failure; /* (run - first) << 16 | row, or UINT64_MAX */
	_Atomic int cancel;
};

struct mc_job {
	struct mc_shared *sh;
	struct tally t;
	int calls_back;                 /* runs on the calling thread: may call progress */
};

/*
 * Monte Carlo runs go LANES at a time, week by week, with the stocks of the
 * lanes side by side and the Philox rounds of all lanes computed together,
 * so that the compiler can put them into vector registers; each lane then
 * takes the step of the projection without noise.
 */
#define LANES 32

struct lanes {
	struct run_state x[LANES];
	int32_t best[LANES], best_row[LANES];
	int failed_row[LANES]; /* 0, or the failing row + 1 */
};

static int tally_init(struct tally *t, size_t rows)
{
	memset(t, 0, sizeof *t);
	t->occupancy = calloc(rows, sizeof *t->occupancy);
	t->shortage = calloc(rows, sizeof *t->shortage);
	return t->occupancy && t->shortage ? 0 : -1;
}

static void tally_free(struct tally *t, size_t rows)
{
	size_t k;
	for (k = 0; t->occupancy && k < rows; k++)
		opv__counts_free(&t->occupancy[k]);
	for (k = 0; t->shortage && k < rows; k++)
		opv__counts_free(&t->shortage[k]);
	opv__counts_free(&t->peak);
	free(t->occupancy);
	free(t->shortage);
	memset(t, 0, sizeof *t);
}

static int tally_merge(struct tally *into, const struct tally *from, size_t rows)
{
	size_t k;
	for (k = 0; k < rows; k++)
		if (opv__counts_merge(&into->occupancy[k], &from->occupancy[k]) ||
		    opv__counts_merge(&into->shortage[k], &from->shortage[k]))
			return -1;
	return opv__counts_merge(&into->peak, &from->peak);
}

static void tally_count(struct tally *t, struct opv__counts *c, int64_t value)
{
	if (!t->no_memory && opv__counts_add(c, value))
		t->no_memory = 1;
}

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

/* Runs first .. first + count - 1 (count <= LANES; first counted from the
 * call's first run) into the tally.  Returns 0, or the lowest failing lane's
 * key as in mc_shared.lowest_failure. */
static uint64_t simulate_lanes(struct mc_shared *sh, struct tally *t, struct lanes *L, int64_t *cap,
                               uint64_t first, int count)
{
	const opv_scenario *s = sh->s;
	const struct noise *n = sh->noise;
	const size_t rows = (size_t)s->weeks + 1;
	uint32_t w[4][LANES];
	double fi[LANES], fh[LANES];
	int k, l;

	for (l = 0; l < count; l++) {
		struct noise one;
		if (n) {
			one = *n;
			one.run = sh->first + first + (uint64_t)l;
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
			tally_count(t, &t->occupancy[k], occupancy);
			tally_count(t, &t->shortage[k], shortage);
			if (shortage > L->best[l]) {
				L->best[l] = shortage;
				L->best_row[l] = k;
			}
		}
		if (k == s->weeks)
			break;
		if (n) {
			philox_lanes(w, sh->seed, sh->first + first, (uint64_t)k);
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
		uint64_t run = first + (uint64_t)l;
		if (L->failed_row[l])
			return run << 16 | (uint64_t)(L->failed_row[l] - 1);
		tally_count(t, &t->peak, L->best[l]);
		if (sh->peak)
			sh->peak[run] = L->best[l];
		if (sh->peak_week)
			sh->peak_week[run] = L->best_row[l];
	}
	return 0;
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Takes blocks of LANES runs until none is left, the call is cancelled, or
 * only runs above a failed one remain. */
static void *mc_worker(void *arg)
{
	struct mc_job *job = arg;
	struct mc_shared *sh = job->sh;
	size_t rows = (size_t)sh->s->weeks + 1;
	int64_t *cap = malloc(LANES * rows * sizeof *cap);
	struct lanes *lanes = malloc(sizeof *lanes);
	double told = seconds_now();
	if (!cap || !lanes)
		job->t.no_memory = 1;
	while (!job->t.no_memory && !atomic_load(&sh->cancel)) {
		uint64_t first = atomic_fetch_add(&sh->next_block, 1) * LANES, failure;
		int n;
		if (first >= sh->runs || first > atomic_load(&sh->lowest_failure) >> 16)
			break;
		n = sh->runs - first < LANES ? (int)(sh->runs - first) : LANES;
		failure = simulate_lanes(sh, &job->t, lanes, cap, first, n);
		if (failure) {
			uint64_t seen = atomic_load(&sh->lowest_failure);
			while (failure < seen && !atomic_compare_exchange_weak(&sh->lowest_failure, &seen, failure))
				;
		}
		atomic_fetch_add(&sh->done, (uint64_t)n);
		if (job->calls_back && sh->progress && seconds_now() - told >= 0.1) {
			told = seconds_now();
			if (sh->progress(atomic_load(&sh->done), sh->runs, sh->progress_data))
				atomic_store(&sh->cancel, 1);
		}
	}
	free(cap);
	free(lanes);
	return NULL;
}

int opv_monte_carlo_options_check(const opv_monte_carlo_options *o, opv_error *err)
{
	int rc;
	if (!o)
		return opv__fail(err, OPV_EINVAL, "options is NULL");
	if ((rc = opv__check_version(o->version, OPV_MONTE_CARLO_OPTIONS_VERSION,
	                             "Monte Carlo options", err)))
		return rc;
	if (o->runs < 1 || o->runs > OPV_PROJECTION_MAX_RUNS)
		return opv__fail(err, OPV_EINVAL, "runs %llu is outside 1..10^7", (unsigned long long)o->runs);
	if (o->first_run > UINT64_MAX - o->runs)
		return opv__fail(err, OPV_EINVAL, "runs %llu from run %llu pass 2^64",
		                 (unsigned long long)o->runs, (unsigned long long)o->first_run);
	return OPV_OK;
}

/* Checks the options and the tuning (NULL: one thread); `*threads` from the tuning. */
static int read_options(unsigned *threads, const opv_monte_carlo_options *o,
                        const opv_tuning *tuning, opv_error *err)
{
	int rc = opv_monte_carlo_options_check(o, err);
	return rc ? rc : opv__read_tuning(threads, tuning, err);
}

/* The runs of `o` into `mc`'s tally (empty), with each run's peak when asked. */
static int run_monte_carlo(opv_monte_carlo *mc, int64_t *peak, int32_t *peak_week,
                           const opv_scenario *s, const opv_monte_carlo_options *o,
                           unsigned threads, opv_error *err)
{
	struct mc_job jobs[OPV_TUNING_MAX_THREADS];
	struct mc_shared sh;
	struct noise n;
	size_t rows = (size_t)s->weeks + 1;
	unsigned t, started;
	uint64_t failure;
	int rc = OPV_OK;

	n.seed = o->seed;
	n.run = 0;
	n.inflow_cv = s->inflow_cv;
	n.rho = s->inflow_autocorrelation;
	n.innovation = sqrt(1.0 - s->inflow_autocorrelation * s->inflow_autocorrelation);
	n.housing_cv = s->housing_cv;
	memset(&sh, 0, sizeof sh);
	sh.s = s;
	sh.seed = o->seed;
	sh.first = o->first_run;
	sh.runs = o->runs;
	sh.noise = s->has_monte_carlo ? &n : NULL;
	sh.peak = peak;
	sh.peak_week = peak_week;
	sh.progress = o->progress;
	sh.progress_data = o->progress_data;
	atomic_init(&sh.next_block, 0);
	atomic_init(&sh.done, 0);
	atomic_init(&sh.lowest_failure, UINT64_MAX);
	atomic_init(&sh.cancel, 0);
	/* No more threads than blocks of runs. */
	started = threads;
	if ((uint64_t)started > (o->runs + LANES - 1) / LANES)
		started = (unsigned)((o->runs + LANES - 1) / LANES);
	for (t = 0; t < started; t++) {
		jobs[t].sh = &sh;
		jobs[t].calls_back = t == 0;
		if (tally_init(&jobs[t].t, rows))
			jobs[t].t.no_memory = 1;
	}
	opv__run_parallel(mc_worker, jobs, sizeof jobs[0], started);
	for (t = 0; t < started; t++)
		if (jobs[t].t.no_memory && !rc)
			rc = opv__fail(err, OPV_ENOMEM, "out of memory for the counts of %llu runs of %zu rows",
			               (unsigned long long)o->runs, rows);
	failure = atomic_load(&sh.lowest_failure);
	if (!rc && failure != UINT64_MAX)
		rc = stock_error(err, s, -(int)(failure & 0xffff) - 1, o->first_run + (failure >> 16), 1);
	if (!rc && o->progress && !atomic_load(&sh.cancel) &&
	    o->progress(o->runs, o->runs, o->progress_data))
		atomic_store(&sh.cancel, 1);
	if (!rc && atomic_load(&sh.cancel))
		rc = opv__fail(err, OPV_ECANCELLED, "cancelled after %llu of %llu runs",
		               (unsigned long long)atomic_load(&sh.done), (unsigned long long)o->runs);
	mc->t = jobs[0].t;
	for (t = 1; t < started; t++) {
		if (!rc && tally_merge(&mc->t, &jobs[t].t, rows))
			rc = opv__fail(err, OPV_ENOMEM, "out of memory merging the counts");
		tally_free(&jobs[t].t, rows);
	}
	return rc;
}

static opv_monte_carlo *monte_carlo_new(const opv_scenario *s, const opv_monte_carlo_options *o)
{
	opv_monte_carlo *mc = calloc(1, sizeof *mc);
	if (!mc)
		return NULL;
	mc->rows = (size_t)s->weeks + 1;
	mc->seed = o->seed;
	mc->fingerprint = s->fingerprint;
	mc->range = malloc(2 * sizeof *mc->range);
	if (!mc->range) {
		free(mc);
		return NULL;
	}
	mc->range[0] = o->first_run;
	mc->range[1] = o->first_run + o->runs;
	mc->nranges = 1;
	return mc;
}

void opv_monte_carlo_free(opv_monte_carlo *mc)
{
	if (!mc)
		return;
	tally_free(&mc->t, mc->rows);
	free(mc->range);
	free(mc);
}

int opv_monte_carlo_run(opv_monte_carlo **out, const opv_scenario *s,
                        const opv_monte_carlo_options *options, opv_error *err)
{
	return opv_monte_carlo_run_tuned(out, s, options, NULL, err);
}

int opv_monte_carlo_run_tuned(opv_monte_carlo **out, const opv_scenario *s,
                              const opv_monte_carlo_options *o, const opv_tuning *tuning,
                              opv_error *err)
{
	opv_monte_carlo *mc;
	unsigned threads;
	int rc;
	if (!out || !s || !o)
		return opv__fail(err, OPV_EINVAL, "output, scenario or options is NULL");
	if ((rc = read_options(&threads, o, tuning, err)))
		return rc;
	mc = monte_carlo_new(s, o);
	if (!mc)
		return opv__fail(err, OPV_ENOMEM, "out of memory for the Monte Carlo counts");
	rc = run_monte_carlo(mc, NULL, NULL, s, o, threads, err);
	if (rc) {
		opv_monte_carlo_free(mc);
		return rc;
	}
	*out = mc;
	return OPV_OK;
}

uint64_t opv_monte_carlo_runs(const opv_monte_carlo *mc)
{
	uint64_t runs = 0;
	size_t i;
	for (i = 0; mc && i < mc->nranges; i++)
		runs += mc->range[2 * i + 1] - mc->range[2 * i];
	return runs;
}

int opv_monte_carlo_merge(opv_monte_carlo *into, const opv_monte_carlo *from, opv_error *err)
{
	struct tally sum;
	uint64_t *range;
	size_t i, j, k, n;
	if (!into || !from || into == from)
		return opv__fail(err, OPV_EINVAL, "the counts are NULL or the same");
	if (into->rows != from->rows || into->seed != from->seed ||
	    into->fingerprint != from->fingerprint)
		return opv__fail(err, OPV_EINVAL, "the counts are of another scenario or seed "
		                 "(%zu rows, seed %llu; the other %zu rows, seed %llu)", into->rows,
		                 (unsigned long long)into->seed, from->rows, (unsigned long long)from->seed);
	for (i = 0; i < into->nranges; i++)
		for (j = 0; j < from->nranges; j++)
			if (into->range[2 * i] < from->range[2 * j + 1] &&
			    from->range[2 * j] < into->range[2 * i + 1])
				return opv__fail(err, OPV_EINVAL, "runs %llu..%llu and %llu..%llu overlap",
				                 (unsigned long long)into->range[2 * i],
				                 (unsigned long long)(into->range[2 * i + 1] - 1),
				                 (unsigned long long)from->range[2 * j],
				                 (unsigned long long)(from->range[2 * j + 1] - 1));
	n = into->nranges + from->nranges;
	/* Initialised first: a failed allocation of range frees an empty tally. */
	memset(&sum, 0, sizeof sum);
	range = malloc(2 * n * sizeof *range);
	if (!range || tally_init(&sum, into->rows) ||
	    tally_merge(&sum, &into->t, into->rows) || tally_merge(&sum, &from->t, into->rows)) {
		free(range);
		tally_free(&sum, into->rows);
		return opv__fail(err, OPV_ENOMEM, "out of memory merging the counts");
	}
	/* The ranges in order, merged where they touch. */
	for (i = j = k = 0; i < into->nranges || j < from->nranges;) {
		const uint64_t *next = j >= from->nranges || (i < into->nranges &&
		                       into->range[2 * i] < from->range[2 * j])
		                       ? &into->range[2 * i++] : &from->range[2 * j++];
		if (k > 0 && range[2 * k - 1] == next[0])
			range[2 * k - 1] = next[1];
		else {
			range[2 * k] = next[0];
			range[2 * k + 1] = next[1];
			k++;
		}
	}
	tally_free(&into->t, into->rows);
	into->t = sum;
	free(into->range);
	into->range = range;
	into->nranges = k;
	return OPV_OK;
}

int opv_monte_carlo_weeks(opv_monte_carlo_week *weeks, size_t nrows, const opv_monte_carlo *mc,
                          opv_error *err)
{
	static const double p[3] = { 0.05, 0.50, 0.95 };
	opv_monte_carlo_week *work;
	size_t k;
	if (!weeks || !mc)
		return opv__fail(err, OPV_EINVAL, "weeks or counts is NULL");
	if (nrows != mc->rows)
		return opv__fail(err, OPV_EINVAL, "the counts have %zu rows, not %zu", mc->rows, nrows);
	work = malloc(nrows * sizeof *work);
	if (!work)
		return opv__fail(err, OPV_ENOMEM, "out of memory for %zu weeks", nrows);
	for (k = 0; k < nrows; k++) {
		const struct opv__counts *o = &mc->t.occupancy[k], *sh = &mc->t.shortage[k];
		uint64_t runs = opv__counts_total(sh);
		double q[3], r[3];
		if (opv__counts_percentiles(q, p, 3, o) || opv__counts_percentiles(r, p, 3, sh)) {
			free(work);
			return opv__fail(err, OPV_ENOMEM, "out of memory for the percentiles");
		}
		work[k] = (opv_monte_carlo_week){ q[0], q[1], q[2], r[0], r[1], r[2],
		                                  (double)(runs - opv__counts_of(sh, 0)) / (double)runs };
	}
	memcpy(weeks, work, nrows * sizeof *work);
	free(work);
	return OPV_OK;
}

double opv_monte_carlo_peak_percentile(const opv_monte_carlo *mc, double p)
{
	double q;
	if (!mc || !(p >= 0 && p <= 1) || opv__counts_percentiles(&q, &p, 1, &mc->t.peak))
		return NAN;
	return q;
}

int opv_project_monte_carlo(opv_monte_carlo_week *weeks, size_t nrows, int64_t *peak_shortage,
                            int32_t *peak_week, const opv_scenario *s,
                            const opv_monte_carlo_options *options, opv_error *err)
{
	return opv_project_monte_carlo_tuned(weeks, nrows, peak_shortage, peak_week, s, options, NULL,
	                                     err);
}

int opv_project_monte_carlo_tuned(opv_monte_carlo_week *weeks, size_t nrows,
                                  int64_t *peak_shortage, int32_t *peak_week,
                                  const opv_scenario *s, const opv_monte_carlo_options *given,
                                  const opv_tuning *tuning, opv_error *err)
{
	opv_monte_carlo_options o;
	unsigned threads;
	opv_monte_carlo *mc;
	opv_monte_carlo_week *summary;
	int64_t *peak = NULL;
	int32_t *at = NULL;
	int rc;

	if (!weeks || !s || !given)
		return opv__fail(err, OPV_EINVAL, "weeks, scenario or options is NULL");
	if ((rc = read_options(&threads, given, tuning, err)))
		return rc;
	o = *given;
	if (nrows != (size_t)s->weeks + 1)
		return opv__fail(err, OPV_EINVAL, "the scenario has %d rows, not %zu", s->weeks + 1, nrows);
	/* Everything to private memory first: a failed call leaves the caller's untouched. */
	mc = monte_carlo_new(s, &o);
	summary = malloc(nrows * sizeof *summary);
	peak = peak_shortage ? malloc((size_t)o.runs * sizeof *peak) : NULL;
	at = peak_week ? malloc((size_t)o.runs * sizeof *at) : NULL;
	if (!mc || !summary || (peak_shortage && !peak) || (peak_week && !at))
		rc = opv__fail(err, OPV_ENOMEM, "out of memory for %llu runs of %zu rows",
		               (unsigned long long)o.runs, nrows);
	if (!rc)
		rc = run_monte_carlo(mc, peak, at, s, &o, threads, err);
	if (!rc)
		rc = opv_monte_carlo_weeks(summary, nrows, mc, err);
	if (!rc) {
		memcpy(weeks, summary, nrows * sizeof *summary);
		if (peak_shortage)
			memcpy(peak_shortage, peak, (size_t)o.runs * sizeof *peak);
		if (peak_week)
			memcpy(peak_week, at, (size_t)o.runs * sizeof *at);
	}
	opv_monte_carlo_free(mc);
	free(summary);
	free(peak);
	free(at);
	return rc;
}
