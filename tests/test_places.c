/* SPDX-License-Identifier: EUPL-1.2 */
/* Places per municipality and capacity over time; every expectation by hand. */
#include <stdio.h>

#include "testutil.h"

static const char reg_csv[] =
	"code,name,province_code,province,population\n"
	"GM0001,Alpha,PV20,North,1000\n"
	"GM0002,Beta,PV20,North,1000\n"
	"GM0003,Gamma,PV21,South,1000\n";

static opv_register *reg3(void)
{
	opv_register *reg = NULL;
	ck_assert_int_eq(opv_register_parse_csv(&reg, reg_csv, strlen(reg_csv), "r.csv", NULL), OPV_OK);
	return reg;
}

static opv_day day(const char *text)
{
	opv_day d;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_date_parse(&d, text, &err) == OPV_OK, "%s", err.message);
	return d;
}

#define HEADER "id,code,name,type,agreed_capacity,capacity,opens,closes\n"

static opv_locations *parse(const opv_register *reg, const char *rows)
{
	char text[4096];
	opv_locations *l = NULL;
	opv_error err = OPV_ERROR_INIT;
	snprintf(text, sizeof text, HEADER "%s", rows);
	ck_assert_msg(opv_locations_parse_csv(&l, reg, text, strlen(text), "loc.csv", &err) == OPV_OK,
	              "%s", err.message);
	return l;
}

START_TEST(dates)
{
	char text[OPV_DATE_TEXT_SIZE];
	opv_day d;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(day("1970-01-01"), 0);
	ck_assert_int_eq(day("2000-03-01") - day("2000-02-28"), 2); /* 2000 is a leap year */
	ck_assert_int_eq(day("1900-03-01") - day("1900-02-28"), 1); /* 1900 is not */
	ck_assert_int_eq(day("2026-07-01") - day("2026-03-30"), 93);
	ck_assert_int_eq(opv_date_format(text, sizeof text, day("2024-02-29"), &err), OPV_OK);
	ck_assert_str_eq(text, "2024-02-29");
	ck_assert_int_eq(opv_date_add_years(day("2024-01-01"), 5), day("2029-01-01"));
	ck_assert_int_eq(opv_date_add_years(day("2024-02-29"), 5), day("2029-03-01"));
	ck_assert_int_eq(opv_date_add_years(day("2024-02-29"), 4), day("2028-02-29"));
	d = 12345;
	ck_assert_fails(opv_date_parse(&d, "2026-02-30", &err), err, OPV_EPARSE, "'2026-02-30' is not a day");
	ck_assert_fails(opv_date_parse(&d, "2025-02-29", &err), err, OPV_EPARSE, "not a day");
	ck_assert_fails(opv_date_parse(&d, "2026-13-01", &err), err, OPV_EPARSE, "not a day");
	ck_assert_fails(opv_date_parse(&d, "2026-3-30", &err), err, OPV_EPARSE, "not a date like");
	ck_assert_fails(opv_date_parse(&d, "30-03-2026", &err), err, OPV_EPARSE, "not a date like");
	ck_assert_fails(opv_date_parse(&d, "2026-03-30T00", &err), err, OPV_EPARSE, "not a date like");
	/* A real day before the range: the range is named, not "not a day". */
	ck_assert_fails(opv_date_parse(&d, "1899-12-31", &err), err, OPV_ERANGE,
	                "'1899-12-31' is before 1900-01-01: dates run from 1900-01-01 to 9999-12-31");
	ck_assert_fails(opv_date_parse(&d, "0001-01-01", &err), err, OPV_ERANGE, "before 1900-01-01");
	ck_assert_fails(opv_date_parse(&d, "10000-01-01", &err), err, OPV_EPARSE,
	                "not a date like 2026-03-30 (from 1900-01-01 to 9999-12-31)");
	ck_assert_int_eq(d, 12345);
}
END_TEST

START_TEST(opening_day_counts_closing_day_does_not)
{
	opv_register *reg = reg3();
	opv_locations *l = parse(reg, "A,GM0001,a,nood,100,100,2026-03-01,2026-07-01\n");
	const opv_location *loc = opv_locations_at(l, 0);
	ck_assert(!opv_location_is_open(loc, day("2026-02-28")));
	ck_assert(opv_location_is_open(loc, day("2026-03-01")));
	ck_assert(opv_location_is_open(loc, day("2026-06-30")));
	ck_assert(!opv_location_is_open(loc, day("2026-07-01")));
	opv_locations_free(l);
	opv_register_free(reg);
}
END_TEST

