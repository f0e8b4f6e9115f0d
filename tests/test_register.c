/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The municipality register.  Figures for the embedded default come from
 * CBS (see data/README.md): 342 municipalities, 17,942,942 inhabitants on
 * 1 January 2024, and the number of municipalities per province.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#ifndef OPV_TEST_DATA_DIR
#error "OPV_TEST_DATA_DIR must name the project's data directory"
#endif

static opv_register *load_default(void)
{
	opv_register *reg = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_register_default(&reg, &err), OPV_OK);
	ck_assert_ptr_nonnull(reg);
	return reg;
}

static const opv_municipality *find(const opv_register *reg, const char *code)
{
	size_t i;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_register_find(&i, reg, code, &err) == OPV_OK, "%s", err.message);
	return opv_register_at(reg, i);
}

START_TEST(default_register_totals)
{
	opv_register *reg = load_default();
	ck_assert_uint_eq(opv_register_count(reg), 342);
	ck_assert_int_eq(opv_register_population(reg), 17942942);
	ck_assert_str_eq(opv_register_reference_date(reg), "2024-01-01");
	ck_assert_ptr_nonnull(strstr(opv_register_source(reg), "85984NED"));
	ck_assert_int_eq(opv_register_has_ses(reg), 0);
	ck_assert_ptr_null(opv_register_at(reg, 342));
	opv_register_free(reg);
}
END_TEST

START_TEST(default_register_known_municipalities)
{
	opv_register *reg = load_default();
	const opv_municipality *m = find(reg, "GM0363");
	ck_assert_str_eq(m->name, "Amsterdam");
	ck_assert_int_eq(m->population, 931298);
	ck_assert_str_eq(m->province_code, "PV27");
	ck_assert_str_eq(m->province, "Noord-Holland");
	m = find(reg, "GM0088");
	ck_assert_str_eq(m->name, "Schiermonnikoog");
	ck_assert_int_eq(m->population, 972);
	m = find(reg, "GM0820");
	ck_assert_str_eq(m->name, "Nuenen, Gerwen en Nederwetten");
	m = find(reg, "GM0080");
	ck_assert_str_eq(m->province, "Frysl\xC3\xA2n");
	opv_register_free(reg);
}
END_TEST

START_TEST(default_register_smallest_and_largest)
{
	opv_register *reg = load_default();
	size_t i, small = 0, large = 0;
	for (i = 1; i < opv_register_count(reg); i++) {
		if (opv_register_at(reg, i)->population < opv_register_at(reg, small)->population)
			small = i;
		if (opv_register_at(reg, i)->population > opv_register_at(reg, large)->population)
			large = i;
	}
	ck_assert_str_eq(opv_register_at(reg, small)->name, "Schiermonnikoog");
	ck_assert_str_eq(opv_register_at(reg, large)->name, "Amsterdam");
	opv_register_free(reg);
}
END_TEST

START_TEST(default_register_provinces)
{
	/* CBS: municipalities per province on 1 January 2024. */
	static const struct { const char *code; size_t count; } want[] = {
		{ "PV20", 10 }, { "PV21", 18 }, { "PV22", 12 }, { "PV23", 25 },
		{ "PV24", 6 },  { "PV25", 51 }, { "PV26", 26 }, { "PV27", 44 },
		{ "PV28", 50 }, { "PV29", 13 }, { "PV30", 56 }, { "PV31", 31 },
	};
	opv_register *reg = load_default();
	size_t i, j, total = 0;
	int64_t population = 0;
	ck_assert_uint_eq(opv_register_province_count(reg), 12);
	for (i = 0; i < 12; i++) {
		const opv_province *p = NULL;
		for (j = 0; j < 12; j++)
			if (strcmp(opv_register_province_at(reg, j)->code, want[i].code) == 0)
				p = opv_register_province_at(reg, j);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq(p->municipalities, want[i].count);
		total += p->municipalities;
		population += p->population;
	}
	ck_assert_uint_eq(total, 342);
	ck_assert_int_eq(population, 17942942);
	/* Every municipality points at its own province. */
	for (i = 0; i < opv_register_count(reg); i++) {
		const opv_province *p = opv_register_province_at(reg, opv_register_province_of(reg, i));
		ck_assert_str_eq(p->code, opv_register_at(reg, i)->province_code);
	}
	ck_assert_uint_eq(opv_register_province_of(reg, 342), (size_t)-1);
	opv_register_free(reg);
}
END_TEST

