/* date: calendar dates as day numbers (days since 1970-01-01, UTC). */
#ifndef SUNSET_DATE_H
#define SUNSET_DATE_H

#include <stdbool.h>

typedef long date_t;

#define DATE_NONE ((date_t)-0x7fffffffL)

/* date_parse reads exactly "YYYY-MM-DD" (a real calendar date, years 1970..9999).
 * Returns 0 and sets *out, or -1 when `s` is not such a date. */
int date_parse(const char *s, date_t *out);
/* date_format writes "YYYY-MM-DD" into buf (at least 11 bytes) and returns buf. */
char *date_format(date_t d, char buf[11]);

#endif
