/* sunset: find AWS Lambda functions on deprecated runtimes (finding A-LAM-3).
 * main only picks the subcommand; each lives in its own cmd_*.c. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "clock.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static int cmd_version(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{"scan", cmd_scan, "find Lambda functions and versions on deprecated runtimes"},
	{"history", cmd_history, "list the scans of a history database (--db), or show one as it was"},
	{"runtimes", cmd_runtimes, "print the runtime lifecycle catalog with each runtime's status"},
	{"version", cmd_version, "print the version"},
	{"help", cmd_help, "print this help"},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: sunset <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nRun 'sunset <command> --help' for a command's options.\n");
}

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("sunset %s\n", SUNSET_VERSION);
	return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_USAGE;
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(argc - 1, argv + 1);
	if (clock_check() < 0)
		return EXIT_USAGE;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "sunset: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