START_TEST(cbs_file_loads_equal_to_embedded)
{
	opv_register *csv = NULL, *embedded = load_default();
	opv_error err = OPV_ERROR_INIT;
	size_t i;
	ck_assert_int_eq(opv_register_load_csv(&csv, OPV_TEST_DATA_DIR "/gemeenten_2024.csv", &err),
	                 OPV_OK);
	ck_assert_uint_eq(opv_register_count(csv), opv_register_count(embedded));
	for (i = 0; i < opv_register_count(csv); i++) {
		const opv_municipality *a = opv_register_at(csv, i), *b = opv_register_at(embedded, i);
		ck_assert_str_eq(a->code, b->code);
		ck_assert_str_eq(a->name, b->name);
		ck_assert_str_eq(a->province_code, b->province_code);
		ck_assert_str_eq(a->province, b->province);
		ck_assert_int_eq(a->population, b->population);
	}
	ck_assert_str_eq(opv_register_reference_date(csv), "");
	ck_assert_ptr_nonnull(strstr(opv_register_source(csv), "gemeenten_2024.csv"));
	opv_register_free(csv);
	opv_register_free(embedded);
}
END_TEST

static opv_register *parse_ok(const char *text)
{
	opv_register *reg = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_msg(opv_register_parse_csv(&reg, text, strlen(text), "t.csv", &err) == OPV_OK,
	              "%s", err.message);
	return reg;
}

START_TEST(english_header_quotes_utf8_crlf_bom)
{
	const char *text =
		"\xEF\xBB\xBF" "population,code,name,province,province_code,ses,extra\r\n"
		"23000,GM0820,\"Nuenen, Gerwen en Nederwetten\",Noord-Brabant,PV30,0.25,x\r\n"
		"1000,GM0080,Harlingen,\"Frysl\xC3\xA2n\",PV21,-0.5,\"a \"\"quoted\"\" cell\"\r\n"
		"10,GM0001,Test,\"Frysl\xC3\xA2n\",PV21,,\r\n";
	opv_register *reg = parse_ok(text);
	const opv_municipality *m = opv_register_at(reg, 0);
	ck_assert_uint_eq(opv_register_count(reg), 3);
	ck_assert_str_eq(m->code, "GM0820");
	ck_assert_str_eq(m->name, "Nuenen, Gerwen en Nederwetten");
	ck_assert_str_eq(m->province, "Noord-Brabant");
	ck_assert_int_eq(m->population, 23000);
	ck_assert_int_eq(m->has_ses, 1);
	ck_assert_double_eq(m->ses, 0.25);
	m = opv_register_at(reg, 1);
	ck_assert_str_eq(m->province, "Frysl\xC3\xA2n");
	ck_assert_double_eq(m->ses, -0.5);
	ck_assert_int_eq(opv_register_at(reg, 2)->has_ses, 0);
	ck_assert_int_eq(opv_register_has_ses(reg), 0);
	ck_assert_int_eq(opv_register_population(reg), 24010);
	ck_assert_uint_eq(opv_register_province_count(reg), 2);
	ck_assert_int_eq(opv_register_province_at(reg, 1)->population, 1010);
	ck_assert_uint_eq(opv_register_province_at(reg, 1)->municipalities, 2);
	opv_register_free(reg);
}
END_TEST

