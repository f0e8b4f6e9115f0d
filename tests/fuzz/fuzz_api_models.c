/* SPDX-License-Identifier: EUPL-1.2 */
/* API-level fuzzing of apportion.h, distribution.h, housing.h and
 * projection.h: the bytes choose a public function and decode its arguments
 * (fuzz_api.h), the call runs on small valid fixtures or on objects parsed
 * from the bytes, and the contract is checked: a documented status, a
 * message on failure, outputs untouched on failure, invariants on success.
 * Options structs of an earlier version are passed in an allocation of
 * exactly that version's size, so that reading a later field is an error
 * AddressSanitizer reports. */
#include <stddef.h>
#include <unistd.h>

#define OPV_EXPERIMENTAL_API  /* the tuned functions are public functions too */
#include "opvang/experimental.h"
#include "fuzz_api.h"

__extension__ typedef __int128 i128;

/* ---- fixtures, made once ------------------------------------------------------- */

static const char small_register_csv[] =
	"code,name,province_code,province,population,ses\n"
	"GM0363,Amsterdam,PV27,Noord-Holland,931298,0.01\n"
	"GM0344,Utrecht,PV26,Utrecht,367984,0.12\n"
	"GM0599,Rotterdam,PV28,Zuid-Holland,664311,-0.18\n"
	"GM0518,'s-Gravenhage,PV28,Zuid-Holland,559458,-0.07\n"
	"GM0307,Amersfoort,PV26,Utrecht,161902,0.05\n"
	"GM0501,Brielle,PV28,Zuid-Holland,17540,0.09\n";

static const char history_csv[] =
	"code,period,balance,task\n"
	"GM0363,2024-H2,40,300\n"
	"GM0363,2025-H1,12,310\n"
	"GM0344,2025-H1,-5,120\n"
	"GM0599,2024-H1,7,200\n"
	"GM0599,2024-H2,9,210\n"
	"GM0599,2025-H1,30,220\n";

static const char realised_csv[] =
	"code,date,count,kind\n"
	"GM0363,2025-01-31,20,woning\n"
	"GM0363,2025-02-28,15,nareis\n"
	"GM0344,2025-03-31,9,doorstroomlocatie\n"
	"GM0599,2025-07-31,40,\n";

static const char swaps_csv[] =
	"agreement,code,delta\n"
	"A,GM0363,-10\n"
	"A,GM0344,10\n";

static const char scenario_json[] =
	"{\"start\": \"2026-03-30\", \"weeks\": 8,"
	" \"initial\": {\"in_procedure\": 40000, \"status_holders\": 17000, \"other\": 9000},"
	" \"inflow_per_week\": 900, \"decision_rate\": 0.03, \"grant_rate\": 0.6,"
	" \"housing_per_week\": 350, \"departure_rate\": 0.02,"
	" \"capacity\": {\"initial\": 68000, \"changes\": [{\"date\": \"2026-05-04\", \"delta\": 2000}]},"
	" \"references\": [{\"date\": \"2026-04-06\", \"shortage\": 100, \"label\": \"x\"}],"
	" \"monte_carlo\": {\"inflow_cv\": 0.15, \"housing_cv\": 0.1}}";

static opv_register *regs[2]; /* the default register, a small one */
static opv_balance_history *history;
static opv_realised_log *realised_log;
static opv_swap_table *swap_table;
static opv_scenario *scenario;
static char tmp_dir[64], tmp_file[96], tmp_svg[96];

/* The files of a run go when the fuzzer exits (libFuzzer ends by exit()). */
static void remove_tmp_dir(void)
{
	char command[128];
	snprintf(command, sizeof command, "rm -rf '%s'", tmp_dir);
	if (system(command) != 0)
		return;
}

static void must(int rc, const opv_error *err)
{
	if (rc != OPV_OK) {
		fprintf(stderr, "fixture: %s\n", err->message);
		abort();
	}
}

static void init_fixtures(void)
{
	opv_error err = OPV_ERROR_INIT;
	must(opv_register_default(&regs[0], &err), &err);
	must(opv_register_parse_csv(&regs[1], small_register_csv, strlen(small_register_csv),
	                            "small.csv", &err), &err);
	must(opv_balance_history_parse_csv(&history, history_csv, strlen(history_csv), "h.csv", &err),
	     &err);
	must(opv_realised_log_parse_csv(&realised_log, realised_csv, strlen(realised_csv), "r.csv", &err),
	     &err);
	must(opv_swap_table_parse_csv(&swap_table, swaps_csv, strlen(swaps_csv), "s.csv", &err), &err);
	must(opv_scenario_parse_json(&scenario, scenario_json, strlen(scenario_json), "s.json", NULL,
	                             regs[0], &err), &err);
	snprintf(tmp_dir, sizeof tmp_dir, "/tmp/opv-fuzz-api-XXXXXX");
	if (!mkdtemp(tmp_dir))
		abort();
	atexit(remove_tmp_dir);
	snprintf(tmp_file, sizeof tmp_file, "%s/input", tmp_dir);
	snprintf(tmp_svg, sizeof tmp_svg, "%s/chart.svg", tmp_dir);
}

static const opv_register *pick_register(struct bytes *b)
{
	unsigned k = take_u8(b) % 3;
	return k == 2 ? NULL : regs[k];
}

static const char *take_blob(struct bytes *b, size_t *len)
{
	size_t n = ((size_t)take_u8(b) << 8) | take_u8(b);
	const char *p = (const char *)b->p;
	if (n > b->n)
		n = b->n;
	b->p += n;
	b->n -= n;
	*len = n;
	return p;
}

static const char *take_path(struct bytes *b, const char *data, size_t len)
{
	unsigned k = take_u8(b) % 8;
	FILE *f;
	if (k == 0)
		return NULL;
	if (k == 1)
		return "/nonexistent/opv-fuzz";
	if (k == 2)
		return tmp_dir;
	f = fopen(tmp_file, "wb");
	if (!f)
		abort();
	if (len && fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
	return tmp_file;
}

/* A copy of an options struct cut to `size` bytes, on the heap, so that a
 * read past an earlier version's end is caught. */
static void *cut(const void *options, size_t size)
{
	void *p = malloc(size);
	memcpy(p, options, size);
	return p;
}

static opv_period take_period(struct bytes *b)
{
	opv_period p;
	if (take_u8(b) & 1) {
		p.year = take_int(b);
		p.half = take_int(b);
	} else {
		p.year = 2023 + (int)(take_u8(b) % 5);
		p.half = 1 + (int)(take_u8(b) % 2);
	}
	return p;
}

/* ---- apportion.h ----------------------------------------------------------------- */

static const char *const method_words[] = { "hamilton", "largest-remainder", "hare", "jefferson",
	                                         "dhondt", "d'hondt", "webster", "sainte-lague",
	                                         "saint-lague", "adams", "huntington-hill", "hill",
	                                         "HAMILTON", "hamilton ", "none" };

/* Threads from the tuning: mostly 1 or 2, sometimes out of range, of another
 * version, or no tuning at all (NULL, one thread). */
static const opv_tuning *take_tuning(struct bytes *b, opv_tuning *t)
{
	unsigned k = take_u8(b);
	*t = (opv_tuning)OPV_TUNING_INIT;
	t->threads = k % 8 == 0 ? (unsigned)take_int(b) : k % 8 == 1 ? 257u : 1 + k % 2;
	if (take_u8(b) % 16 == 0)
		t->version = (unsigned)take_int(b);
	return k % 16 == 15 ? NULL : t;
}

static void op_apportion(struct bytes *b)
{
	double weights[32];
	int64_t seats[33], lower[32], upper[32], sum = 0;
	size_t n = take_u8(b) % 33, nn, i;
	opv_apportion_options o = OPV_APPORTION_OPTIONS_INIT, *po = &o;
	int64_t total = take_u8(b) & 1 ? take_i64(b) : (int64_t)(take_u32(b) % 5000);
	unsigned flags = take_u8(b);
	int rc;
	opv_error *err;
	for (i = 0; i < 32; i++) {
		weights[i] = flags & 1 ? take_double(b) : (double)take_u8(b) * (flags & 2 ? 1.0 : 0.37);
		lower[i] = flags & 4 ? take_i64(b) : take_u8(b) % 4;
		upper[i] = flags & 4 ? take_i64(b) : lower[i] + take_u8(b);
	}
	nn = take_size(b, n);
	if (nn > 32)
		nn = take_u8(b) & 1 ? nn : n;
	o.method = (opv_method)take_enum(b, 5);
	o.ties = (opv_tie_rule)take_enum(b, 2);
	o.lower = flags & 8 ? lower : NULL;
	o.upper = flags & 16 ? upper : NULL;
	switch (take_u8(b) % 4) {
	case 0: o.version = (unsigned)take_int(b); break;
	case 1: po = cut(&o, sizeof o); break;  /* ASan sees a read past the struct */
	default: break;
	}
	err = err_arg(b);
	poison(seats, sizeof seats);
	/* A count above the arrays only with a NULL array (then it must be refused). */
	if (flags & 64) {
		opv_tuning tuning;
		const opv_tuning *pt = take_tuning(b, &tuning);
		rc = opv_apportion_tuned(nn <= 32 && take_u8(b) % 16 ? seats : NULL,
		                         nn <= 32 && take_u8(b) % 16 ? weights : NULL, nn, total,
		                         flags & 32 ? NULL : po, pt, err);
	} else {
		rc = opv_apportion(nn <= 32 && take_u8(b) % 16 ? seats : NULL,
		                   nn <= 32 && take_u8(b) % 16 ? weights : NULL, nn, total,
		                   flags & 32 ? NULL : po, err);
	}
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_TIE | E_NOMEM, untouched(seats, sizeof seats));
	if (rc == OPV_OK) {
		FUZZ_CHECK(untouched(seats + nn, (33 - nn) * sizeof *seats));
		for (i = 0; i < nn; i++) {
			FUZZ_CHECK(seats[i] >= 0);
			if (!(flags & 32) && o.lower)
				FUZZ_CHECK(seats[i] >= lower[i]);
			if (!(flags & 32) && o.upper)
				FUZZ_CHECK(seats[i] <= upper[i]);
			sum += seats[i];
		}
		FUZZ_CHECK(sum == total);
	}
	if (po != &o)
		free(po);
}

