#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog_cache.h"
#include "clock.h"
#include "msg.h"

#define STALE_DAYS 120

void common_init(struct common_opts *co)
{
	memset(co, 0, sizeof(*co));
	co->as_of = clock_today();
	co->warn_days = 180;
}

static int parse_days(const char *arg, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (!*arg || *end || v < 0 || v > 36500)
		return -1;
	*out = (int)v;
	return 0;
}

int common_option(struct common_opts *co, int opt, const char *arg)
{
	switch (opt) {
	case OPT_AS_OF:
		if (date_parse(arg, &co->as_of) < 0)
			return errorf("--as-of: expected a date YYYY-MM-DD, got \"%s\"", arg);
		return 1;
	case OPT_WARN_DAYS:
		if (parse_days(arg, &co->warn_days) < 0)
			return errorf("--warn-days: expected a number of days from 0 to 36500, got \"%s\"", arg);
		return 1;
	case OPT_RUNTIMES:
		co->runtimes_path = arg;
		return 1;
	case 'f':
		co->format = arg;
		return 1;
	case 'o':
		co->output = arg;
		return 1;
	case OPT_NO_COLOR:
		co->no_color = true;
		return 1;
	case 'q':
	case OPT_QUIET:
		co->quiet = true;
		msg_set_quiet(1);
		return 1;
	case OPT_DEBUG:
		co->debug = true;
		msg_set_debug(1);
		return 1;
	}
	return 0;
}

int common_load_catalog(const struct common_opts *co, struct catalog **out)
{
	if (co->runtimes_path) {
		if (catalog_load_file(co->runtimes_path, out) < 0)
			return -1;
	} else {
		/* the newest of the compiled-in catalog and the one `runtimes --update` cached */
		struct catalog *cache = NULL;
		if (catalog_load_builtin(out) < 0)
			return -1;
		if (catalog_cache_load(&cache) == 1) {
			if (catalog_as_of(cache) >= catalog_as_of(*out)) {
				catalog_free(*out);
				*out = cache;
			} else {
				catalog_free(cache);
			}
		}
	}
	long age = co->as_of - catalog_as_of(*out);
	if (age > STALE_DAYS) {
		char d1[11], d2[11];
		warnf("the runtime catalog is dated %s, %ld days before %s: AWS may have changed dates since; "
		      "run 'sunset runtimes --update' for current data",
		      date_format(catalog_as_of(*out), d1), age, date_format(co->as_of, d2));
	}
	return 0;
}

bool common_use_color(const struct common_opts *co)
{
	const char *nc = getenv("NO_COLOR");
	if (co->no_color || (nc && *nc) || (co->output && strcmp(co->output, "-")))
		return false;
	return isatty(STDOUT_FILENO);
}
