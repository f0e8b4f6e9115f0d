/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Counting places as the Spreidingswet counts them, tasks with their source,
 * and the municipality, province and nation tables.  Every expected value is
 * worked out by hand in the comments, from the rules in opvang/places.h.
 */
#include <stdio.h>

#include "testutil.h"

/* Four municipalities of 1,000 people in two provinces. */
static const char reg_csv[] =
	"code,name,province_code,province,population\n"
	"GM0001,Alpha,PV20,Noord,1000\n"
	"GM0002,Beta,PV20,Noord,1000\n"
	"GM0003,Gamma,PV21,Zuid,1000\n"
	"GM0004,Delta,PV21,Zuid,1000\n";

static opv_register *reg4(void)
{
	opv_register *reg = NULL;
	ck_assert_int_eq(opv_register_parse_csv(&reg, reg_csv, strlen(reg_csv), "r.csv", NULL), OPV_OK);
	return reg;
}

static opv_day day(const char *text)
{
	opv_day d;
	ck_assert_int_eq(opv_date_parse(&d, text, NULL), OPV_OK);
	return d;
}

/*
 * On 2026-07-01, under the law's reading:
 *   A1 azc, agreed 200, 260 in use, open-ended      counts 200; 60 above the agreement
 *   A2 amv, 30, exactly five years                  counts 30, AMV
 *   A3 nood, 100                                    open, never counts
 *   B1 azc, agreed 300, 250 in use, five years      counts 250 (below its agreement)
 *   B2 azc, 100, one day short of five years        open, not durable
 *   C1 amv, agreed 50, 80 in use, open-ended        counts 50, AMV; 30 above
 *   C2 azc, opens the day after                     not open
 *   C3 hotel, closes on the day                     not open (the closing day is out)
 *   D1 azc, 90, open-ended, opened 2019             counts 90
 *   D2 doorstroom, 60                               open, never counts
 * Per municipality:  total  above  counting  of which AMV
 *   Alpha             390     60      230          30
 *   Beta              350      0      250           0
 *   Gamma              80     30       50          50
 *   Delta             150      0       90           0
 */
static const char locations_csv[] =
	"id,code,name,type,agreed_capacity,capacity,opens,closes\n"
	"A1,GM0001,a1,azc,200,260,2020-01-01,\n"
	"A2,GM0001,a2,amv,30,30,2024-03-01,2029-03-01\n"
	"A3,GM0001,a3,nood,100,100,2026-01-01,2026-12-31\n"
	"B1,GM0002,b1,azc,300,250,2022-01-01,2027-01-01\n"
	"B2,GM0002,b2,azc,100,100,2025-01-01,2029-12-31\n"
	"C1,GM0003,c1,amv,50,80,2023-06-01,\n"
	"C2,GM0003,c2,azc,80,80,2026-07-02,\n"
	"C3,GM0003,c3,hotel,40,40,2026-01-01,2026-07-01\n"
	"D1,GM0004,d1,azc,90,90,2019-01-01,\n"
	"D2,GM0004,d2,doorstroom,60,60,2025-01-01,\n";

/*
 * A decision with an AMV part:
 *   Alpha  250 (20 AMV): gap 250-230 = 20,  gap_amv 20-30 = -10  not met
 *   Beta   200 (10 AMV): gap 200-250 = -50, gap_amv 10-0 = 10    not met: a
 *                        regular surplus does not hide the AMV shortfall
 *   Gamma   40 (40 AMV): gap -10, gap_amv -10                    met
 *   Delta  100:          gap 10, gap_amv 0                       not met
 */
static const char tasks_csv[] =
	"code,task,task_amv\n"
	"GM0001,250,20\n"
	"GM0002,200,10\n"
	"GM0003,40,40\n"
	"GM0004,100,\n";

static opv_locations *locations(const opv_register *reg)
{
	opv_locations *l = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_locations_parse_csv(&l, reg, locations_csv, strlen(locations_csv), "l.csv",
	                                      &err) == OPV_OK, "%s", err.message);
	return l;
}