static void op_method_names(struct bytes *b)
{
	int v = take_enum(b, 5), rc;
	const char *name = opv_method_name((opv_method)v);
	opv_method m;
	opv_ses_transform t;
	opv_amv_mode a;
	opv_error *err;
	FUZZ_CHECK((v >= 0 && v < 5) == (name != NULL));
	if (name)
		FUZZ_CHECK(opv_method_from_name(&m, name, NULL) == OPV_OK && (int)m == v);
	v = take_enum(b, 3);
	name = opv_ses_transform_name((opv_ses_transform)v);
	FUZZ_CHECK((v >= 0 && v < 3) == (name != NULL));
	if (name)
		FUZZ_CHECK(opv_ses_transform_from_name(&t, name, NULL) == OPV_OK && (int)t == v);
	name = opv_amv_mode_name((opv_amv_mode)v);
	FUZZ_CHECK((v >= 0 && v < 2) == (name != NULL));
	if (name)
		FUZZ_CHECK(opv_amv_mode_from_name(&a, name, NULL) == OPV_OK && (int)a == v);

	name = take_string(b, method_words, sizeof method_words / sizeof *method_words);
	err = err_arg(b);
	poison(&m, sizeof m);
	rc = opv_method_from_name(take_u8(b) % 16 ? &m : NULL, name, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, untouched(&m, sizeof m));
	if (rc == OPV_OK)
		FUZZ_CHECK(opv_method_name(m) != NULL);
	err = err_arg(b);
	poison(&t, sizeof t);
	rc = opv_ses_transform_from_name(take_u8(b) % 16 ? &t : NULL, name, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, untouched(&t, sizeof t));
	err = err_arg(b);
	poison(&a, sizeof a);
	rc = opv_amv_mode_from_name(take_u8(b) % 16 ? &a : NULL, name, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, untouched(&a, sizeof a));
}

/* ---- distribution.h -------------------------------------------------------------- */

static unsigned take_version(struct bytes *b, unsigned version)
{
	return take_u8(b) % 8 ? version : (unsigned)take_int(b);
}

static void take_distribution_options(struct bytes *b, opv_distribution_options *o,
                                      int64_t *total, int64_t *amv_total)
{
	o->version = take_version(b, OPV_DISTRIBUTION_OPTIONS_VERSION);
	*total = take_u8(b) & 1 ? take_i64(b) : (int64_t)(take_u32(b) % 100000);
	*amv_total = take_u8(b) & 1 ? take_i64(b) : (int64_t)(take_u32(b) % 8000);
	o->ses_transform = (opv_ses_transform)take_enum(b, 3);
	o->method = (opv_method)take_enum(b, 5);
	o->amv_mode = (opv_amv_mode)take_enum(b, 2);
}

static void op_distribute(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	size_t n = opv_register_count(reg), i, t;
	opv_distribution_options o = OPV_DISTRIBUTION_OPTIONS_INIT;
	int64_t o_total = 0, o_amv = 0;
	opv_distribution_summary summary = OPV_DISTRIBUTION_SUMMARY_INIT;
	double *cols_d[4];
	int64_t *cols_i[5], sum = 0;
	double *ses = malloc((n + 1) * sizeof *ses);
	unsigned which = take_u8(b);
	int rc, extreme = take_u8(b) & 1;
	opv_error *err;
	for (i = 0; i < 4; i++) {
		cols_d[i] = malloc((n + 1) * sizeof(double));
		poison(cols_d[i], (n + 1) * sizeof(double));
	}
	for (i = 0; i < 5; i++) {
		cols_i[i] = malloc((n + 1) * sizeof(int64_t));
		poison(cols_i[i], (n + 1) * sizeof(int64_t));
	}
	for (i = 0; i < n; i++)
		ses[i] = extreme ? take_double(b) : (take_u8(b) - 100) / 200.0;
	take_distribution_options(b, &o, &o_total, &o_amv);
	poison(&summary, sizeof summary);
	summary.version = take_version(b, OPV_DISTRIBUTION_SUMMARY_VERSION);
	err = err_arg(b);
	if (which & 1) {
		opv_distribution_columns out = { OPV_DISTRIBUTION_COLUMNS_VERSION, which & 2 ? cols_d[0] : NULL, cols_d[1], cols_i[0],
			                             cols_i[1], cols_i[2], cols_i[3], cols_d[2], cols_i[4],
			                             which & 4 ? cols_d[3] : NULL };
		out.version = take_version(b, OPV_DISTRIBUTION_COLUMNS_VERSION);
		rc = opv_distribute(which & 8 ? NULL : &out, which & 16 ? &summary : NULL, reg, o_total,
		                    o_amv, which & 32 ? ses : NULL, which & 64 ? NULL : &o, err);
		FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM,
		          untouched(&summary.places, sizeof summary - offsetof(opv_distribution_summary, places)) &&
		              untouched(cols_i[0], (n + 1) * 8) &&
		              untouched(cols_i[1], (n + 1) * 8) && untouched(cols_d[1], (n + 1) * 8) &&
		              untouched(cols_d[3], (n + 1) * 8));
		if (rc == OPV_OK && !(which & 64)) {
			for (i = 0; i < n; i++) {
				FUZZ_CHECK(cols_i[0][i] >= 0 && cols_i[1][i] >= 0 && cols_i[1][i] <= cols_i[0][i]);
				FUZZ_CHECK(cols_i[2][i] == cols_i[0][i] - cols_i[1][i]);
				sum += cols_i[0][i];
			}
			FUZZ_CHECK(sum == o_total);
			FUZZ_CHECK(untouched(cols_i[0] + n, 8));
			if (which & 16)
				FUZZ_CHECK(summary.places == o_total && summary.amv_residual == summary.amv - o_amv &&
				           (summary.ses_transform == OPV_SES_NONE ||
				            summary.ses_transform == OPV_SES_LINEAR));
		}
	} else {
		int64_t totals[4], *places, *amv;
		size_t nt = take_u8(b) % 5, ntt = take_size(b, nt), rows;
		for (t = 0; t < 4; t++)
			totals[t] = take_u8(b) & 1 ? take_i64(b) : (int64_t)(take_u32(b) % 100000);
		if (ntt > 4)
			ntt = take_u8(b) & 1 ? ntt : nt;
		rows = ntt <= 4 ? ntt : 0;
		places = malloc((rows * n + 1) * 8);
		amv = malloc((rows * n + 1) * 8);
		poison(places, (rows * n + 1) * 8);
		poison(amv, (rows * n + 1) * 8);
		rc = opv_distribute_many(ntt <= 4 && !(which & 8) ? places : NULL, which & 2 ? amv : NULL, reg,
		                         ntt <= 4 && !(which & 4) ? totals : NULL, ntt, o_amv,
		                         which & 32 ? ses : NULL, which & 64 ? NULL : &o, err);
		FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM,
		          untouched(places, (rows * n + 1) * 8) && untouched(amv, (rows * n + 1) * 8));
		if (rc == OPV_OK) {
			FUZZ_CHECK(ntt <= 4);
			FUZZ_CHECK(untouched(places + rows * n, 8));
			for (t = 0; t < ntt; t++) {
				sum = 0;
				for (i = 0; i < n; i++) {
					FUZZ_CHECK(places[t * n + i] >= 0);
					if (which & 2)
						FUZZ_CHECK(amv[t * n + i] >= 0 && amv[t * n + i] <= places[t * n + i]);
					sum += places[t * n + i];
				}
				FUZZ_CHECK(sum == totals[t]);
			}
			/* The same as one distribution of the first total. */
			if (ntt && !(which & 64)) {
				opv_distribution_options one = o;
				opv_distribution_columns out = { OPV_DISTRIBUTION_COLUMNS_VERSION, NULL, NULL, cols_i[0], NULL, NULL, NULL, NULL, NULL,
					                             NULL };
				if (opv_distribute(&out, NULL, reg, totals[0], o_amv, which & 32 ? ses : NULL, &one,
				                   NULL) == OPV_OK)
					FUZZ_CHECK(memcmp(cols_i[0], places, n * 8) == 0);
			}
		}
		free(places);
		free(amv);
	}
	for (i = 0; i < 4; i++)
		free(cols_d[i]);
	for (i = 0; i < 5; i++)
		free(cols_i[i]);
	free(ses);
}

