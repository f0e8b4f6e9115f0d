/* SPDX-License-Identifier: EUPL-1.2 */
/**
 * @file opvang/experimental.h
 * @brief Tuning knobs, outside the stable API.
 *
 * Nothing in this header is covered by the promises of docs/ABI.md: a minor
 * release may change or remove any of it.  Its functions are exported under
 * the symbol version OPV_EXPERIMENTAL rather than OPV_1.0, so a program that
 * uses one that was removed fails to load instead of calling something else.
 * The command line's --threads and the bindings' `threads=` are built on it.
 *
 * Tuning never changes a result: every function here gives the numbers of
 * its stable counterpart, bit for bit, for any tuning.
 *
 * Define OPV_EXPERIMENTAL_API before including this header, to say that you
 * know.
 */
#ifndef OPVANG_EXPERIMENTAL_H
#define OPVANG_EXPERIMENTAL_H

#ifndef OPV_EXPERIMENTAL_API
#error "opvang/experimental.h is outside the stable API: define OPV_EXPERIMENTAL_API to use it"
#endif

#include "opvang/core.h"
#include "opvang/apportion.h"
#include "opvang/projection.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most threads for one call. */
#define OPV_TUNING_MAX_THREADS 256

#define OPV_TUNING_VERSION 1

/** How a long call may use the machine.  Initialise with OPV_TUNING_INIT or opv_tuning_init(). */
typedef struct opv_tuning {
	unsigned int version;  /**< OPV_TUNING_VERSION */
	/** Most threads to use, 1 .. OPV_TUNING_MAX_THREADS; default 1.  A call
	 *  uses fewer where more would not pay (see each function). */
	unsigned int threads;
} opv_tuning;

#define OPV_TUNING_INIT { OPV_TUNING_VERSION, 1 }

/** Sets `tuning` to the defaults of `version`; OPV_EINVAL for NULL or an unknown version. */
OPV_EXTERN(int) opv_tuning_init(opv_tuning *tuning, unsigned int version);

/**
 * Checks `tuning` as the tuned calls do: its version and threads from 1 to
 * OPV_TUNING_MAX_THREADS.  NULL, which the calls read as the defaults,
 * passes.  A caller can so refuse a tuning that it would otherwise hand only
 * to the calls that need it.
 * @return OPV_OK or OPV_EINVAL, with the message a tuned call would give.
 */
OPV_EXTERN(int) opv_tuning_check(const opv_tuning *tuning, opv_error *err);

/**
 * opv_apportion() with tuning (NULL: the defaults).  Only an apportionment
 * without bounds uses more than one thread, and only for about 2^17 units a
 * thread or more; the seats are the same on any number.
 *
 * @return as opv_apportion(), and OPV_EINVAL for a tuning of another
 *   version or threads outside 1 .. OPV_TUNING_MAX_THREADS.
 */
OPV_EXTERN(int) opv_apportion_tuned(int64_t *seats, const double *weights, size_t n,
                                    int64_t total, const opv_apportion_options *options,
                                    const opv_tuning *tuning, opv_error *err);

/**
 * opv_monte_carlo_run() with tuning (NULL: the defaults): the runs are shared
 * out over the threads in blocks.  A thread that cannot be started is no
 * error: its share runs on the others.
 *
 * @return as opv_monte_carlo_run(), and OPV_EINVAL for a tuning of another
 *   version or threads outside 1 .. OPV_TUNING_MAX_THREADS.
 */
OPV_EXTERN(int) opv_monte_carlo_run_tuned(opv_monte_carlo **out, const opv_scenario *scenario,
                                          const opv_monte_carlo_options *options,
                                          const opv_tuning *tuning, opv_error *err);

/** opv_project_monte_carlo() with tuning (NULL: the defaults), as opv_monte_carlo_run_tuned(). */
OPV_EXTERN(int) opv_project_monte_carlo_tuned(opv_monte_carlo_week *weeks, size_t nrows,
                                              int64_t *peak_shortage, int32_t *peak_week,
                                              const opv_scenario *scenario,
                                              const opv_monte_carlo_options *options,
                                              const opv_tuning *tuning, opv_error *err);

#ifdef __cplusplus
}
#endif

#endif