static opv_tasks *tasks(const opv_register *reg, const char *csv)
{
	opv_tasks *t = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_tasks_parse_csv(&t, reg, csv, strlen(csv), "t.csv", &err) == OPV_OK, "%s",
	              err.message);
	return t;
}

/* Checks one column of one level against `want`. */
static void column_is(const opv_compliance *c, opv_level level, opv_compliance_column column,
                      const int64_t *want)
{
	int64_t got[8];
	size_t n = opv_compliance_rows(c, level), i;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_compliance_get(got, n, c, level, column, &err) == OPV_OK, "%s", err.message);
	for (i = 0; i < n; i++)
		ck_assert_msg(got[i] == want[i], "%s %s row %zu: %lld, not %lld", opv_level_name(level),
		              opv_compliance_column_name(column), i, (long long)got[i],
		              (long long)want[i]);
}

START_TEST(each_location_by_the_rules)
{
	static const struct {
		opv_count_reason reason;
		int64_t counting;
	} want[] = {
		{ OPV_COUNTS, 200 }, { OPV_COUNTS, 30 }, { OPV_NOT_REGULAR, 0 }, { OPV_COUNTS, 250 },
		{ OPV_NOT_DURABLE, 0 }, { OPV_COUNTS, 50 }, { OPV_NOT_OPEN, 0 }, { OPV_NOT_OPEN, 0 },
		{ OPV_COUNTS, 90 }, { OPV_NOT_REGULAR, 0 },
	};
	opv_register *reg = reg4();
	opv_locations *l = locations(reg);
	opv_error err = OPV_ERROR_INIT;
	opv_count_reason reason;
	int64_t counting;
	size_t i;
	for (i = 0; i < 10; i++) {
		ck_assert_int_eq(opv_location_assess(&reason, &counting, opv_locations_at(l, i),
		                                     day("2026-07-01"), NULL, &err), OPV_OK);
		ck_assert_msg(reason == want[i].reason, "%s: %s", opv_locations_at(l, i)->id,
		              opv_count_reason_name(reason));
		ck_assert_int_eq(counting, want[i].counting);
	}
	ck_assert_str_eq(opv_count_reason_name(OPV_SMALL_EXISTING), "small-existing");
	ck_assert_ptr_null(opv_count_reason_name((opv_count_reason)5));
	opv_locations_free(l);
	opv_register_free(reg);
}
END_TEST