START_TEST(five_years_count_one_day_less_does_not)
{
	opv_register *reg = reg3();
	opv_locations *l = parse(reg,
		"A,GM0001,a,azc,1,1,2024-01-01,2029-01-01\n"    /* exactly five years */
		"B,GM0001,b,azc,1,1,2024-01-01,2028-12-31\n"    /* one day less */
		"C,GM0001,c,amv,1,1,2024-02-29,2029-03-01\n"    /* leap day + 5 years = 1 March */
		"D,GM0001,d,amv,1,1,2024-02-29,2029-02-28\n"
		"E,GM0001,e,azc,1,1,2024-01-01,\n"              /* open-ended */
		"F,GM0001,f,nood,1,1,2020-01-01,\n"             /* types that never count */
		"G,GM0001,g,spoednood,1,1,2020-01-01,\n"
		"H,GM0001,h,crisis,1,1,2020-01-01,\n"
		"I,GM0001,i,hotel,1,1,2020-01-01,2040-01-01\n"
		"J,GM0001,j,doorstroom,1,1,2020-01-01,\n");
	static const int want[] = { 1, 0, 1, 0, 1, 0, 0, 0, 0, 0 };
	size_t i;
	for (i = 0; i < 10; i++)
		ck_assert_msg(opv_location_counts(opv_locations_at(l, i), 5) == want[i], "location %zu", i);
	/* With min_years 0 every azc/amv counts; with 10 only the open-ended one. */
	ck_assert(opv_location_counts(opv_locations_at(l, 1), 0));
	ck_assert(!opv_location_counts(opv_locations_at(l, 0), 10));
	ck_assert(opv_location_counts(opv_locations_at(l, 4), 10));
	opv_locations_free(l);
	opv_register_free(reg);
}
END_TEST

/* On 2026-03-30: Alpha has an azc of 300 (agreed 250, so 250 count), an amv
 * of 40 that closes too soon to count, and a hotel of 100; Beta an azc of 500
 * (agreed 520); Gamma only a nood of 200 (agreed 150) and an azc that opens
 * later. */
static const char town[] =
	"A1,GM0001,a1,azc,250,300,2020-01-01,\n"
	"A2,GM0001,a2,amv,40,40,2025-01-01,2027-01-01\n"
	"A3,GM0001,a3,hotel,100,100,2025-06-01,2026-07-01\n"
	"B1,GM0002,b1,azc,520,500,2021-01-01,2031-01-01\n"
	"C1,GM0003,c1,nood,150,200,2026-01-01,2026-07-01\n"
	"C2,GM0003,c2,azc,400,400,2026-05-01,\n";

START_TEST(places_on_a_date_against_a_task)
{
	opv_register *reg = reg3();
	opv_locations *l = parse(reg, town);
	int64_t total[3], above[3], counting[3], gap[3];
	const int64_t task[] = { 300, 600, 150 };
	opv_places_columns out = { OPV_PLACES_COLUMNS_VERSION, total, above, counting, gap };
	opv_places_options o = OPV_PLACES_OPTIONS_INIT;
	size_t order[3], short_count;
	int64_t by_province[2];
	o.date = day("2026-03-30");
	ck_assert_int_eq(opv_places_on(&out, reg, l, task, &o, NULL), OPV_OK);
	ck_assert_int_eq(total[0], 440);
	ck_assert_int_eq(total[1], 500);
	ck_assert_int_eq(total[2], 200);
	ck_assert_int_eq(above[0], 50);  /* 300 - 250; the others at their agreement */
	ck_assert_int_eq(above[1], 0);   /* below its agreement: nothing above */
	ck_assert_int_eq(above[2], 50);
	ck_assert_int_eq(counting[0], 250);  /* the agreement, not the 300 in use */
	ck_assert_int_eq(counting[1], 500);  /* below its agreement: what is there */
	ck_assert_int_eq(counting[2], 0);
	ck_assert_int_eq(gap[0], 50);
	ck_assert_int_eq(gap[1], 100);
	ck_assert_int_eq(gap[2], 150);
	ck_assert_int_eq(opv_places_shortfalls(order, &short_count, gap, 3, NULL), OPV_OK);
	ck_assert_uint_eq(short_count, 3);
	ck_assert_uint_eq(order[0], 2); /* Gamma, 150 short */
	ck_assert_uint_eq(order[1], 1); /* Beta, 100 short */
	ck_assert_uint_eq(order[2], 0); /* Alpha, 50 short */
	ck_assert_int_eq(opv_register_sum_by_province(by_province, reg, counting, NULL), OPV_OK);
	ck_assert_int_eq(by_province[0], 750);
	ck_assert_int_eq(by_province[1], 0);
	ck_assert_int_eq(opv_register_sum_by_province(by_province, reg, task, NULL), OPV_OK);
	ck_assert_int_eq(by_province[0], 900);

	/* On 1 July the hotel and the nood have closed and Gamma's azc is open. */
	o.date = day("2026-07-01");
	ck_assert_int_eq(opv_places_on(&out, reg, l, task, &o, NULL), OPV_OK);
	ck_assert_int_eq(total[0], 340);
	ck_assert_int_eq(total[2], 400);
	ck_assert_int_eq(gap[2], -250);
	opv_locations_free(l);
	opv_register_free(reg);
}
END_TEST