static void op_compare(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	size_t n = opv_register_count(reg), i, len, rows, exact = 0;
	int64_t *places = malloc((n + 1) * 8), *amv = malloc((n + 1) * 8);
	int extreme = take_u8(b) & 1, from_file = take_u8(b) & 1, rc;
	opv_comparison *cmp = POISON_PTR;
	const opv_comparison_row *largest;
	const char *source = take_string(b, NULL, 0), *data;
	opv_error *err;
	for (i = 0; i < n; i++) {
		places[i] = extreme ? take_i64(b) : take_u8(b);
		amv[i] = extreme ? take_i64(b) : take_u8(b) % 8;
	}
	err = err_arg(b);
	data = take_blob(b, &len);
	if (from_file)
		rc = opv_compare_load_csv(take_u8(b) % 16 ? &cmp : NULL, reg, take_u8(b) % 16 ? places : NULL,
		                          take_u8(b) & 1 ? amv : NULL, take_path(b, data, len), err);
	else
		rc = opv_compare_parse_csv(take_u8(b) % 16 ? &cmp : NULL, reg,
		                           take_u8(b) % 16 ? places : NULL, take_u8(b) & 1 ? amv : NULL,
		                           take_u8(b) % 16 ? data : NULL, len, source, err);
	FUZZ_CALL(rc, E_LOADER | E_NOTFOUND, cmp == POISON_PTR);
	if (rc != OPV_OK) {
		free(places);
		free(amv);
		return;
	}
	rows = opv_comparison_count(cmp);
	largest = opv_comparison_largest(cmp);
	FUZZ_CHECK((largest == NULL) == (rows == 0));
	for (i = 0; i < rows; i++) {
		const opv_comparison_row *r = opv_comparison_at(cmp, i);
		FUZZ_CHECK(r && r->municipality < n);
		FUZZ_CHECK(r->computed == places[r->municipality]);
		FUZZ_CHECK((i128)r->difference == (i128)r->computed - r->published);
		FUZZ_CHECK(r->published >= 0);
		if (!r->has_amv)
			FUZZ_CHECK(r->amv_difference == 0);
		if (r->difference == 0)
			exact++;
		FUZZ_CHECK((r->difference < 0 ? -(i128)r->difference : r->difference) <=
		           (largest->difference < 0 ? -(i128)largest->difference : largest->difference));
	}
	FUZZ_CHECK(opv_comparison_at(cmp, rows) == NULL);
	FUZZ_CHECK(opv_comparison_exact(cmp) == exact);
	opv_comparison_free(cmp);
	free(places);
	free(amv);
}

/* ---- housing.h: periods, the task, backlog ----------------------------------------- */

static const char *const period_words[] = { "2025-H1", "2025-H2", "2025-H3", "2025-h1", "1900-H1",
	                                         "9999-H2", "0000-H1", "2025-H1 ", "2025H1", "25-H1" };

static void op_period(struct bytes *b)
{
	opv_period p, q = take_period(b), r = take_period(b), next;
	char buf[16], date[16];
	size_t size = take_size(b, 8);
	const char *text = take_string(b, period_words, 10);
	opv_register *reg = POISON_PTR;
	opv_error *err = err_arg(b);
	int rc, cmp;
	poison(&p, sizeof p);
	rc = opv_period_parse(take_u8(b) % 16 ? &p : NULL, text, err);
	FUZZ_CALL(rc, E_INVAL | E_PARSE, untouched(&p, sizeof p));
	if (rc == OPV_OK) {
		FUZZ_CHECK(opv_period_format(buf, sizeof buf, p, NULL) == OPV_OK && strcmp(buf, text) == 0);
	}
	if (size > sizeof buf)
		size = sizeof buf;
	err = err_arg(b);
	poison(buf, sizeof buf);
	rc = opv_period_format(take_u8(b) % 16 ? buf : NULL, size, q, err);
	FUZZ_CALL(rc, E_INVAL, untouched(buf, sizeof buf));
	if (rc == OPV_OK) {
		FUZZ_CHECK(strlen(buf) == 7 && opv_period_parse(&p, buf, NULL) == OPV_OK);
		FUZZ_CHECK(p.year == q.year && p.half == q.half);
	}
	err = err_arg(b);
	poison(date, sizeof date);
	rc = opv_period_reference_date(take_u8(b) % 16 ? date : NULL, size, q, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE, untouched(date, sizeof date));
	if (rc == OPV_OK)
		FUZZ_CHECK(strlen(date) == 10 && strcmp(date + 4, "-01-01") == 0);
	next = opv_period_next(q);
	cmp = opv_period_compare(next, q);
	if (q.half >= 1 && q.half <= 2 && !(q.year == INT_MAX && q.half == 2))
		FUZZ_CHECK(cmp > 0);
	FUZZ_CHECK((opv_period_compare(q, r) > 0) == (opv_period_compare(r, q) < 0));
	FUZZ_CHECK(opv_period_compare(q, q) == 0);
	if (take_u8(b) & 1) {
		err = err_arg(b);
		rc = opv_period_register(take_u8(b) % 16 ? &reg : NULL, q, err);
		FUZZ_CALL(rc, E_INVAL | E_NOTFOUND | E_NOMEM, reg == POISON_PTR);
		if (rc == OPV_OK) {
			FUZZ_CHECK(opv_period_reference_date(date, sizeof date, q, NULL) == OPV_OK);
			FUZZ_CHECK(strcmp(opv_register_reference_date(reg), date) == 0);
			opv_register_free(reg);
		}
	}
}

static void op_housing_task(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	size_t n = opv_register_count(reg), i, nswaps;
	int64_t *cols[5], *previous = malloc((n + 1) * 8), *realised = malloc((n + 1) * 8);
	opv_housing_options o = OPV_HOUSING_OPTIONS_INIT;
	opv_housing_summary summary = OPV_HOUSING_SUMMARY_INIT;
	opv_swap swaps[4];
	static const char *const agreements[] = { "A", "B" };
	unsigned which = take_u8(b);
	int extreme = take_u8(b) & 1, rc, all_cols;
	const opv_swap *swp;
	opv_error *err;
	for (i = 0; i < 5; i++) {
		cols[i] = malloc((n + 1) * 8);
		poison(cols[i], (n + 1) * 8);
	}
	for (i = 0; i < n; i++) {
		previous[i] = extreme ? take_i64(b) : (int64_t)take_u8(b) - 128;
		realised[i] = extreme ? take_i64(b) : take_u8(b);
	}
	for (i = 0; i < 4; i++) {
		swaps[i].agreement = take_string(b, agreements, 2);
		swaps[i].code = take_string(b, period_words, 0) ? (take_u8(b) & 1 ? "GM0363" : "GM0344") : NULL;
		swaps[i].delta = take_u8(b) & 1 ? take_i64(b) : (int64_t)take_u8(b) - 128;
	}
	o.version = take_u8(b) % 8 ? o.version : (unsigned)take_int(b);
	o.national = take_u8(b) & 1 ? take_i64(b) : (int64_t)(take_u32(b) % 30000);
	o.period = take_period(b);
	o.population_total = take_u8(b) % 4 ? 0 : take_i64(b);
	o.carry_advance = take_u8(b) & 1;
	nswaps = take_size(b, take_u8(b) % 5);
	if (which & 128) {
		swp = opv_swap_table_swaps(swap_table);
		nswaps = opv_swap_table_count(swap_table);
	} else {
		swp = nswaps <= 4 && take_u8(b) % 8 ? swaps : NULL;
	}
	all_cols = (which & 7) == 7;
	{
		opv_housing_columns out = { OPV_HOUSING_COLUMNS_VERSION, which & 1 ? cols[0] : NULL, cols[1], which & 2 ? cols[2] : NULL,
			                        which & 4 ? cols[3] : NULL, cols[4] };
		poison(&summary, sizeof summary);
		err = err_arg(b);
		rc = opv_housing_task(which & 8 ? NULL : &out, which & 16 ? NULL : &summary, reg,
		                      which & 32 ? previous : NULL, which & 64 ? realised : NULL, swp, nswaps,
		                      take_u8(b) % 16 ? &o : NULL, err);
		FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOTFOUND | E_NOMEM,
		          untouched(&summary, sizeof summary) && untouched(cols[0], (n + 1) * 8) &&
		              untouched(cols[1], (n + 1) * 8) && untouched(cols[3], (n + 1) * 8) &&
		              untouched(cols[4], (n + 1) * 8));
		if (rc == OPV_OK && !(which & 8)) {
			int64_t sum = 0;
			i128 p = o.population_total ? o.population_total : opv_register_population(reg);
			for (i = 0; i < n; i++) {
				int64_t carried = which & 32 ? previous[i] : 0;
				if (carried < 0 && !o.carry_advance)
					carried = 0;
				if (which & 1) {
					FUZZ_CHECK(cols[0][i] ==
					           (int64_t)(((i128)o.national * opv_register_at(reg, i)->population + p - 1) / p));
					sum += cols[0][i];
				}
				if (which & 2)
					FUZZ_CHECK(cols[2][i] == carried);
				if (all_cols) {
					FUZZ_CHECK(cols[3][i] == cols[0][i] + cols[1][i] + cols[2][i]);
					if (which & 64)
						FUZZ_CHECK(cols[4][i] == cols[3][i] - realised[i]);
				}
				if (!(which & 64))
					FUZZ_CHECK(untouched(cols[4] + i, 8));
			}
			if ((which & 1) && !(which & 16))
				FUZZ_CHECK(summary.task == sum);
			/* Every municipality rounds up: the tasks add up to at least vg,
			 * unless the caller's P_NL is above the register's. */
			if ((which & 1) && p <= opv_register_population(reg))
				FUZZ_CHECK(sum >= o.national);
			if (!(which & 16))
				FUZZ_CHECK(memchr(summary.warning, '\0', sizeof summary.warning) != NULL);
		}
	}
	for (i = 0; i < 5; i++)
		free(cols[i]);
	free(previous);
	free(realised);
}