START_TEST(municipalities_provinces_and_the_nation)
{
	/* Municipalities, from the two tables above. */
	static const int64_t task[] = { 250, 200, 40, 100 }, task_amv[] = { 20, 10, 40, 0 },
	                     counting[] = { 230, 250, 50, 90 }, counting_amv[] = { 30, 0, 50, 0 },
	                     total[] = { 390, 350, 80, 150 }, above[] = { 60, 0, 30, 0 },
	                     gap[] = { 20, -50, -10, 10 }, gap_amv[] = { -10, 10, -10, 0 },
	                     met[] = { 0, 0, 1, 0 }, ones[] = { 1, 1, 1, 1 },
	                     short_[] = { 1, 1, 0, 1 };
	/* Noord = Alpha + Beta: task 450 (30 AMV), counting 480 (30), gap -30 and
	 * 0: met, although both its municipalities are short.  Zuid = Gamma +
	 * Delta: task 140 (40), counting 140 (50), gap 0 and -10: met. */
	static const int64_t p_task[] = { 450, 140 }, p_task_amv[] = { 30, 40 },
	                     p_counting[] = { 480, 140 }, p_counting_amv[] = { 30, 50 },
	                     p_total[] = { 740, 230 }, p_above[] = { 60, 30 }, p_gap[] = { -30, 0 },
	                     p_gap_amv[] = { 0, -10 }, p_met[] = { 1, 1 }, p_count[] = { 2, 2 },
	                     p_short[] = { 2, 1 };
	static const int64_t n_task[] = { 590 }, n_task_amv[] = { 70 }, n_counting[] = { 620 },
	                     n_counting_amv[] = { 80 }, n_total[] = { 970 }, n_above[] = { 90 },
	                     n_gap[] = { -30 }, n_gap_amv[] = { -10 }, n_met[] = { 1 },
	                     n_count[] = { 4 }, n_short[] = { 3 };
	const int64_t *const want[3][OPV_COMPLIANCE_COLUMN_COUNT] = {
		{ task, task_amv, counting, counting_amv, total, above, gap, gap_amv, met, ones, short_ },
		{ p_task, p_task_amv, p_counting, p_counting_amv, p_total, p_above, p_gap, p_gap_amv,
		  p_met, p_count, p_short },
		{ n_task, n_task_amv, n_counting, n_counting_amv, n_total, n_above, n_gap, n_gap_amv,
		  n_met, n_count, n_short },
	};
	opv_register *reg = reg4();
	opv_locations *l = locations(reg);
	opv_tasks *t = tasks(reg, tasks_csv);
	opv_compliance *c = NULL;
	opv_error err = OPV_ERROR_INIT;
	size_t order[4], count;
	int level, column;
	ck_assert_msg(opv_compliance_on(&c, reg, l, t, day("2026-07-01"), NULL, &err) == OPV_OK, "%s",
	              err.message);
	ck_assert_int_eq(opv_compliance_day(c), day("2026-07-01"));
	ck_assert_int_eq(opv_compliance_has_task(c), 1);
	ck_assert_uint_eq(opv_compliance_rows(c, OPV_LEVEL_MUNICIPALITY), 4);
	ck_assert_uint_eq(opv_compliance_rows(c, OPV_LEVEL_PROVINCE), 2);
	ck_assert_uint_eq(opv_compliance_rows(c, OPV_LEVEL_NATION), 1);
	for (level = 0; level < 3; level++)
		for (column = 0; column < OPV_COMPLIANCE_COLUMN_COUNT; column++)
			column_is(c, (opv_level)level, (opv_compliance_column)column, want[level][column]);
	/* Not met: Alpha 20, Delta 10, then Beta, short of AMV places only. */
	ck_assert_int_eq(opv_compliance_shortfalls(order, &count, c, OPV_LEVEL_MUNICIPALITY, &err),
	                 OPV_OK);
	ck_assert_uint_eq(count, 3);
	ck_assert_uint_eq(order[0], 0);
	ck_assert_uint_eq(order[1], 3);
	ck_assert_uint_eq(order[2], 1);
	ck_assert_int_eq(opv_compliance_shortfalls(order, &count, c, OPV_LEVEL_PROVINCE, &err), OPV_OK);
	ck_assert_uint_eq(count, 0);
	opv_compliance_free(c);
	opv_tasks_free(t);
	opv_locations_free(l);
	opv_register_free(reg);
}
END_TEST