START_TEST(capacity_week_by_week)
{
	opv_register *reg = reg3();
	opv_locations *l = parse(reg, town);
	int64_t by_type[4 * OPV_LOCATION_TYPE_COUNT], by_province[4 * 2];
	opv_capacity_change changes[8];
	size_t count;
	/* Mondays 2026-06-22, 06-29, 07-06, 07-13: the hotel and nood close on
	 * Wednesday 1 July, so the third week has lost them. */
	ck_assert_int_eq(opv_capacity_timeline(by_type, 4, OPV_LOCATION_TYPE_COUNT, reg, l,
	                                       day("2026-06-22"), OPV_BY_TYPE, NULL), OPV_OK);
	ck_assert_int_eq(by_type[0 * 7 + OPV_LOCATION_AZC], 300 + 500 + 400);
	ck_assert_int_eq(by_type[1 * 7 + OPV_LOCATION_HOTEL], 100);
	ck_assert_int_eq(by_type[2 * 7 + OPV_LOCATION_HOTEL], 0);
	ck_assert_int_eq(by_type[1 * 7 + OPV_LOCATION_NOOD], 200);
	ck_assert_int_eq(by_type[2 * 7 + OPV_LOCATION_NOOD], 0);
	ck_assert_int_eq(by_type[3 * 7 + OPV_LOCATION_AMV], 40);
	ck_assert_int_eq(opv_capacity_timeline(by_province, 4, 2, reg, l, day("2026-06-22"),
	                                       OPV_BY_PROVINCE, NULL), OPV_OK);
	ck_assert_int_eq(by_province[0], 300 + 40 + 100 + 500);
	ck_assert_int_eq(by_province[1], 200 + 400);
	ck_assert_int_eq(by_province[2 * 2 + 1], 400);
	/* Between 1 May and 1 July: C2 opens (+400), then A3 and C1 close. */
	ck_assert_int_eq(opv_capacity_changes(changes, 8, &count, l, day("2026-05-01"), day("2026-07-01"),
	                                      NULL), OPV_OK);
	ck_assert_uint_eq(count, 3);
	ck_assert_int_eq(changes[0].date, day("2026-05-01"));
	ck_assert_int_eq(changes[0].delta, 400);
	ck_assert_uint_eq(changes[1].location, 2);
	ck_assert_int_eq(changes[1].delta, -100);
	ck_assert_int_eq(changes[2].delta, -200);
	ck_assert_int_eq(opv_capacity_changes(NULL, 0, &count, l, day("2000-01-01"), day("2100-01-01"),
	                                      NULL), OPV_OK);
	ck_assert_uint_eq(count, 6 + 4); /* six openings, four closings */
	opv_locations_free(l);
	opv_register_free(reg);
}
END_TEST

#define BAD(rows, code, needle)                                                               \
	do {                                                                                     \
		const char *text_ = HEADER rows;                                                     \
		opv_locations *l_ = (opv_locations *)0x1;                                            \
		opv_error err_ = OPV_ERROR_INIT;                                                     \
		ck_assert_fails(opv_locations_parse_csv(&l_, reg, text_, strlen(text_), "loc.csv",   \
		                                        &err_), err_, code, needle);                 \
		ck_assert_ptr_eq(l_, (opv_locations *)0x1);                                          \
	} while (0)