static void op_backlog(struct bytes *b)
{
	int64_t balance[16], backlog, advance, net;
	i128 wb = 0, wa = 0, wn = 0;
	size_t n = take_u8(b) % 17, nn = take_size(b, n), i;
	int extreme = take_u8(b) & 1, rc, month = take_u8(b) & 1 ? take_int(b) : (int)(take_u8(b) % 8);
	int64_t corrected = take_i64(b);
	unsigned which = take_u8(b);
	double expected;
	opv_error *err;
	for (i = 0; i < 16; i++)
		balance[i] = extreme ? take_i64(b) : (int64_t)take_u8(b) - 128;
	if (nn > 16)
		nn = take_u8(b) & 1 ? nn : n;
	for (i = 0; i < nn && i < 16; i++) {
		wb += balance[i] > 0 ? balance[i] : 0;
		wa += balance[i] < 0 ? -(i128)balance[i] : 0;
		wn += balance[i];
	}
	poison(&backlog, 8);
	poison(&advance, 8);
	poison(&net, 8);
	err = err_arg(b);
	rc = opv_housing_backlog(which & 1 ? NULL : &backlog, which & 2 ? NULL : &advance,
	                         which & 4 ? NULL : &net, nn <= 16 && !(which & 8) ? balance : NULL, nn, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE, untouched(&backlog, 8) && untouched(&advance, 8) && untouched(&net, 8));
	if (rc == OPV_OK) {
		FUZZ_CHECK(nn <= 16 || !nn);
		if (!(which & 1))
			FUZZ_CHECK(backlog == wb);
		if (!(which & 2))
			FUZZ_CHECK(advance == wa);
		if (!(which & 4))
			FUZZ_CHECK(net == wn);
	}
	err = err_arg(b);
	poison(&expected, sizeof expected);
	rc = opv_housing_expected(which & 16 ? NULL : &expected, corrected, month, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE, untouched(&expected, sizeof expected));
	if (rc == OPV_OK) {
		FUZZ_CHECK(month >= 1 && month <= 6);
		FUZZ_CHECK(fabs(expected - (double)corrected * month / 6.0) <= 1e-9 * fabs(expected) + 1e-9);
	}
}

static void op_housing_run(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	size_t n = opv_register_count(reg), np = take_u8(b) % 4, npp = take_size(b, np), i, rows;
	int64_t national[3], *task, *corrected, *balance, *realised, *initial;
	opv_period first = take_period(b);
	int extreme = take_u8(b) & 1, carry = take_u8(b) & 1 ? take_int(b) : 1, rc;
	unsigned which = take_u8(b);
	opv_error *err;
	if (npp > 3)
		npp = take_u8(b) & 1 ? npp : np;
	rows = npp <= 3 ? npp : 0;
	task = malloc((rows * n + 1) * 8);
	corrected = malloc((rows * n + 1) * 8);
	balance = malloc((rows * n + 1) * 8);
	realised = malloc((rows * n + 1) * 8);
	initial = malloc((n + 1) * 8);
	for (i = 0; i < 3; i++)
		national[i] = extreme ? take_i64(b) : (int64_t)(take_u32(b) % 30000);
	for (i = 0; i < rows * n; i++)
		realised[i] = extreme ? take_i64(b) : take_u8(b);
	for (i = 0; i < n; i++)
		initial[i] = extreme ? take_i64(b) : (int64_t)take_u8(b) - 128;
	poison(task, (rows * n + 1) * 8);
	poison(corrected, (rows * n + 1) * 8);
	poison(balance, (rows * n + 1) * 8);
	err = err_arg(b);
	rc = opv_housing_run(which & 1 ? NULL : task, which & 2 ? NULL : corrected,
	                     npp <= 3 && !(which & 4) ? balance : NULL, reg, first,
	                     npp <= 3 && !(which & 8) ? national : NULL, npp,
	                     npp <= 3 && !(which & 16) ? realised : NULL, which & 32 ? initial : NULL,
	                     carry, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOTFOUND | E_NOMEM,
	          untouched(task, (rows * n + 1) * 8) && untouched(corrected, (rows * n + 1) * 8) &&
	              untouched(balance, (rows * n + 1) * 8));
	if (rc == OPV_OK && !(which & 3)) {
		size_t p;
		for (p = 0; p < rows; p++)
			for (i = 0; i < n; i++) {
				int64_t before = p ? balance[(p - 1) * n + i] : (which & 32 ? initial[i] : 0);
				if (before < 0 && !carry)
					before = 0;
				FUZZ_CHECK(corrected[p * n + i] == task[p * n + i] + before);
				FUZZ_CHECK(balance[p * n + i] == corrected[p * n + i] - realised[p * n + i]);
			}
	}
	free(task);
	free(corrected);
	free(balance);
	free(realised);
	free(initial);
}

/* ---- housing.h: tables, supervision, the ladder --------------------------------- */

static void op_tables(struct bytes *b)
{
	int kind = take_u8(b) % 3, from_file = take_u8(b) & 1, rc;
	const char *source = take_string(b, NULL, 0), *data, *path = NULL;
	size_t len, i, n;
	void *out = POISON_PTR;
	opv_error *err = err_arg(b);
	int null_out = !(take_u8(b) % 16), null_data = !(take_u8(b) % 16);
	data = take_blob(b, &len);
	if (from_file)
		path = take_path(b, data, len);
	if (kind == 0) {
		opv_swap_table **t = null_out ? NULL : (opv_swap_table **)&out;
		rc = from_file ? opv_swap_table_load_csv(t, path, err)
		               : opv_swap_table_parse_csv(t, null_data ? NULL : data, len, source, err);
		FUZZ_CALL(rc, E_LOADER, out == POISON_PTR);
		if (rc == OPV_OK) {
			const opv_swap *s = opv_swap_table_swaps(out);
			n = opv_swap_table_count(out);
			for (i = 0; i < n; i++)
				FUZZ_CHECK(s[i].agreement && s[i].code);
			opv_swap_table_free(out);
		}
	} else if (kind == 1) {
		opv_balance_history **h = null_out ? NULL : (opv_balance_history **)&out;
		rc = from_file ? opv_balance_history_load_csv(h, path, err)
		               : opv_balance_history_parse_csv(h, null_data ? NULL : data, len, source, err);
		FUZZ_CALL(rc, E_LOADER, out == POISON_PTR);
		if (rc == OPV_OK) {
			const opv_balance_record *r = opv_balance_history_records(out);
			n = opv_balance_history_count(out);
			for (i = 0; i < n; i++) {
				FUZZ_CHECK(r[i].code && r[i].period.half >= 1 && r[i].period.half <= 2);
				FUZZ_CHECK(r[i].line >= 2);
			}
			(void)opv_balance_history_tasks(out);
			opv_balance_history_free(out);
		}
	} else {
		opv_realised_log **l = null_out ? NULL : (opv_realised_log **)&out;
		rc = from_file ? opv_realised_log_load_csv(l, path, err)
		               : opv_realised_log_parse_csv(l, null_data ? NULL : data, len, source, err);
		FUZZ_CALL(rc, E_LOADER | E_NOTFOUND, out == POISON_PTR);
		if (rc == OPV_OK)
			opv_realised_log_free(out);
	}
}