START_TEST(the_alternative_readings)
{
	opv_register *reg = reg4();
	opv_locations *l = locations(reg);
	opv_compliance_options o = OPV_COMPLIANCE_OPTIONS_INIT;
	opv_compliance *c = NULL;
	opv_error err = OPV_ERROR_INIT;
	/* Durability from the day: A2 (closes 2029-03-01) and B1 (2027-01-01)
	 * close before 2031-07-01 and stop counting.  Alpha 200, Beta 0. */
	static const int64_t remaining[] = { 200, 0, 50, 90 }, remaining_amv[] = { 0, 0, 50, 0 };
	/* Existing locations (opened before 1 February 2024) count from 100
	 * places: C1 (2023, 50) and D1 (2019, 90) stop counting; A1 (200) and B1
	 * (250) stay; A2 opened after the law came in. */
	static const int64_t existing[] = { 230, 250, 0, 0 };
	/* min_years 0: B2, one day short of five years, counts too. */
	static const int64_t any_years[] = { 230, 350, 50, 90 };
	/* Transit places counted too: D2 (doorstroom, 60, open-ended) joins Delta. */
	static const int64_t with_transit[] = { 230, 250, 50, 150 };
	/* Places above the agreement counted: A1 260 instead of 200, C1 80 instead of 50. */
	static const int64_t above[] = { 290, 250, 80, 90 };
	o.durability = OPV_DURABLE_REMAINING;
	ck_assert_int_eq(opv_compliance_on(&c, reg, l, NULL, day("2026-07-01"), &o, &err), OPV_OK);
	column_is(c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING, remaining);
	column_is(c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING_AMV, remaining_amv);
	opv_compliance_free(c);
	o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
	o.existing_min_places = 100;
	ck_assert_int_eq(opv_compliance_on(&c, reg, l, NULL, day("2026-07-01"), &o, &err), OPV_OK);
	column_is(c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING, existing);
	opv_compliance_free(c);
	o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
	ck_assert_int_eq(opv_location_types_parse(&o.counting_types, "azc,amv,doorstroom", &err),
	                 OPV_OK);
	ck_assert_uint_eq(o.counting_types, OPV_COUNTING_TYPES_LAW | (1u << OPV_LOCATION_DOORSTROOM));
	ck_assert_int_eq(opv_compliance_on(&c, reg, l, NULL, day("2026-07-01"), &o, &err), OPV_OK);
	column_is(c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING, with_transit);
	opv_compliance_free(c);
	o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
	o.count_above_agreement = 1;
	ck_assert_int_eq(opv_compliance_on(&c, reg, l, NULL, day("2026-07-01"), &o, &err), OPV_OK);
	column_is(c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING, above);
	opv_compliance_free(c);
	ck_assert_fails(opv_location_types_parse(&o.counting_types, "azc,tent", &err), err,
	                OPV_ENOTFOUND, "unknown location type 'tent'");
	ck_assert_fails(opv_location_types_parse(&o.counting_types, "azc,", &err), err, OPV_EINVAL,
	                "ends with a comma");
	ck_assert_fails(opv_location_types_parse(&o.counting_types, "", &err), err, OPV_EINVAL,
	                "empty");
	o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
	o.counting_types = 1u << 9;
	ck_assert_fails(opv_compliance_on(&c, reg, l, NULL, 0, &o, &err), err, OPV_EINVAL,
	                "counting_types 0x200 has bits of no location type");
	o = (opv_compliance_options)OPV_COMPLIANCE_OPTIONS_INIT;
	o.min_years = 0;
	ck_assert_int_eq(opv_compliance_on(&c, reg, l, NULL, day("2026-07-01"), &o, &err), OPV_OK);
	column_is(c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_PLACES_COUNTING, any_years);
	/* Without a task the task columns are not there. */
	ck_assert_int_eq(opv_compliance_has_task(c), 0);
	{
		int64_t out[4];
		size_t order[4], count;
		ck_assert_fails(opv_compliance_get(out, 4, c, OPV_LEVEL_MUNICIPALITY, OPV_COLUMN_GAP, &err),
		                err, OPV_EINVAL, "the column gap needs a task");
		ck_assert_fails(opv_compliance_get(out, 3, c, OPV_LEVEL_MUNICIPALITY,
		                                   OPV_COLUMN_PLACES_TOTAL, &err),
		                err, OPV_EINVAL, "the municipality level has 4 rows, not 3");
		ck_assert_fails(opv_compliance_shortfalls(order, &count, c, OPV_LEVEL_NATION, &err), err,
		                OPV_EINVAL, "need a task");
		ck_assert_fails(opv_compliance_get(out, 1, c, (opv_level)3, OPV_COLUMN_GAP, &err), err,
		                OPV_EINVAL, "unknown level 3");
	}
	opv_compliance_free(c);
	o.min_years = 1001;
	c = NULL;
	ck_assert_fails(opv_compliance_on(&c, reg, l, NULL, 0, &o, &err), err, OPV_EINVAL,
	                "min_years 1001 is outside 0..1000");
	o.min_years = 5;
	o.durability = (opv_durability)2;
	ck_assert_fails(opv_compliance_on(&c, reg, l, NULL, 0, &o, &err), err, OPV_EINVAL,
	                "unknown durability 2");
	o.durability = OPV_DURABLE_AGREED_PERIOD;
	o.existing_min_places = -1;
	ck_assert_fails(opv_compliance_on(&c, reg, l, NULL, 0, &o, &err), err, OPV_EINVAL,
	                "existing_min_places -1 is negative");
	o.existing_min_places = 0;
	o.version = 2;
	ck_assert_fails(opv_compliance_on(&c, reg, l, NULL, 0, &o, &err), err, OPV_EINVAL,
	                "version 2");
	ck_assert_ptr_null(c);
	opv_locations_free(l);
	opv_register_free(reg);
}
END_TEST