START_TEST(location_errors_name_the_row)
{
	opv_register *reg = reg3();
	opv_places_columns out = OPV_PLACES_COLUMNS_INIT;
	opv_places_options o = OPV_PLACES_OPTIONS_INIT;
	opv_locations *l;
	opv_error err = OPV_ERROR_INIT;
	int64_t gap[3];
	BAD("A,GM0001,a,azc,1,1,2026-01-01,\nB,GM0009,b,azc,1,1,2026-01-01,\n", OPV_ENOTFOUND,
	    "loc.csv:3: column 'code': municipality code 'GM0009' is not in the register");
	BAD("A,GM0001,a,tent,1,1,2026-01-01,\n", OPV_ENOTFOUND,
	    "loc.csv:2: column 'type': 'tent' is not a location type");
	BAD("A,GM0001,a,azc,1,1,1899-06-01,\n", OPV_ERANGE,
	    "loc.csv:2: column 'opens': '1899-06-01' is before 1900-01-01: dates run from 1900-01-01");
	BAD("A,GM0001,a,azc,1,1,2026-02-30,\n", OPV_EPARSE,
	    "loc.csv:2: column 'opens': '2026-02-30' is not a date");
	BAD("A,GM0001,a,azc,1,1,2026-03-01,2026-03-01\n", OPV_EINVAL,
	    "loc.csv:2: column 'closes': closes on or before the day it opens");
	BAD("A,GM0001,a,azc,1,1,2026-03-01,2026-02-01\n", OPV_EINVAL, "closes on or before");
	BAD("A,GM0001,a,azc,-1,1,2026-03-01,\n", OPV_ERANGE,
	    "loc.csv:2: column 'agreed_capacity': capacity cannot be negative");
	BAD("A,GM0001,a,azc,1,x,2026-03-01,\n", OPV_EPARSE, "column 'capacity': 'x' is not a whole number");
	BAD("A,GM0001,a,azc,1,1,2026-03-01,\nB,GM0001,b,azc,1,1,2026-03-01,\nA,GM0002,c,azc,1,1,2026-03-01,\n",
	    OPV_EDUPLICATE, "loc.csv:4: location id 'A' occurs twice (also on line 2)");
	BAD(",GM0001,a,azc,1,1,2026-03-01,\n", OPV_EPARSE, "id is empty");
	{
		const char *text = "id,code,name,type,capacity,opens,closes\nA,GM0001,a,azc,1,2026-01-01,\n";
		l = (opv_locations *)0x1;
		ck_assert_fails(opv_locations_parse_csv(&l, reg, text, strlen(text), "loc.csv", &err), err,
		                OPV_EPARSE, "missing column 'agreed_capacity'");
	}
	/* A gap needs a task; options are checked. */
	l = parse(reg, "A,GM0001,a,azc,1,1,2026-03-01,\n");
	out.gap = gap;
	ck_assert_fails(opv_places_on(&out, reg, l, NULL, &o, &err), err, OPV_EINVAL, "needs a task");
	out.gap = NULL;
	o.min_years = -1;
	ck_assert_fails(opv_places_on(&out, reg, l, NULL, &o, &err), err, OPV_EINVAL, "min_years -1");
	opv_locations_free(l);
	/* A header alone: no locations, so no municipality has places. */
	{
		int64_t total[3] = { -1, -1, -1 };
		opv_places_columns places = OPV_PLACES_COLUMNS_INIT;
		o.min_years = 5;
		places.total = total;
		l = parse(reg, "");
		ck_assert_int_eq(opv_locations_count(l), 0);
		ck_assert_msg(opv_places_on(&places, reg, l, NULL, &o, &err) == OPV_OK, "%s", err.message);
		ck_assert_int_eq(total[0] + total[1] + total[2], 0);
		ck_assert_int_eq(total[0], 0);
		opv_locations_free(l);
	}
	opv_register_free(reg);
}
END_TEST

/* A small generator for the differential test: xorshift64. */
static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