static const char *const kind_words[] = { "woning", "doorstroomlocatie", "nareis", "woning,nareis",
	                                       "woning,,nareis", "", ",", "Woning", "x" };
static const char *const stage_words[] = { "on_track", "signalling", "administrative_talk",
	                                        "warning", "substitution", "no_data", "signal", "" };
static const char *const tolerance_words[] = { "10", "5%", "2.5%", "0", "0%", "100%", "100.0001%",
	                                            "-1", "1e3", "%", "2.55555%", "9223372036854775808",
	                                            "5 %", "05" };

static void op_housing_names(struct bytes *b)
{
	int v = take_enum(b, 5), rc;
	const char *name, *text;
	opv_stage stage;
	unsigned kinds;
	opv_ladder_options lo = OPV_LADDER_OPTIONS_INIT, before;
	opv_error *err;
	FUZZ_CHECK((v >= 0 && v < 5) == (opv_supervision_state_name((opv_supervision_state)v) != NULL));
	v = take_enum(b, OPV_REALISED_KIND_COUNT);
	FUZZ_CHECK((v >= 0 && v < 3) == (opv_realised_kind_name((opv_realised_kind)v) != NULL));
	v = take_enum(b, OPV_STAGE_COUNT);
	name = opv_stage_name((opv_stage)v);
	FUZZ_CHECK((v >= 0 && v < OPV_STAGE_COUNT) == (name != NULL));
	if (name)
		FUZZ_CHECK(opv_stage_from_name(&stage, name, NULL) == OPV_OK && (int)stage == v);
	v = take_enum(b, OPV_LADDER_COLUMN_COUNT);
	FUZZ_CHECK((v >= 0 && v < OPV_LADDER_COLUMN_COUNT) ==
	           (opv_ladder_column_name((opv_ladder_column)v) != NULL));

	text = take_string(b, kind_words, sizeof kind_words / sizeof *kind_words);
	err = err_arg(b);
	poison(&kinds, sizeof kinds);
	rc = opv_realised_kinds_parse(take_u8(b) % 16 ? &kinds : NULL, text, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, untouched(&kinds, sizeof kinds));
	if (rc == OPV_OK)
		FUZZ_CHECK(kinds && kinds <= OPV_REALISED_ALL_KINDS);
	text = take_string(b, stage_words, sizeof stage_words / sizeof *stage_words);
	err = err_arg(b);
	poison(&stage, sizeof stage);
	rc = opv_stage_from_name(take_u8(b) % 16 ? &stage : NULL, text, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND, untouched(&stage, sizeof stage));
	if (rc == OPV_OK)
		FUZZ_CHECK(strcmp(opv_stage_name(stage), text) == 0);
	text = take_string(b, tolerance_words, sizeof tolerance_words / sizeof *tolerance_words);
	lo.tolerance = take_i64(b);
	lo.tolerance_ppm = take_i64(b);
	before = lo;
	err = err_arg(b);
	rc = opv_ladder_tolerance_parse(take_u8(b) % 16 ? &lo : NULL, text, err);
	FUZZ_CALL(rc, E_INVAL | E_PARSE | E_RANGE, memcmp(&lo, &before, sizeof lo) == 0);
	if (rc == OPV_OK)
		FUZZ_CHECK((lo.tolerance >= 0 && lo.tolerance_ppm == -1) ||
		           (lo.tolerance_ppm >= 0 && lo.tolerance_ppm <= 1000000));
}

static void op_supervision(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	size_t n = opv_register_count(reg), i, nh;
	int64_t *misses = malloc((n + 1) * 8);
	opv_supervision_state *states = malloc((n + 1) * sizeof *states);
	opv_supervision_options o = OPV_SUPERVISION_OPTIONS_INIT;
	opv_balance_record recs[6];
	static const char *const codes[] = { "GM0363", "GM0344", "GM0000" };
	unsigned which = take_u8(b);
	int rc;
	opv_error *err;
	for (i = 0; i < 6; i++) {
		recs[i].code = take_string(b, codes, 3);
		recs[i].period = take_period(b);
		recs[i].balance = take_u8(b) & 1 ? take_i64(b) : (int64_t)take_u8(b) - 100;
		recs[i].line = 0;
	}
	nh = take_size(b, take_u8(b) % 7);
	o.version = take_u8(b) % 8 ? o.version : (unsigned)take_int(b);
	if (take_u8(b) & 1)
		for (i = 0; i < 4; i++)
			o.thresholds[i] = take_int(b);
	o.tolerance = take_u8(b) & 1 ? take_i64(b) : 0;
	poison(misses, (n + 1) * 8);
	poison(states, (n + 1) * sizeof *states);
	err = err_arg(b);
	if (which & 64)
		rc = opv_supervision(which & 1 ? NULL : misses, which & 2 ? NULL : states, reg,
		                     opv_balance_history_records(history), opv_balance_history_count(history),
		                     which & 4 ? NULL : &o, err);
	else
		rc = opv_supervision(which & 1 ? NULL : misses, which & 2 ? NULL : states, reg,
		                     nh <= 6 && !(which & 8) ? recs : NULL, nh, which & 4 ? NULL : &o, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND | E_DUPLICATE | E_NOMEM,
	          untouched(misses, (n + 1) * 8) && untouched(states, (n + 1) * sizeof *states));
	if (rc == OPV_OK)
		for (i = 0; i < n; i++) {
			if (!(which & 1))
				FUZZ_CHECK(misses[i] >= 0);
			if (!(which & 2))
				FUZZ_CHECK(opv_supervision_state_name(states[i]) != NULL);
		}
	free(misses);
	free(states);
}

static void op_ladder(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	opv_ladder_options o = OPV_LADDER_OPTIONS_INIT;
	opv_ladder *l = POISON_PTR;
	opv_balance_history *h = NULL;
	size_t i, n, len, row;
	unsigned which = take_u8(b);
	const char *data;
	int rc, col;
	opv_period p;
	opv_error *err;
	o.version = take_u8(b) % 8 ? o.version : (unsigned)take_int(b);
	o.as_of = take_u8(b) & 1 ? take_day(b) : 19723 + (opv_day)(take_u32(b) % 1500);
	if (take_u8(b) & 1)
		for (i = 0; i < 4; i++)
			o.thresholds[i] = take_u8(b) & 1 ? take_int(b) : 1 + (int)(take_u8(b) % 5);
	o.tolerance = take_u8(b) & 1 ? take_i64(b) : (int64_t)(take_u8(b) % 20);
	o.tolerance_ppm = take_u8(b) & 1 ? take_i64(b) : -1;
	o.warning_term_weeks = take_u8(b) & 1 ? take_int(b) : 13;
	if (which & 1) {
		data = take_blob(b, &len);
		if (opv_balance_history_parse_csv(&h, data, len, "h.csv", NULL) != OPV_OK)
			h = NULL;
	}
	err = err_arg(b);
	rc = opv_ladder_options_check(which & 2 ? NULL : &o, err);
	FUZZ_STATUS(rc, E_INVAL | E_RANGE);
	err = err_arg(b);
	rc = opv_ladder_run(which & 4 ? NULL : &l, reg, h ? h : (which & 8 ? NULL : history),
	                    which & 2 ? NULL : &o, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOTFOUND | E_DUPLICATE | E_NOMEM, l == POISON_PTR);
	if (rc == OPV_OK) {
		FUZZ_CHECK(opv_ladder_options_check(&o, NULL) == OPV_OK);
		n = opv_ladder_count(l);
		FUZZ_CHECK(n == opv_register_count(reg));
		for (i = 0; i < n; i++) {
			int64_t stage = opv_ladder_get(l, OPV_LADDER_STAGE, i);
			FUZZ_CHECK(stage >= 0 && stage < OPV_STAGE_COUNT);
			FUZZ_CHECK(opv_ladder_get(l, OPV_LADDER_MISSES, i) >= 0);
			if (stage == OPV_STAGE_NO_DATA)
				FUZZ_CHECK(opv_ladder_get(l, OPV_LADDER_MISSES, i) == 0);
			if (stage != OPV_STAGE_WARNING)
				FUZZ_CHECK(opv_ladder_get(l, OPV_LADDER_TERM_ENDS, i) == 0);
		}
		col = take_enum(b, OPV_LADDER_COLUMN_COUNT);
		row = take_size(b, n);
		if (col < 0 || col >= OPV_LADDER_COLUMN_COUNT || row >= n)
			FUZZ_CHECK(opv_ladder_get(l, (opv_ladder_column)col, row) == 0);
		p = opv_ladder_period(l);
		FUZZ_CHECK(p.half == 1 || p.half == 2);
		opv_ladder_free(l);
	}
	opv_balance_history_free(h);
}

