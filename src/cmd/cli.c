#include "cmd/cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "catalog/catalog_cache.h"
#include "util/clock.h"
#include "util/msg.h"

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

/* edit_distance is the Levenshtein distance of a and b (b at most 63 bytes). */
static size_t edit_distance(const char *a, size_t la, const char *b)
{
	size_t lb = strlen(b), row[64];
	if (lb >= 64)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

int common_bad_option(const char *cmd, char **argv, const struct option *longopts, const char *shortopts)
{
	if (optopt >= 0x100) { /* a long option without its value */
		for (const struct option *o = longopts; o->name; o++)
			if (o->val == optopt)
				return errorf("%s: --%s needs a value (see 'sunset help %s')", cmd, o->name, cmd);
	}
	if (optopt > 0) {
		const char *p = strchr(shortopts, optopt);
		if (p && p[1] == ':')
			return errorf("%s: -%c needs a value (see 'sunset help %s')", cmd, optopt, cmd);
		return errorf("%s: unknown option -%c (see 'sunset help %s')", cmd, optopt, cmd);
	}
	const char *arg = argv[optind - 1] ? argv[optind - 1] : "";
	const char *name = arg + strspn(arg, "-");
	size_t len = strcspn(name, "=");
	const struct option *best = NULL;
	size_t best_d = (size_t)-1;
	for (const struct option *o = longopts; o->name; o++) {
		size_t d = edit_distance(name, len, o->name);
		/* a prefix of a longer name also counts as close ("--var" for --var-file) */
		if (len >= 3 && !strncmp(o->name, name, len))
			d = 1;
		if (d < best_d)
			best_d = d, best = o;
	}
	size_t limit = len / 3 > 2 ? len / 3 : 2;
	if (best && best_d <= limit)
		return errorf("%s: unknown option %.*s; did you mean --%s? (see 'sunset help %s')", cmd,
			      (int)(name - arg + len), arg, best->name, cmd);
	return errorf("%s: unknown option %.*s (see 'sunset help %s')", cmd, (int)(name - arg + len), arg, cmd);
}

size_t common_terminal_columns(const struct common_opts *co)
{
	if ((co->output && strcmp(co->output, "-")) || !isatty(STDOUT_FILENO))
		return 0;
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *c = getenv("COLUMNS");
	long v = c ? strtol(c, NULL, 10) : 0;
	return v > 0 && v < 10000 ? (size_t)v : 0;
}

bool common_use_color(const struct common_opts *co)
{
	const char *nc = getenv("NO_COLOR");
	if (co->no_color || (nc && *nc) || (co->output && strcmp(co->output, "-")))
		return false;
	return isatty(STDOUT_FILENO);
}
