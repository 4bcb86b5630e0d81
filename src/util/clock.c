#include "util/clock.h"

#include <stdlib.h>
#include <time.h>

#include "util/msg.h"

static int pinned(date_t *out)
{
	const char *e = getenv("SUNSET_TODAY");
	if (!e || !*e)
		return 0;
	return date_parse(e, out) == 0 ? 1 : -1;
}

long long clock_wall(void)
{
	return (long long)time(NULL);
}

double clock_wall_precise(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return (double)time(NULL);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

date_t clock_today(void)
{
	date_t d;
	if (pinned(&d) == 1)
		return d;
	return (date_t)(clock_wall() / 86400);
}

long long clock_report_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e && *e) {
		char *end;
		long long v = strtoll(e, &end, 10);
		if (!*end && v >= 0)
			return v;
	}
	date_t d;
	if (pinned(&d) == 1)
		return (long long)d * 86400;
	return clock_wall();
}

int clock_check(void)
{
	date_t d;
	if (pinned(&d) < 0)
		return errorf("SUNSET_TODAY: expected a date YYYY-MM-DD, got \"%s\"", getenv("SUNSET_TODAY"));
	return 0;
}