/* ---- tasks ------------------------------------------------------------------- */

static void refused(const opv_register *reg, const char *csv, int code, const char *needle)
{
	opv_tasks *t = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_fails(opv_tasks_parse_csv(&t, reg, csv, strlen(csv), "t.csv", &err), err, code,
	                needle);
	ck_assert_ptr_null(t);
}

START_TEST(tasks_files)
{
	opv_register *reg = reg4(), *embedded = NULL, *mapped = NULL;
	opv_tasks *t = tasks(reg, tasks_csv);
	int64_t task[4], amv[4];
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_tasks_source(t), OPV_TASK_FILE);
	ck_assert_str_eq(opv_task_source_name(opv_tasks_source(t)), "tasks-file");
	ck_assert_str_eq(opv_tasks_origin(t), "t.csv");
	ck_assert_int_eq(opv_tasks_values(task, amv, 4, t, &err), OPV_OK);
	ck_assert_int_eq(task[3], 100);
	ck_assert_int_eq(amv[3], 0);  /* an empty AMV cell is 0 */
	ck_assert_fails(opv_tasks_values(task, amv, 3, t, &err), err, OPV_EINVAL, "not 3");
	opv_tasks_free(t);

	/* Municipalities the table does not name have 0; a header alone names none. */
	t = tasks(reg, "code,task\nGM0002,7\n");
	ck_assert_int_eq(opv_tasks_values(task, amv, 4, t, &err), OPV_OK);
	ck_assert_int_eq(task[0], 0);
	ck_assert_int_eq(task[1], 7);
	ck_assert_int_eq(amv[1], 0);
	opv_tasks_free(t);
	t = tasks(reg, "code,task,task_amv\n");
	ck_assert_int_eq(opv_tasks_values(task, NULL, 4, t, &err), OPV_OK);
	ck_assert_int_eq(task[0] + task[1] + task[2] + task[3], 0);
	opv_tasks_free(t);
	/* A name, when given, must be the register's. */
	t = tasks(reg, "code,name,task\nGM0001,Alpha,3\n");
	opv_tasks_free(t);

	refused(reg, "code,task\nGM0001,1\nGM0009,2\n", OPV_ENOTFOUND,
	        "t.csv:3: column 'code': municipality code 'GM0009' is not in the register");
	refused(reg, "code,task\nGM0001,-1\n", OPV_ERANGE, "t.csv:2: column 'task': a task cannot be negative");
	refused(reg, "code,task\nGM0001,12.5\n", OPV_EPARSE, "t.csv:2: column 'task': '12.5'");
	refused(reg, "code,task\nGM0001,\n", OPV_EPARSE, "t.csv:2: column 'task'");
	refused(reg, "code,task,task_amv\nGM0003,40,41\n", OPV_EINVAL,
	        "t.csv:2: column 'task_amv': the AMV task 41 of GM0003 is more than its whole task 40");
	refused(reg, "code,task,task_amv\nGM0003,40,-2\n", OPV_ERANGE, "t.csv:2: column 'task_amv'");
	refused(reg, "code,task\nGM0001,1\nGM0002,2\nGM0001,3\n", OPV_EDUPLICATE,
	        "t.csv:4: GM0001 occurs twice (also on line 2)");
	refused(reg, "code,task\nGM0001,9007199254740992\n", OPV_ERANGE, "2^53 or more");
	/* Each task below 2^53, but their sum over a province not: refused when summed. */
	{
		static const char big[] = "code,task\nGM0001,9007199254740991\nGM0002,9007199254740991\n";
		opv_locations *l = locations(reg);
		opv_compliance *c = NULL;
		t = tasks(reg, big);
		ck_assert_fails(opv_compliance_on(&c, reg, l, t, 0, NULL, &err), err, OPV_ERANGE,
		                "the task of PV20 is 2^53 or more");
		ck_assert_ptr_null(c);
		opv_tasks_free(t);
		opv_locations_free(l);
	}
	refused(reg, "code,name,task\nGM0001,Beta,3\n", OPV_EINVAL,
	        "t.csv:2: column 'name': GM0001 is Alpha, not 'Beta'");
	refused(reg, "code,amount\nGM0001,3\n", OPV_EPARSE, "task");

	/* A former municipality: refused with its merger, or added to its successor. */
	ck_assert_int_eq(opv_register_default(&embedded, &err), OPV_OK);
	refused(embedded, "code,task\nGM0501,5\n", OPV_ENOTFOUND,
	        "t.csv:2: column 'code': municipality code GM0501 (Brielle) no longer exists: it "
	        "merged into GM1992");
	ck_assert_int_eq(opv_register_map_mergers(&mapped, embedded, &err), OPV_OK);
	{
		static const char merged[] =
			"code,name,task,task_amv\nGM0501,Brielle,5,1\nGM0530,Hellevoetsluis,7,0\n"
			"GM1992,Voorne aan Zee,11,2\n";
		int64_t all[342], all_amv[342];
		size_t voorne;
		t = tasks(mapped, merged);
		ck_assert_int_eq(opv_register_find(&voorne, mapped, "GM1992", &err), OPV_OK);
		ck_assert_int_eq(opv_tasks_values(all, all_amv, 342, t, &err), OPV_OK);
		ck_assert_int_eq(all[voorne], 23);
		ck_assert_int_eq(all_amv[voorne], 3);
		opv_tasks_free(t);
		refused(mapped, "code,task\nGM0501,5\nGM0501,5\n", OPV_EDUPLICATE, "GM0501 occurs twice");
	}
	opv_register_free(mapped);
	opv_register_free(embedded);
	opv_register_free(reg);
}
END_TEST