START_TEST(the_capacity_timeline_equals_the_day_by_day_count)
{
	/* The timeline adds a location where it opens and takes it off where it
	 * closes; the reference asks of every location, every week, whether it is
	 * open.  Random locations, opening and closing on any weekday, before,
	 * inside and after the weeks looked at. */
	static const char *const types[] = { "azc", "amv", "nood", "hotel", "doorstroom" };
	opv_register *reg = reg3();
	opv_day start = day("2026-01-05"), base = day("2025-11-01");
	uint64_t state = 0x2545F4914F6CDD1DULL;
	int round;
	for (round = 0; round < 40; round++) {
		enum { ROWS = 60 };
		char *text = malloc(ROWS * 96 + 128), *p = text;
		size_t nweeks = 1 + next_random(&state) % 30, i, k, col, ncols = OPV_LOCATION_TYPE_COUNT;
		int64_t *fast = calloc(nweeks * ncols, sizeof *fast), *slow = calloc(nweeks * ncols, sizeof *slow);
		opv_locations *l = NULL;
		opv_error err = OPV_ERROR_INIT;
		p += sprintf(p, HEADER);
		for (i = 0; i < ROWS; i++) {
			char opens[OPV_DATE_TEXT_SIZE], closes[OPV_DATE_TEXT_SIZE] = "";
			opv_day o = (opv_day)(base + (int)(next_random(&state) % 300));
			opv_date_format(opens, sizeof opens, o, NULL);
			if (next_random(&state) % 4)
				opv_date_format(closes, sizeof closes,
				                (opv_day)(o + 1 + (int)(next_random(&state) % 200)), NULL);
			p += sprintf(p, "L%zu,GM000%d,x,%s,5,%d,%s,%s\n", i, 1 + (int)(next_random(&state) % 3),
			             types[next_random(&state) % 5], 1 + (int)(next_random(&state) % 100), opens,
			             closes);
		}
		ck_assert_msg(opv_locations_parse_csv(&l, reg, text, strlen(text), "r.csv", &err) == OPV_OK,
		              "%s", err.message);
		ck_assert_msg(opv_capacity_timeline(fast, nweeks, ncols, reg, l, start, OPV_BY_TYPE, &err) ==
		              OPV_OK, "%s", err.message);
		for (i = 0; i < opv_locations_count(l); i++) {
			const opv_location *loc = opv_locations_at(l, i);
			for (k = 0; k < nweeks; k++)
				if (opv_location_is_open(loc, (opv_day)(start + 7 * (int)k)))
					slow[k * ncols + (size_t)loc->type] += loc->capacity;
		}
		for (k = 0; k < nweeks; k++)
			for (col = 0; col < ncols; col++)
				ck_assert_msg(fast[k * ncols + col] == slow[k * ncols + col],
				              "round %d, week %zu, type %zu: %lld, the day-by-day count %lld", round,
				              k, col, (long long)fast[k * ncols + col],
				              (long long)slow[k * ncols + col]);
		opv_locations_free(l);
		free(fast);
		free(slow);
		free(text);
	}
	opv_register_free(reg);
}
END_TEST

START_TEST(the_synthetic_example_file_loads)
{
	/* examples/data/synthetic_locations.csv: 40 locations, 7 close on 1 July 2026. */
	opv_register *reg = NULL;
	opv_locations *l = NULL;
	opv_error err = OPV_ERROR_INIT;
	size_t i, closing = 0;
	int seen[OPV_LOCATION_TYPE_COUNT] = { 0 };
	ck_assert_int_eq(opv_register_default(&reg, NULL), OPV_OK);
	ck_assert_msg(opv_locations_load_csv(&l, reg, OPV_TEST_DIR "/../examples/data/synthetic_locations.csv",
	                                     &err) == OPV_OK, "%s", err.message);
	ck_assert_uint_eq(opv_locations_count(l), 40);
	for (i = 0; i < 40; i++) {
		const opv_location *loc = opv_locations_at(l, i);
		seen[loc->type] = 1;
		closing += !loc->open_ended && loc->closes == day("2026-07-01");
	}
	for (i = 0; i < OPV_LOCATION_TYPE_COUNT; i++)
		ck_assert_msg(seen[i], "type %s missing", opv_location_type_name((opv_location_type)i));
	ck_assert_uint_eq(closing, 7);
	opv_locations_free(l);
	opv_register_free(reg);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("places");
	TCase *tc = tcase_create("places");
	tcase_add_test(tc, dates);
	tcase_add_test(tc, opening_day_counts_closing_day_does_not);
	tcase_add_test(tc, five_years_count_one_day_less_does_not);
	tcase_add_test(tc, places_on_a_date_against_a_task);
	tcase_add_test(tc, capacity_week_by_week);
	tcase_add_test(tc, location_errors_name_the_row);
	tcase_add_test(tc, the_synthetic_example_file_loads);
	tcase_add_test(tc, the_capacity_timeline_equals_the_day_by_day_count);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