START_TEST(register_with_complete_ses)
{
	opv_register *reg = parse_ok("code,name,province_code,province,population,ses\n"
	                             "GM0001,A,PV20,P,10,0.1\nGM0002,B,PV20,P,20,-0.2\n");
	ck_assert_int_eq(opv_register_has_ses(reg), 1);
	opv_register_free(reg);
}
END_TEST

START_TEST(find_unknown_code)
{
	opv_register *reg = load_default();
	opv_error err = OPV_ERROR_INIT;
	size_t i = 12345;
	ck_assert_fails(opv_register_find(&i, reg, "GM9999", &err), err, OPV_ENOTFOUND, "GM9999");
	ck_assert_uint_eq(i, 12345);
	opv_register_free(reg);
}
END_TEST

/* ---- bad files: each names the problem and gives no register -------------- */

#define HEADER "code,name,province_code,province,population\n"

static void expect_parse_error(const char *text, size_t len, int code, const char *needle, long line)
{
	opv_register *reg = (opv_register *)0x1;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_fails(opv_register_parse_csv(&reg, text, len, "bad.csv", &err), err, code, needle);
	ck_assert_ptr_eq(reg, (opv_register *)0x1);
	if (line)
		ck_assert_int_eq(err.line, line);
}

#define BAD(text, code, needle, line) expect_parse_error(text, strlen(text), code, needle, line)

START_TEST(bad_files)
{
	BAD("", OPV_EPARSE, "bad.csv: file is empty", 0);
	BAD("\xEF\xBB\xBF", OPV_EPARSE, "empty", 0);
	BAD(HEADER, OPV_EPARSE, "no municipalities", 0);
	BAD("code,name,province_code,province\nGM0001,A,PV20,P\n", OPV_EPARSE,
	    "missing column 'population' (or 'inwoners')", 1);
	BAD(HEADER "GM0001,A,PV20,P,12a\n", OPV_EPARSE, "bad.csv:2: column 'population': '12a' is not a whole number", 2);
	BAD(HEADER "GM0001,A,PV20,P,1.5\n", OPV_EPARSE, "not a whole number", 2);
	BAD(HEADER "GM0001,A,PV20,P,10\nGM0002,B,PV20,P,-4\n", OPV_ERANGE, "bad.csv:3: column 'population': population is negative", 3);
	/* Two columns of one meaning: the population of which one? */
	BAD("code,name,province_code,province,population,inwoners\nGM0001,A,PV20,P,10,12\n",
	    OPV_EDUPLICATE, "bad.csv:1: columns 'population' and 'inwoners' say the same; keep one", 1);
	BAD(HEADER "GM0001,A,PV20,P,99999999999999999999\n", OPV_ERANGE, "out of range", 2);
	BAD(HEADER "GM0001,A,PV20,P,9007199254740992\n", OPV_ERANGE, "2^53", 2);
	BAD(HEADER "GM0001,A,PV20,P,1\nGM0002,B,PV20,P,2\nGM0001,C,PV20,P,3\n", OPV_EDUPLICATE,
	    "bad.csv:4: municipality code GM0001 occurs twice (also on line 2)", 4);
	BAD(HEADER "GM001,A,PV20,P,1\n", OPV_EPARSE, "column 'code': 'GM001' is not a municipality code", 2);
	BAD(HEADER "gm0001,A,PV20,P,1\n", OPV_EPARSE, "municipality code", 2);
	BAD(HEADER "GM0001,A,PV2,P,1\n", OPV_EPARSE, "'PV2' is not a province code", 2);
	BAD(HEADER "GM0001,,PV20,P,1\n", OPV_EPARSE, "name is empty", 2);
	BAD(HEADER "GM0001,A,PV20,Groningen,1\nGM0002,B,PV20,Drenthe,1\n", OPV_EINVAL,
	    "bad.csv:3: province PV20 is called 'Drenthe' here but 'Groningen' before", 3);
	BAD(HEADER "GM0001,A,PV20,P,1,extra\n", OPV_EPARSE, "bad.csv:2: row has 6 fields but the header has 5", 2);
	BAD(HEADER "GM0001,A,PV20,P,1\nGM0002,B,PV20\n", OPV_EPARSE, "bad.csv:3: row has 3 fields", 3);
	BAD(HEADER "GM0001,\"A,PV20,P,1\n", OPV_EPARSE, "malformed CSV", 0);
	BAD(HEADER "GM0001,A\"b,PV20,P,1\n", OPV_EPARSE, "malformed CSV", 2);
	BAD(HEADER "GM0001,\xC3\x28,PV20,P,1\n", OPV_EPARSE, "bad.csv:2:8: invalid UTF-8", 2);
	BAD("code,name,code,province,population\n", OPV_EDUPLICATE, "column 'code' occurs twice", 1);
	BAD("code,name,province_code,province,population,ses\nGM0001,A,PV20,P,1,nan\n", OPV_ERANGE,
	    "'nan' is not a finite number", 2);
	BAD("code,name,province_code,province,population,ses\nGM0001,A,PV20,P,1,0x10\n", OPV_EPARSE,
	    "column 'ses': '0x10' is not a number", 2);
	expect_parse_error(HEADER "GM0001,A\0,PV20,P,1\n", sizeof(HEADER "GM0001,A\0,PV20,P,1\n") - 1,
	                   OPV_EPARSE, "bad.csv:2:9: NUL byte", 2);
}
END_TEST