START_TEST(tasks_from_the_key_say_what_they_rest_on)
{
	static const char scored_csv[] =
		"code,name,province_code,province,population,ses\n"
		"GM0001,Alpha,PV20,Noord,1000,0.5\n"
		"GM0002,Beta,PV20,Noord,1000,0.5\n"
		"GM0003,Gamma,PV21,Zuid,1000,-0.5\n"
		"GM0004,Delta,PV21,Zuid,1000,-0.5\n";
	opv_register *reg = reg4(), *scored = NULL, *embedded = NULL;
	opv_tasks *t = NULL;
	int64_t task[4], amv[4];
	opv_error err = OPV_ERROR_INIT;
	/* By population: 25 each; AMV round_half_up(25 * 10 / 100 = 2.5) = 3. */
	ck_assert_int_eq(opv_tasks_from_key(&t, reg, NULL, 100, 10, &err), OPV_OK);
	ck_assert_int_eq(opv_tasks_source(t), OPV_TASK_KEY_POPULATION);
	ck_assert_str_eq(opv_tasks_origin(t),
	                 "indicative key: 100 places (10 AMV) by population alone, population of "
	                 "unknown date");
	ck_assert_int_eq(opv_tasks_values(task, amv, 4, t, &err), OPV_OK);
	ck_assert_int_eq(task[0], 25);
	ck_assert_int_eq(amv[0], 3);
	opv_tasks_free(t);
	/* With SES: weights 1500, 1500, 500, 500; quotas 37.5, 37.5, 12.5, 12.5;
	 * the two places by remainder go to the first two of the tie: 38, 38, 12,
	 * 12; AMV round_half_up(3.8) = 4 and round_half_up(1.2) = 1. */
	ck_assert_int_eq(opv_register_parse_csv(&scored, scored_csv, strlen(scored_csv), "s.csv", &err),
	                 OPV_OK);
	ck_assert_int_eq(opv_tasks_from_key(&t, scored, NULL, 100, 10, &err), OPV_OK);
	ck_assert_int_eq(opv_tasks_source(t), OPV_TASK_KEY_SES);
	ck_assert_str_eq(opv_task_source_name(OPV_TASK_KEY_SES), "key-ses");
	ck_assert_int_eq(opv_tasks_values(task, amv, 4, t, &err), OPV_OK);
	ck_assert_int_eq(task[0], 38);
	ck_assert_int_eq(task[1], 38);
	ck_assert_int_eq(task[2], 12);
	ck_assert_int_eq(task[3], 12);
	ck_assert_int_eq(amv[0], 4);
	ck_assert_int_eq(amv[2], 1);
	opv_tasks_free(t);
	ck_assert_int_eq(opv_register_embedded(&embedded, "2023-01-01", &err), OPV_OK);
	ck_assert_int_eq(opv_tasks_from_key(&t, embedded, NULL, 96000, 8140, &err), OPV_OK);
	ck_assert_str_eq(opv_tasks_origin(t), "indicative key: 96000 places (8140 AMV) by population "
	                                      "alone, population of 2023-01-01");
	opv_tasks_free(t);
	t = NULL;
	ck_assert_fails(opv_tasks_from_key(&t, reg, NULL, 10, 11, &err), err, OPV_ERANGE, "");
	ck_assert_ptr_null(t);
	opv_register_free(embedded);
	opv_register_free(scored);
	opv_register_free(reg);
}
END_TEST