static void op_realisation(struct bytes *b)
{
	const opv_register *reg = pick_register(b);
	size_t n = opv_register_count(reg), i, len;
	int64_t *task = malloc((n + 1) * 8), *realised = malloc((n + 1) * 8);
	double *share = malloc((n + 1) * 8), *expected = malloc((n + 1) * 8), *projected = malloc((n + 1) * 8);
	double passed;
	opv_realisation_options o = OPV_REALISATION_OPTIONS_INIT;
	opv_realised_log *log = NULL;
	unsigned which = take_u8(b);
	int extreme = take_u8(b) & 1, rc;
	opv_error *err;
	for (i = 0; i < n; i++)
		task[i] = extreme ? take_i64(b) : take_u8(b);
	o.version = take_u8(b) % 8 ? o.version : (unsigned)take_int(b);
	o.period = take_period(b);
	o.as_of = take_u8(b) & 1 ? take_day(b) : 20089 + (opv_day)(take_u32(b) % 700);
	o.counting_kinds = take_u8(b) & 1 ? take_u32(b) : take_u8(b) % 8;
	if (which & 1) {
		const char *data = take_blob(b, &len);
		if (opv_realised_log_parse_csv(&log, data, len, "r.csv", NULL) != OPV_OK)
			log = NULL;
	}
	poison(realised, (n + 1) * 8);
	poison(share, (n + 1) * 8);
	poison(expected, (n + 1) * 8);
	poison(projected, (n + 1) * 8);
	poison(&passed, 8);
	{
		opv_realisation_columns out = { OPV_REALISATION_COLUMNS_VERSION, which & 2 ? NULL : realised, share, which & 4 ? NULL : expected,
			                            projected };
		err = err_arg(b);
		rc = opv_housing_realisation(which & 8 ? NULL : &out, which & 16 ? NULL : &passed, reg,
		                             which & 32 ? NULL : task, log ? log : (which & 64 ? NULL : realised_log),
		                             which & 128 ? NULL : &o, err);
		FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOTFOUND | E_NOMEM,
		          untouched(realised, (n + 1) * 8) && untouched(share, (n + 1) * 8) &&
		              untouched(expected, (n + 1) * 8) && untouched(projected, (n + 1) * 8) &&
		              untouched(&passed, 8));
		if (rc == OPV_OK) {
			if (!(which & 16))
				FUZZ_CHECK(passed > 0 && passed <= 1);
			for (i = 0; i < n; i++) {
				if (!(which & 2))
					FUZZ_CHECK(realised[i] >= 0);
				FUZZ_CHECK(task[i] == 0 ? isnan(share[i]) : isfinite(share[i]));
			}
		}
	}
	opv_realised_log_free(log);
	free(task);
	free(realised);
	free(share);
	free(expected);
	free(projected);
}

/* ---- projection.h ---------------------------------------------------------------- */

static void check_projection(const opv_projection_row *rows, size_t n)
{
	size_t k;
	for (k = 0; k < n; k++) {
		const opv_projection_row *r = &rows[k];
		FUZZ_CHECK(r->in_procedure >= 0 && r->status_holders >= 0 && r->other >= 0);
		FUZZ_CHECK(r->occupancy == r->in_procedure + r->status_holders + r->other);
		FUZZ_CHECK(r->shortage == (r->occupancy > r->capacity ? r->occupancy - r->capacity : 0));
		FUZZ_CHECK(r->planning_shortage >= r->shortage);
		if (k)
			FUZZ_CHECK(r->date == rows[k - 1].date + 7);
	}
}

/* The scenario fixture, or one parsed from the input (then *own is set). */
static const opv_scenario *take_scenario(struct bytes *b, opv_scenario **own)
{
	unsigned k = take_u8(b) % 8;
	*own = NULL;
	if (k == 0)
		return NULL;
	if (k == 1) {
		size_t len;
		const char *text = take_blob(b, &len);
		if (opv_scenario_parse_json(own, text, len, "f.json", NULL, regs[0], NULL) != OPV_OK)
			*own = NULL;
		if (*own && opv_scenario_weeks(*own) > 60) {
			opv_scenario_free(*own);
			*own = NULL;
		}
		return *own;
	}
	return scenario;
}

static void op_scenario_load(struct bytes *b)
{
	opv_scenario *s = POISON_PTR;
	size_t len;
	int from_file = take_u8(b) & 1, rc;
	const char *source = take_string(b, NULL, 0), *base = take_u8(b) & 1 ? tmp_dir : NULL;
	const opv_register *reg = take_u8(b) & 1 ? NULL : regs[take_u8(b) & 1];
	opv_error *err = err_arg(b);
	const char *data = take_blob(b, &len);
	if (from_file)
		rc = opv_scenario_load_json(take_u8(b) % 16 ? &s : NULL, take_path(b, data, len), reg, err);
	else
		rc = opv_scenario_parse_json(take_u8(b) % 16 ? &s : NULL, take_u8(b) % 16 ? data : NULL, len,
		                             source, base, reg, err);
	FUZZ_CALL(rc, E_LOADER | E_NOTFOUND, s == POISON_PTR);
	if (rc != OPV_OK)
		return;
	FUZZ_CHECK(opv_scenario_weeks(s) >= 0 && opv_scenario_weeks(s) <= OPV_PROJECTION_MAX_WEEKS);
	FUZZ_CHECK(opv_scenario_has_monte_carlo(s) == 0 || opv_scenario_has_monte_carlo(s) == 1);
	(void)opv_scenario_start(s);
	opv_scenario_free(s);
}

static void op_project(struct bytes *b)
{
	opv_scenario *own;
	const opv_scenario *s = take_scenario(b, &own);
	size_t want = s ? (size_t)opv_scenario_weeks(s) + 1 : 9, nrows = take_size(b, want), i, k, nref;
	opv_projection_row *rows = malloc((want + 2) * sizeof *rows);
	opv_projection *p = POISON_PTR;
	opv_error *err = err_arg(b);
	int rc, col;
	poison(rows, (want + 2) * sizeof *rows);
	rc = opv_project(nrows <= want + 2 && take_u8(b) % 16 ? rows : NULL, nrows, s, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE, untouched(rows, (want + 2) * sizeof *rows));
	if (rc == OPV_OK) {
		FUZZ_CHECK(nrows == want);
		check_projection(rows, nrows);
		FUZZ_CHECK(rows[0].date == opv_scenario_start(s));
	}
	err = err_arg(b);
	rc = opv_projection_run(take_u8(b) % 16 ? &p : NULL, s, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM, p == POISON_PTR);
	if (rc == OPV_OK) {
		FUZZ_CHECK(opv_projection_rows(p) == want);
		for (k = 0; k < want; k++) {
			int64_t cap = 0;
			FUZZ_CHECK(opv_projection_date(p, k) == opv_scenario_start(s) + 7 * (opv_day)k);
			for (i = OPV_PROJECTION_CAPACITY_REGULAR; i <= OPV_PROJECTION_CAPACITY_UNSPECIFIED; i++)
				cap += opv_projection_get(p, (opv_projection_column)i, k);
			FUZZ_CHECK(cap == opv_projection_get(p, OPV_PROJECTION_CAPACITY, k));
			FUZZ_CHECK(opv_projection_get(p, OPV_PROJECTION_IN_TRANSIT, k) <=
			           opv_projection_get(p, OPV_PROJECTION_TRANSIT_CAPACITY, k));
			if (k) {
				int64_t d = opv_projection_get(p, OPV_PROJECTION_OCCUPANCY, k) -
				            opv_projection_get(p, OPV_PROJECTION_OCCUPANCY, k - 1);
				FUZZ_CHECK(d == opv_projection_get(p, OPV_PROJECTION_INFLOW, k) -
				                    opv_projection_get(p, OPV_PROJECTION_HOUSED, k) -
				                    opv_projection_get(p, OPV_PROJECTION_TO_TRANSIT, k) -
				                    opv_projection_get(p, OPV_PROJECTION_DEPARTED, k));
			}
			if (nrows == want && !untouched(rows, sizeof *rows))
				FUZZ_CHECK(opv_projection_get(p, OPV_PROJECTION_SHORTAGE, k) == rows[k].shortage);
		}
		col = take_enum(b, OPV_PROJECTION_COLUMN_COUNT);
		k = take_size(b, want);
		FUZZ_CHECK((col >= 0 && col < OPV_PROJECTION_COLUMN_COUNT) ==
		           (opv_projection_column_name((opv_projection_column)col) != NULL));
		if (col < 0 || col >= OPV_PROJECTION_COLUMN_COUNT || k >= want)
			FUZZ_CHECK(opv_projection_get(p, (opv_projection_column)col, k) == 0);
		if (k >= want)
			FUZZ_CHECK(opv_projection_date(p, k) == 0);
		opv_projection_free(p);
	}
	nref = opv_scenario_reference_count(s);
	for (i = 0; i < nref; i++)
		FUZZ_CHECK(opv_scenario_reference_at(s, i)->label != NULL);
	FUZZ_CHECK(opv_scenario_reference_at(s, nref) == NULL);
	(void)opv_scenario_has_monte_carlo(s);
	free(rows);
	opv_scenario_free(own);
}

