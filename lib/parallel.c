/* SPDX-License-Identifier: EUPL-1.2 */
#include <pthread.h>

#include "parallel.h"

void opv__run_parallel(void *(*fn)(void *), void *jobs, size_t job_size, unsigned n)
{
	pthread_t threads[OPV__MAX_THREADS];
	int started[OPV__MAX_THREADS];
	unsigned t;
	if (n > OPV__MAX_THREADS)
		n = OPV__MAX_THREADS;
	for (t = 1; t < n; t++)
		started[t] = pthread_create(&threads[t], NULL, fn, (char *)jobs + t * job_size) == 0;
	fn(jobs);
	for (t = 1; t < n; t++) {
		if (started[t])
			pthread_join(threads[t], NULL);
		else
			fn((char *)jobs + t * job_size);
	}
}