START_TEST(tasks_from_arrays)
{
	opv_register *reg = reg4();
	opv_tasks *t = NULL;
	static const int64_t task[] = { 5, 6, 7, 8 }, amv[] = { 1, 0, 0, 9 }, negative[] = { 1, -1, 0, 0 };
	opv_error err = OPV_ERROR_INIT;
	int64_t got[4];
	ck_assert_int_eq(opv_tasks_new(&t, reg, task, NULL, OPV_TASK_FILE, "a decision", &err), OPV_OK);
	ck_assert_str_eq(opv_tasks_origin(t), "a decision");
	ck_assert_int_eq(opv_tasks_values(NULL, got, 4, t, &err), OPV_OK);
	ck_assert_int_eq(got[3], 0);
	opv_tasks_free(t);
	t = NULL;
	ck_assert_fails(opv_tasks_new(&t, reg, task, amv, OPV_TASK_FILE, NULL, &err), err, OPV_EINVAL,
	                "the AMV task 9 of GM0004 is more than its whole task 8");
	ck_assert_fails(opv_tasks_new(&t, reg, negative, NULL, OPV_TASK_FILE, NULL, &err), err,
	                OPV_ERANGE, "the task -1 of GM0002");
	ck_assert_fails(opv_tasks_new(&t, reg, task, NULL, (opv_task_source)3, NULL, &err), err,
	                OPV_EINVAL, "unknown task source 3");
	ck_assert_ptr_null(t);
	opv_register_free(reg);
}
END_TEST

START_TEST(tasks_for_another_register)
{
	opv_register *reg = reg4(), *embedded = NULL;
	opv_locations *l = locations(reg);
	opv_tasks *t = NULL;
	opv_compliance *c = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_register_default(&embedded, &err), OPV_OK);
	ck_assert_int_eq(opv_tasks_from_key(&t, embedded, NULL, 100, 0, &err), OPV_OK);
	ck_assert_fails(opv_compliance_on(&c, reg, l, t, 0, NULL, &err), err, OPV_EINVAL,
	                "the tasks were made for a register of 342 municipalities, not this one of 4");
	ck_assert_fails(opv_compliance_on(&c, embedded, l, NULL, 0, NULL, &err), err, OPV_EINVAL,
	                "register of 4 municipalities, not this one of 342");
	opv_tasks_free(t);
	t = NULL;
	/* The same size is not enough: the municipalities must be the same. */
	{
		static const char other_csv[] =
			"code,name,province_code,province,population\n"
			"GM0005,E,PV20,Noord,1000\nGM0006,F,PV20,Noord,1000\n"
			"GM0007,G,PV21,Zuid,1000\nGM0008,H,PV21,Zuid,1000\n";
		opv_register *other = NULL;
		ck_assert_int_eq(opv_register_parse_csv(&other, other_csv, strlen(other_csv), "o.csv",
		                                        &err), OPV_OK);
		ck_assert_int_eq(opv_tasks_from_key(&t, other, NULL, 100, 0, &err), OPV_OK);
		ck_assert_fails(opv_compliance_on(&c, reg, l, t, 0, NULL, &err), err, OPV_EINVAL,
		                "the tasks were made for a register with other municipalities");
		opv_register_free(other);
	}
	ck_assert_ptr_null(c);
	opv_tasks_free(t);
	opv_locations_free(l);
	opv_register_free(embedded);
	opv_register_free(reg);
}
END_TEST