static int progress_stop_at;
static int progress(uint64_t done, uint64_t total, void *data)
{
	(void)data;
	FUZZ_CHECK(done <= total);
	return progress_stop_at >= 0 && done >= (uint64_t)progress_stop_at;
}

static void take_mc_options(struct bytes *b, opv_monte_carlo_options *o)
{
	unsigned k = take_u8(b);
	switch (k % 8) {
	case 0: o->runs = 0; break;
	case 1: o->runs = OPV_PROJECTION_MAX_RUNS + 1; break;
	case 2: o->runs = UINT64_MAX; break;
	default: o->runs = 1 + take_u8(b) % 40; break;
	}
	o->seed = take_u8(b) & 1 ? take_u64(b) : take_u8(b);
	k = take_u8(b);
	o->first_run = k % 8 == 0 ? UINT64_MAX - take_u8(b) : k % 8 == 1 ? take_u64(b) : take_u8(b) % 64;
	o->progress = take_u8(b) & 1 ? progress : NULL;
	progress_stop_at = take_u8(b) % 4 ? -1 : (int)(take_u8(b) % 3);
	o->progress_data = NULL;
	if (take_u8(b) % 8 == 0)
		o->version = (unsigned)take_int(b);
}

/* The options in an allocation of exactly their size: ASan sees a read past them. */
static const opv_monte_carlo_options *version_of(struct bytes *b, opv_monte_carlo_options *o, void **cut_copy)
{
	(void)b;
	*cut_copy = cut(o, sizeof *o);
	return *cut_copy;
}


static void check_weeks(const opv_monte_carlo_week *w, size_t n)
{
	size_t k;
	for (k = 0; k < n; k++) {
		FUZZ_CHECK(w[k].occupancy_p05 <= w[k].occupancy_p50 && w[k].occupancy_p50 <= w[k].occupancy_p95);
		FUZZ_CHECK(w[k].shortage_p05 <= w[k].shortage_p50 && w[k].shortage_p50 <= w[k].shortage_p95);
		FUZZ_CHECK(w[k].shortage_p05 >= 0 && w[k].p_shortage >= 0 && w[k].p_shortage <= 1);
	}
}

static void op_monte_carlo(struct bytes *b)
{
	opv_scenario *own;
	const opv_scenario *s = take_scenario(b, &own);
	size_t want = s ? (size_t)opv_scenario_weeks(s) + 1 : 9, nrows = take_size(b, want);
	opv_monte_carlo_options o = OPV_MONTE_CARLO_OPTIONS_INIT, o2;
	const opv_monte_carlo_options *po;
	opv_tuning tuning;
	const opv_tuning *pt;
	opv_monte_carlo *mc = POISON_PTR, *mc2 = POISON_PTR;
	opv_monte_carlo_week *weeks = malloc((want + 2) * sizeof *weeks);
	int64_t peaks[41];
	int32_t peak_week[41];
	void *copy;
	unsigned which = take_u8(b);
	int rc, checked;
	double p = take_double(b), q;
	opv_error *err;
	take_mc_options(b, &o);
	po = version_of(b, &o, &copy);
	pt = take_tuning(b, &tuning);
	poison(weeks, (want + 2) * sizeof *weeks);
	poison(peaks, sizeof peaks);
	poison(peak_week, sizeof peak_week);
	err = err_arg(b);
	/* What the checks refuse, the runs refuse too. */
	checked = opv_monte_carlo_options_check(which & 16 ? NULL : po, err);
	FUZZ_CALL(checked, E_INVAL, 1);
	if (which & 128) {
		int tuning_checked = opv_tuning_check(pt, err);
		FUZZ_CALL(tuning_checked, E_INVAL, 1);
		if (checked == OPV_OK)
			checked = tuning_checked;
	}
	if (which & 1) {
		if (which & 128)
			rc = opv_project_monte_carlo_tuned(nrows <= want + 2 && !(which & 2) ? weeks : NULL,
			                                   nrows, which & 4 ? peaks : NULL,
			                                   which & 8 ? peak_week : NULL, s,
			                                   which & 16 ? NULL : po, pt, err);
		else
			rc = opv_project_monte_carlo(nrows <= want + 2 && !(which & 2) ? weeks : NULL, nrows,
			                             which & 4 ? peaks : NULL, which & 8 ? peak_week : NULL, s,
			                             which & 16 ? NULL : po, err);
		FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM | E_CANCELLED,
		          untouched(weeks, (want + 2) * sizeof *weeks) && untouched(peaks, sizeof peaks) &&
		              untouched(peak_week, sizeof peak_week));
		FUZZ_CHECK(checked == OPV_OK || rc != OPV_OK);
		if (rc == OPV_OK) {
			size_t r;
			FUZZ_CHECK(nrows == want && o.runs <= 40);
			check_weeks(weeks, nrows);
			for (r = 0; r < o.runs; r++) {
				if (which & 4)
					FUZZ_CHECK(peaks[r] >= 0);
				if (which & 8)
					FUZZ_CHECK(peak_week[r] >= 0 && (size_t)peak_week[r] < want);
			}
		}
		goto out;
	}
	if (which & 128)
		rc = opv_monte_carlo_run_tuned(which & 2 ? NULL : &mc, s, which & 16 ? NULL : po, pt, err);
	else
		rc = opv_monte_carlo_run(which & 2 ? NULL : &mc, s, which & 16 ? NULL : po, err);
	FUZZ_CALL(rc, E_INVAL | E_RANGE | E_NOMEM | E_CANCELLED, mc == POISON_PTR);
	FUZZ_CHECK(checked == OPV_OK || rc != OPV_OK);
	if (rc != OPV_OK) {
		mc = NULL;
		goto out;
	}
	FUZZ_CHECK(opv_monte_carlo_runs(mc) == o.runs);
	err = err_arg(b);
	rc = opv_monte_carlo_weeks(nrows <= want + 2 && !(which & 4) ? weeks : NULL, nrows, mc, err);
	FUZZ_CALL(rc, E_INVAL, untouched(weeks, (want + 2) * sizeof *weeks));
	if (rc == OPV_OK) {
		FUZZ_CHECK(nrows == want);
		check_weeks(weeks, nrows);
	}
	q = opv_monte_carlo_peak_percentile(mc, p);
	FUZZ_CHECK((p >= 0 && p <= 1) ? q >= 0 : isnan(q));
	FUZZ_CHECK(isnan(opv_monte_carlo_peak_percentile(NULL, 0.5)));
	/* A second range, adjacent, overlapping or of another seed. */
	o2 = o;
	o2.version = OPV_MONTE_CARLO_OPTIONS_VERSION;
	o2.first_run = take_u8(b) & 1 ? o.first_run + o.runs : take_u8(b) % 64;
	o2.runs = 1 + take_u8(b) % 8;
	o2.progress = NULL;
	if (take_u8(b) % 8 == 0)
		o2.seed++;
	if (o2.first_run <= UINT64_MAX - o2.runs &&
	    opv_monte_carlo_run(&mc2, take_u8(b) & 1 ? s : scenario, &o2, NULL) == OPV_OK) {
		uint64_t before = opv_monte_carlo_runs(mc);
		err = err_arg(b);
		rc = opv_monte_carlo_merge(which & 32 ? NULL : mc, which & 64 ? NULL : mc2, err);
		FUZZ_CALL(rc, E_INVAL | E_NOMEM, opv_monte_carlo_runs(mc) == before);
		if (rc == OPV_OK) {
			FUZZ_CHECK(opv_monte_carlo_runs(mc) == before + o2.runs);
			if (opv_monte_carlo_weeks(weeks, want, mc, NULL) == OPV_OK)
				check_weeks(weeks, want);
		}
		opv_monte_carlo_free(mc2);
	}
out:
	opv_monte_carlo_free(mc == POISON_PTR ? NULL : mc);
	free(copy);
	free(weeks);
	opv_scenario_free(own);
}

static const char *const input_words[] = { "inflow_per_week", "housing_per_week", "decision_rate",
	                                        "grant_rate", "departure_rate", "initial.in_procedure",
	                                        "capacity.initial", "capacity.changes[0].delta",
	                                        "capacity.changes[1].delta", "nothing" };