START_TEST(bad_paths)
{
	opv_register *reg = (opv_register *)0x1;
	opv_error err = OPV_ERROR_INIT;
	char dir[] = "/tmp/opvang-test-XXXXXX";
	char path[64];
	FILE *f;
	ck_assert_fails(opv_register_load_csv(&reg, "/nonexistent/r.csv", &err), err, OPV_EIO,
	                "/nonexistent/r.csv: cannot open");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_fails(opv_register_load_csv(&reg, dir, &err), err, OPV_EIO, "is a directory");
	snprintf(path, sizeof path, "%s/empty.csv", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert_fails(opv_register_load_csv(&reg, path, &err), err, OPV_EPARSE, "empty.csv: file is empty");
	if (geteuid() != 0) {
		/* root reads anything, so this case only means something for others */
		chmod(path, 0);
		ck_assert_fails(opv_register_load_csv(&reg, path, &err), err, OPV_EIO, "cannot open");
	}
	ck_assert_ptr_eq(reg, (opv_register *)0x1);
	unlink(path);
	rmdir(dir);
	ck_assert_fails(opv_register_load_csv(NULL, "x", &err), err, OPV_EINVAL, "NULL");
	ck_assert_fails(opv_register_default(NULL, &err), err, OPV_EINVAL, "NULL");
	opv_register_free(NULL);
}
END_TEST

/* ---- registers by reference date ------------------------------------------ */

/* National totals and two municipalities per date, from CBS StatLine 03759NED
 * and 85984NED as quoted in data/README.md. */
START_TEST(embedded_registers_by_date)
{
	static const struct {
		const char *date;
		int64_t total, amsterdam, schiermonnikoog;
	} want[] = {
		{ "2023-01-01", 17811291, 918117, 982 },
		{ "2024-01-01", 17942942, 931298, 972 },
		{ "2025-01-01", 18044027, 934526, 971 },
	};
	opv_error err = OPV_ERROR_INIT;
	size_t k;
	for (k = 0; k < 3; k++) {
		opv_register *reg = NULL;
		ck_assert_str_eq(opv_register_embedded_date(k), want[k].date);
		ck_assert_msg(opv_register_embedded(&reg, want[k].date, &err) == OPV_OK, "%s", err.message);
		ck_assert_uint_eq(opv_register_count(reg), 342);
		ck_assert_uint_eq(opv_register_province_count(reg), 12);
		ck_assert_int_eq(opv_register_population(reg), want[k].total);
		ck_assert_str_eq(opv_register_reference_date(reg), want[k].date);
		ck_assert_int_eq(find(reg, "GM0363")->population, want[k].amsterdam);
		ck_assert_int_eq(find(reg, "GM0088")->population, want[k].schiermonnikoog);
		opv_register_free(reg);
	}
	ck_assert_ptr_null(opv_register_embedded_date(3));
}
END_TEST

START_TEST(embedded_register_of_another_date)
{
	opv_register *reg = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_fails(opv_register_embedded(&reg, "2026-01-01", &err), err, OPV_ENOTFOUND,
	                "no embedded register has population date '2026-01-01'; the embedded dates "
	                "are 2023-01-01, 2024-01-01, 2025-01-01");
	ck_assert_ptr_null(reg);
	ck_assert_int_eq(opv_register_embedded(&reg, NULL, &err), OPV_OK);
	ck_assert_str_eq(opv_register_reference_date(reg), OPV_REGISTER_DEFAULT_DATE);
	opv_register_free(reg);
	ck_assert_fails(opv_register_embedded(NULL, NULL, &err), err, OPV_EINVAL, "NULL");
}
END_TEST

/* Huisvestingswet art. 29: 1 January of the year before the half-year. */
START_TEST(register_of_a_half_year)
{
	opv_register *reg = NULL;
	opv_error err = OPV_ERROR_INIT;
	ck_assert_int_eq(opv_period_register(&reg, (opv_period){ 2024, 2 }, &err), OPV_OK);
	ck_assert_str_eq(opv_register_reference_date(reg), "2023-01-01");
	opv_register_free(reg);
	ck_assert_int_eq(opv_period_register(&reg, (opv_period){ 2026, 1 }, &err), OPV_OK);
	ck_assert_str_eq(opv_register_reference_date(reg), "2025-01-01");
	opv_register_free(reg);
	reg = NULL;
	ck_assert_fails(opv_period_register(&reg, (opv_period){ 2027, 1 }, &err), err, OPV_ENOTFOUND,
	                "2027-H1 uses the population of 2026-01-01");
	ck_assert_ptr_null(reg);
}
END_TEST

/* ---- mergers (CBS Gemeentelijke indelingen; data/README.md) ---------------- */

START_TEST(merged_codes_are_named)
{
	opv_register *reg = load_default();
	opv_error err = OPV_ERROR_INIT;
	size_t i = 7;
	ck_assert_fails(opv_register_find(&i, reg, "GM0501", &err), err, OPV_ENOTFOUND,
	                "municipality code GM0501 (Brielle) no longer exists: it merged into GM1992 "
	                "(Voorne aan Zee) on 2023-01-01");
	ck_assert_fails(opv_register_find(&i, reg, "GM0457", &err), err, OPV_ENOTFOUND,
	                "GM0457 (Weesp) no longer exists: it merged into GM0363 (Amsterdam) on 2022-03-24");
	ck_assert_uint_eq(i, 7);
	ck_assert_int_eq(opv_register_maps_mergers(reg), 0);
	/* Wijdemeren joins Hilversum only on 1 January 2027: it is still there. */
	ck_assert_ptr_null(opv_register_merger_of(reg, "GM1696"));
	ck_assert_str_eq(find(reg, "GM1696")->name, "Wijdemeren");
	ck_assert_str_eq(opv_register_merger_of(reg, "GM0614")->to_code, "GM1992");
	ck_assert_ptr_null(opv_register_merger_of(reg, "GM9999"));
	ck_assert_str_eq(opv_merger_at(0)->from_name, "Boxmeer");
	ck_assert_ptr_nonnull(opv_merger_at(14));
	ck_assert_ptr_null(opv_merger_at(15));
	opv_register_free(reg);
}
END_TEST

START_TEST(mapped_mergers_count_as_their_successor)
{
	static const char table[] = "code,value\nGM0501,3\nGM0530,4\nGM1992,5\nGM0457,10\n";
	static const char scores[] = "code,ses\nGM1992,0.1\nGM0501,0.2\n";
	opv_register *reg = load_default(), *mapped = NULL, *scored = NULL;
	opv_keyed_values *values = NULL;
	opv_error err = OPV_ERROR_INIT;
	int64_t *aligned = calloc(342, sizeof *aligned);
	size_t voorne, amsterdam, i;
	ck_assert_int_eq(opv_register_map_mergers(&mapped, reg, &err), OPV_OK);
	ck_assert_int_eq(opv_register_maps_mergers(mapped), 1);
	ck_assert_str_eq(opv_register_reference_date(mapped), "2024-01-01");
	voorne = (size_t)(find(reg, "GM1992") - opv_register_at(reg, 0));
	amsterdam = (size_t)(find(reg, "GM0363") - opv_register_at(reg, 0));
	ck_assert_int_eq(opv_register_find(&i, mapped, "GM0614", &err), OPV_OK);
	ck_assert_uint_eq(i, voorne);
	ck_assert_int_eq(opv_keyed_values_parse_csv(&values, table, strlen(table), "v.csv", "code",
	                                            "value", OPV_VALUES_INTEGER, &err), OPV_OK);
	/* Without mapping the first former code is refused with its line. */
	ck_assert_fails(opv_register_align_int64(aligned, reg, values, -1, &err), err, OPV_ENOTFOUND,
	                "v.csv:2: municipality code GM0501 (Brielle) no longer exists");
	ck_assert_int_eq(aligned[voorne], 0);
	/* With it, 3 + 4 + 5 land in Voorne aan Zee and Weesp's 10 in Amsterdam. */
	ck_assert_msg(opv_register_align_int64(aligned, mapped, values, -1, &err) == OPV_OK, "%s",
	              err.message);
	ck_assert_int_eq(aligned[voorne], 12);
	ck_assert_int_eq(aligned[amsterdam], 10);
	ck_assert_int_eq(aligned[0], -1);
	/* Scores do not add: two for one municipality are refused. */
	opv_keyed_values_free(values);
	values = NULL;
	ck_assert_int_eq(opv_keyed_values_parse_csv(&values, scores, strlen(scores), "s.csv", "code",
	                                            "ses", 0, &err), OPV_OK);
	ck_assert_fails(opv_register_with_ses(&scored, mapped, values, &err), err, OPV_EDUPLICATE,
	                "s.csv:3: GM0501 stands for GM1992, which has a score already");
	ck_assert_ptr_null(scored);
	opv_keyed_values_free(values);
	opv_register_free(mapped);
	opv_register_free(reg);
	free(aligned);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("register");
	TCase *tc = tcase_create("default");
	TCase *csv = tcase_create("csv");
	tcase_add_test(tc, default_register_totals);
	tcase_add_test(tc, default_register_known_municipalities);
	tcase_add_test(tc, default_register_smallest_and_largest);
	tcase_add_test(tc, default_register_provinces);
	tcase_add_test(tc, find_unknown_code);
	tcase_add_test(tc, embedded_registers_by_date);
	tcase_add_test(tc, embedded_register_of_another_date);
	tcase_add_test(tc, register_of_a_half_year);
	tcase_add_test(tc, merged_codes_are_named);
	tcase_add_test(tc, mapped_mergers_count_as_their_successor);
	tcase_add_test(csv, cbs_file_loads_equal_to_embedded);
	tcase_add_test(csv, english_header_quotes_utf8_crlf_bom);
	tcase_add_test(csv, register_with_complete_ses);
	tcase_add_test(csv, bad_files);
	tcase_add_test(csv, bad_paths);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, csv);
	return run_suite(s);
}