/* ---- series of days ----------------------------------------------------------- */

START_TEST(series_of_days)
{
	opv_day days[8];
	size_t count = 99;
	opv_error err = OPV_ERROR_INIT;
	/* Weeks from 1 June 2026 up to 29 June: 1, 8, 15, 22, 29. */
	ck_assert_int_eq(opv_date_series(days, 8, &count, day("2026-06-01"), day("2026-06-29"),
	                                 OPV_EVERY_WEEK, &err), OPV_OK);
	ck_assert_uint_eq(count, 5);
	ck_assert_int_eq(days[4], day("2026-06-29"));
	/* Months: the 1sts on or after 15 January up to 1 April: Feb, Mar, Apr. */
	ck_assert_int_eq(opv_date_series(days, 8, &count, day("2026-01-15"), day("2026-04-01"),
	                                 OPV_EVERY_MONTH, &err), OPV_OK);
	ck_assert_uint_eq(count, 3);
	ck_assert_int_eq(days[0], day("2026-02-01"));
	ck_assert_int_eq(days[2], day("2026-04-01"));
	/* Over a year end, counted only. */
	ck_assert_int_eq(opv_date_series(NULL, 0, &count, day("2025-12-01"), day("2026-01-31"),
	                                 OPV_EVERY_MONTH, &err), OPV_OK);
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(opv_date_series(days, 8, &count, day("2026-01-02"), day("2026-01-31"),
	                                 OPV_EVERY_MONTH, &err), OPV_OK);
	ck_assert_uint_eq(count, 0);
	ck_assert_fails(opv_date_series(days, 8, &count, day("2026-02-01"), day("2026-01-01"),
	                                OPV_EVERY_WEEK, &err), err, OPV_EINVAL,
	                "the series ends on 2026-01-01, before it starts on 2026-02-01");
	/* Every month of the calendar is fewer than 100,000 (97,200); beyond it a step could wrap. */
	ck_assert_int_eq(opv_date_series(NULL, 0, &count, day("1900-01-01"), day("9999-12-01"),
	                                 OPV_EVERY_MONTH, &err), OPV_OK);
	ck_assert_uint_eq(count, 97200);
	ck_assert_fails(opv_date_series(NULL, 0, &count, INT32_MAX - 40, INT32_MAX, OPV_EVERY_MONTH,
	                                &err), err, OPV_ERANGE, "from 1900-01-01 to 9999-12-31");
	ck_assert_fails(opv_date_series(days, 8, &count, day("1900-01-01"), day("9999-12-31"),
	                                OPV_EVERY_WEEK, &err), err, OPV_ERANGE, "more than 100000 weeks");
	ck_assert_str_eq(opv_every_name(OPV_EVERY_MONTH), "month");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("compliance");
	TCase *counting = tcase_create("counting");
	TCase *task = tcase_create("tasks");
	tcase_add_test(counting, each_location_by_the_rules);
	tcase_add_test(counting, municipalities_provinces_and_the_nation);
	tcase_add_test(counting, the_alternative_readings);
	tcase_add_test(counting, series_of_days);
	tcase_add_test(task, tasks_files);
	tcase_add_test(task, tasks_from_the_key_say_what_they_rest_on);
	tcase_add_test(task, tasks_from_arrays);
	tcase_add_test(task, tasks_for_another_register);
	suite_add_tcase(s, counting);
	suite_add_tcase(s, task);
	return run_suite(s);
}