static void op_sensitivity(struct bytes *b)
{
	opv_scenario *own;
	const opv_scenario *s = take_scenario(b, &own);
	opv_sensitivity_options o = OPV_SENSITIVITY_OPTIONS_INIT;
	opv_sensitivity *sens = POISON_PTR;
	const char *names[3];
	double amounts[3];
	size_t i, n;
	unsigned which = take_u8(b);
	int rc;
	opv_error *err;
	o.version = take_u8(b) % 8 ? o.version : (unsigned)take_int(b);
	o.relative = take_u8(b) & 1 ? take_double(b) : 0.05 * (1 + take_u8(b) % 10);
	o.date = take_u8(b) & 1 ? take_day(b) : (take_u8(b) & 1 ? 0 : opv_scenario_start(s) + take_u8(b) % 70);
	for (i = 0; i < 3; i++) {
		names[i] = take_string(b, input_words, sizeof input_words / sizeof *input_words);
		amounts[i] = take_u8(b) & 1 ? take_double(b) : 1 + take_u8(b);
	}
	o.nabsolute = take_size(b, take_u8(b) % 4);
	o.absolute_inputs = o.nabsolute <= 3 && !(which & 1) ? names : NULL;
	o.absolute_amounts = o.nabsolute <= 3 && !(which & 2) ? amounts : NULL;
	err = err_arg(b);
	rc = opv_sensitivity_options_check(s, which & 4 ? NULL : &o, err);
	FUZZ_STATUS(rc, E_INVAL | E_NOTFOUND | E_RANGE | E_NOMEM);
	err = err_arg(b);
	rc = opv_sensitivity_run(which & 8 ? NULL : &sens, s, which & 4 ? NULL : &o, err);
	FUZZ_CALL(rc, E_INVAL | E_NOTFOUND | E_RANGE | E_NOMEM, sens == POISON_PTR);
	if (rc == OPV_OK) {
		int64_t prev = INT64_MAX;
		FUZZ_CHECK(opv_sensitivity_options_check(s, &o, NULL) == OPV_OK);
		n = opv_sensitivity_count(sens);
		for (i = 0; i < n; i++) {
			int64_t lo = opv_sensitivity_shortage(sens, i, OPV_SENSITIVITY_LOW);
			int64_t hi = opv_sensitivity_shortage(sens, i, OPV_SENSITIVITY_HIGH);
			int64_t effect = hi > lo ? hi - lo : lo - hi;
			FUZZ_CHECK(opv_sensitivity_input(sens, i) != NULL);
			FUZZ_CHECK(opv_sensitivity_shortage(sens, i, OPV_SENSITIVITY_BASE) == opv_sensitivity_base(sens));
			FUZZ_CHECK(isfinite(opv_sensitivity_value(sens, i, OPV_SENSITIVITY_BASE)));
			FUZZ_CHECK(effect <= prev);
			prev = effect;
		}
		FUZZ_CHECK(opv_sensitivity_input(sens, n) == NULL);
		FUZZ_CHECK(opv_sensitivity_value(sens, n, OPV_SENSITIVITY_LOW) == 0);
		FUZZ_CHECK(opv_sensitivity_shortage(sens, i, (opv_sensitivity_point)take_enum(b, 3)) == 0);
		(void)opv_sensitivity_value(sens, 0, (opv_sensitivity_point)take_enum(b, 3));
		(void)opv_sensitivity_date(sens);
		if (take_u8(b) % 4 == 0) {
			const char *path = take_u8(b) & 1 ? tmp_svg : take_u8(b) & 1 ? tmp_dir : NULL;
			err = err_arg(b);
			rc = opv_sensitivity_write_svg(sens, path, err);
			FUZZ_STATUS(rc, E_INVAL | E_IO | E_NOMEM);
			if (rc == OPV_OK)
				FUZZ_CHECK(access(tmp_svg, F_OK) == 0);
		}
		opv_sensitivity_free(sens);
	} else if (take_u8(b) % 8 == 0) {
		err = err_arg(b);
		FUZZ_STATUS(opv_sensitivity_write_svg(NULL, tmp_svg, err), E_INVAL);
	}
	opv_scenario_free(own);
}

/* ---- versioned structs: every _init() ---------------------------------------------- */

/*
 * Calls `init` on a struct allocated at exactly its size (ASan sees any
 * write past it) or on NULL, with a version mostly valid: OPV_OK exactly for
 * 1..newest, and then the version set; OPV_EINVAL otherwise, and nothing
 * written.
 */
#define FUZZ_STRUCT_INIT(b, type, init, newest)                                          \
	do {                                                                                 \
		type *s_ = malloc(sizeof *s_);                                                   \
		unsigned v_ = take_version(b, newest);                                           \
		int null_ = take_u8(b) % 16 == 0, rc_;                                           \
		poison(s_, sizeof *s_);                                                          \
		rc_ = init(null_ ? NULL : s_, v_);                                               \
		FUZZ_CHECK(rc_ == OPV_OK || rc_ == OPV_EINVAL);                                  \
		FUZZ_CHECK((rc_ == OPV_OK) == (!null_ && v_ >= 1 && v_ <= (newest)));            \
		FUZZ_CHECK(rc_ == OPV_OK ? s_->version == v_ : untouched(s_, sizeof *s_));       \
		free(s_);                                                                        \
	} while (0)

static void op_struct_init(struct bytes *b)
{
	switch (take_u8(b) % 19) {
	case 18: FUZZ_STRUCT_INIT(b, opv_apportion_options, opv_apportion_options_init, OPV_APPORTION_OPTIONS_VERSION); break;
	case 0: FUZZ_STRUCT_INIT(b, opv_distribution_options, opv_distribution_options_init, OPV_DISTRIBUTION_OPTIONS_VERSION); break;
	case 1: FUZZ_STRUCT_INIT(b, opv_distribution_columns, opv_distribution_columns_init, OPV_DISTRIBUTION_COLUMNS_VERSION); break;
	case 2: FUZZ_STRUCT_INIT(b, opv_distribution_summary, opv_distribution_summary_init, OPV_DISTRIBUTION_SUMMARY_VERSION); break;
	case 3: FUZZ_STRUCT_INIT(b, opv_housing_options, opv_housing_options_init, OPV_HOUSING_OPTIONS_VERSION); break;
	case 4: FUZZ_STRUCT_INIT(b, opv_housing_columns, opv_housing_columns_init, OPV_HOUSING_COLUMNS_VERSION); break;
	case 5: FUZZ_STRUCT_INIT(b, opv_housing_summary, opv_housing_summary_init, OPV_HOUSING_SUMMARY_VERSION); break;
	case 6: FUZZ_STRUCT_INIT(b, opv_supervision_options, opv_supervision_options_init, OPV_SUPERVISION_OPTIONS_VERSION); break;
	case 7: FUZZ_STRUCT_INIT(b, opv_realisation_options, opv_realisation_options_init, OPV_REALISATION_OPTIONS_VERSION); break;
	case 8: FUZZ_STRUCT_INIT(b, opv_realisation_columns, opv_realisation_columns_init, OPV_REALISATION_COLUMNS_VERSION); break;
	case 9: FUZZ_STRUCT_INIT(b, opv_ladder_options, opv_ladder_options_init, OPV_LADDER_OPTIONS_VERSION); break;
	case 10: FUZZ_STRUCT_INIT(b, opv_compliance_options, opv_compliance_options_init, OPV_COMPLIANCE_OPTIONS_VERSION); break;
	case 11: FUZZ_STRUCT_INIT(b, opv_places_options, opv_places_options_init, OPV_PLACES_OPTIONS_VERSION); break;
	case 12: FUZZ_STRUCT_INIT(b, opv_places_columns, opv_places_columns_init, OPV_PLACES_COLUMNS_VERSION); break;
	case 13: FUZZ_STRUCT_INIT(b, opv_monte_carlo_options, opv_monte_carlo_options_init, OPV_MONTE_CARLO_OPTIONS_VERSION); break;
	case 14: FUZZ_STRUCT_INIT(b, opv_sensitivity_options, opv_sensitivity_options_init, OPV_SENSITIVITY_OPTIONS_VERSION); break;
	case 15: FUZZ_STRUCT_INIT(b, opv_report_options, opv_report_options_init, OPV_REPORT_OPTIONS_VERSION); break;
	case 16: FUZZ_STRUCT_INIT(b, opv_report_housing, opv_report_housing_init, OPV_REPORT_HOUSING_VERSION); break;
	default: FUZZ_STRUCT_INIT(b, opv_tuning, opv_tuning_init, OPV_TUNING_VERSION); break;
	}
}

/* ---- the driver ------------------------------------------------------------------ */

typedef void (*op_fn)(struct bytes *);

static const op_fn ops[] = {
	op_apportion,   op_method_names,  op_distribute, op_compare,       op_period,
	op_housing_task, op_backlog,      op_housing_run, op_tables,       op_housing_names,
	op_supervision, op_ladder,        op_realisation, op_scenario_load, op_project,
	op_monte_carlo, op_sensitivity,  op_struct_init,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct bytes b = { data, size };
	int steps = 0;
	if (!ready) {
		init_fixtures();
		ready = 1;
	}
	arena_used = 0;
	while (b.n && steps++ < 8)
		ops[take_u8(&b) % (sizeof ops / sizeof *ops)](&b);
	return 0;
}
