/* cli: the options every subcommand shares, exit codes, and loading the catalog they
 * select. */
#ifndef SUNSET_CLI_H
#define SUNSET_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "catalog/catalog.h"

#include "version.h" /* generated: SUNSET_VERSION (release), SUNSET_BUILD_VERSION */

/* Exit codes (documented in README.md). */
enum exit_code {
	EXIT_CLEAN = 0,      /* no finding at or above --fail-on */
	EXIT_FINDINGS = 1,   /* findings at or above --fail-on */
	EXIT_USAGE = 2,      /* usage error, or nothing could be read */
	EXIT_INCOMPLETE = 3, /* an input failed; the others were scanned and reported */
};

struct common_opts {
	date_t as_of;
	int warn_days;
	const char *runtimes_path; /* NULL = the built-in or the cached catalog */
	const char *format;        /* NULL = text */
	const char *output;        /* NULL = stdout */
	bool no_color, quiet, debug;
};

/* Long option ids of the shared options, above any short option character. */
enum common_opt_id {
	OPT_AS_OF = 0x100, OPT_WARN_DAYS, OPT_RUNTIMES, OPT_NO_COLOR, OPT_QUIET, OPT_DEBUG, OPT_HELP,
	OPT_COMMON_END
};

#define COMMON_LONG_OPTIONS                                              \
	{"as-of", required_argument, NULL, OPT_AS_OF},                   \
	{"warn-days", required_argument, NULL, OPT_WARN_DAYS},           \
	{"runtimes", required_argument, NULL, OPT_RUNTIMES},             \
	{"format", required_argument, NULL, 'f'},                        \
	{"output", required_argument, NULL, 'o'},                        \
	{"no-color", no_argument, NULL, OPT_NO_COLOR},                   \
	{"quiet", no_argument, NULL, OPT_QUIET},                         \
	{"debug", no_argument, NULL, OPT_DEBUG},                         \
	{"help", no_argument, NULL, OPT_HELP}

#define COMMON_SHORT_OPTIONS "f:o:qh"

void common_init(struct common_opts *co);
/* common_option handles one shared option. Returns 1 when handled, 0 when `opt` is not a
 * shared option, -1 after a usage error line. */
int common_option(struct common_opts *co, int opt, const char *arg);
/* common_load_catalog loads the selected catalog (--runtimes FILE, else the newer of the
 * built-in one and the cached one, the cache on a tie) and warns once when it is stale. */
int common_load_catalog(const struct common_opts *co, struct catalog **out);
/* common_bad_option reports the option getopt_long just refused (call it when it returns
 * '?' with opterr = 0) in one line: an unknown option with the closest known one ("did you
 * mean --region?"), or an option missing its value, and where the options are listed.
 * Always returns -1. */
int common_bad_option(const char *cmd, char **argv, const struct option *longopts, const char *shortopts);
/* common_terminal_columns is the width of the terminal standard output is, from the
 * terminal itself or else COLUMNS; 0 when standard output is not a terminal or when a
 * report goes to a file (-o). */
size_t common_terminal_columns(const struct common_opts *co);
/* common_use_color: colour only on a terminal, never with NO_COLOR or --no-color. */
bool common_use_color(const struct common_opts *co);

int cmd_scan(int argc, char **argv);
int cmd_runtimes(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_upgrade(int argc, char **argv);

#endif
