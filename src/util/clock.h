/* clock: the one place sunset reads the time.
 *
 * Three readings, each for its own purpose:
 *   clock_today()        the date findings are judged on and the catalog's age is measured
 *                        against: SUNSET_TODAY=YYYY-MM-DD when set (for reproducible runs
 *                        and tests), else the UTC date of the system clock;
 *   clock_report_time()  the time printed in reports: SOURCE_DATE_EPOCH when set
 *                        (reproducible-builds convention), else midnight UTC of
 *                        SUNSET_TODAY when set, else the system clock;
 *   clock_wall()         the real system clock, never pinned: request signing, credential
 *                        expiry, fetch dates of downloaded data.
 * A malformed SUNSET_TODAY is an error reported once by clock_check(). */
#ifndef SUNSET_CLOCK_H
#define SUNSET_CLOCK_H

#include "util/date.h"

date_t clock_today(void);
long long clock_report_time(void);
long long clock_wall(void);
/* clock_wall_precise: the same clock in seconds with a fraction (journal timestamps). */
double clock_wall_precise(void);
/* clock_check returns -1 after an error line when SUNSET_TODAY is set but not a date. */
int clock_check(void);

#endif
