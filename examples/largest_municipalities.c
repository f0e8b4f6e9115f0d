/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The five largest municipalities of the Netherlands, and an apportionment.
 *
 * Build against an installed libopvang and run:
 *
 *     cc largest_municipalities.c $(pkg-config --cflags --libs opvang) -o largest
 *     ./largest
 */
#include <opvang.h>

#include <stdio.h>
#include <stdlib.h>

/* qsort() order for municipality pointers: largest population first. */
static int by_population_descending(const void *a, const void *b)
{
	const opv_municipality *x = *(const opv_municipality *const *)a;
	const opv_municipality *y = *(const opv_municipality *const *)b;

	return (x->population < y->population) - (x->population > y->population);
}

static int print_largest(size_t how_many)
{
	opv_register *reg = NULL;
	const opv_municipality **rows;
	opv_error err = OPV_ERROR_INIT;
	size_t n, i;

	/* The register compiled into the library: no file needed. */
	if (opv_register_default(&reg, &err) != OPV_OK) {
		fprintf(stderr, "opvang: %s\n", err.message);
		return -1;
	}

	/*
	 * The register is read-only and keeps the CBS file order, so sort an
	 * array of pointers into it instead.  They stay valid until the
	 * register is freed.
	 */
	n = opv_register_count(reg);
	rows = malloc(n * sizeof(*rows));
	if (rows == NULL) {
		opv_register_free(reg);
		fprintf(stderr, "out of memory\n");
		return -1;
	}
	for (i = 0; i < n; i++)
		rows[i] = opv_register_at(reg, i);
	qsort(rows, n, sizeof(*rows), by_population_descending);

	printf("The %zu largest municipalities on %s\n", how_many,
	       opv_register_reference_date(reg));
	for (i = 0; i < how_many && i < n; i++)
		printf("%-8s%-16s%8lld\n", rows[i]->code, rows[i]->name,
		       (long long)rows[i]->population);

	free(rows);
	opv_register_free(reg);
	return 0;
}

static int print_apportionment(void)
{
	/* European Parliament election 2019 in Austria: 18 seats. */
	static const char *const parties[] = { "OVP", "SPO", "FPO", "Greens", "NEOS" };
	static const double votes[] = { 1305956, 903151, 650114, 532193, 319024 };
	enum { PARTIES = sizeof(votes) / sizeof(votes[0]) };
	const int64_t total = 18;

	int64_t seats[PARTIES];
	opv_apportion_options options = OPV_APPORTION_OPTIONS_INIT;
	opv_error err = OPV_ERROR_INIT;
	size_t i;

	options.method = OPV_JEFFERSON; /* D'Hondt, under the name of Jefferson, who used it first */
	if (opv_apportion(seats, votes, PARTIES, total, &options, &err) != OPV_OK) {
		fprintf(stderr, "opvang: %s\n", err.message);
		return -1;
	}

	printf("\n%lld seats by D'Hondt, European Parliament 2019, Austria\n", (long long)total);
	for (i = 0; i < PARTIES; i++)
		printf("%-8s%8.0f%4lld\n", parties[i], votes[i], (long long)seats[i]);
	return 0;
}

int main(void)
{
	printf("opvang %s\n\n", opv_version());
	if (print_largest(5) != 0 || print_apportionment() != 0)
		return EXIT_FAILURE;
	return EXIT_SUCCESS;
}
