/* sunset: find AWS Lambda functions on deprecated runtimes (finding A-LAM-3).
 * main only picks the subcommand; each lives in its own cmd_*.c. */
#include <stdio.h>
#include <string.h>

#include "cmd/cli.h"
#include "util/clock.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{"scan", cmd_scan, "find Lambda functions and versions on deprecated runtimes"},
	{"history", cmd_history, "list the scans of a history database (--db), or show one as it was"},
	{"runtimes", cmd_runtimes, "print the runtime lifecycle catalog with each runtime's status"},
	{"upgrade", cmd_upgrade, "move a function to a newer runtime: plan, preflight, apply, roll back"},
	{"version", cmd_version, "print the version, the catalog's date and the library versions"},
	{"help", cmd_help, "print this help, or a command's: sunset help scan"},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: sunset <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\noptions:\n  -V, --version  the same as 'sunset version'\n  -h, --help     this help\n"
		     "\nRun 'sunset <command> --help' (or 'sunset help <command>') for a command's options.\n");
}

/* sunset help [COMMAND]: the command list, or that command's --help. */
static int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name)) {
			static char help_opt[] = "--help";
			char *args[] = {argv[1], help_opt, NULL};
			if (commands[i].run == cmd_help)
				break;
			return commands[i].run(2, args);
		}
	if (strcmp(argv[1], "help")) {
		fprintf(stderr, "sunset: help: unknown command \"%s\"\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	usage(stdout);
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))
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
