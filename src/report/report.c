#include "report.h"

#include <string.h>

static const struct report_writer writers[] = {
	{"text", "a table grouped by status, with a summary line", report_text},
	{"json", "one JSON document (docs/json-output.md)", report_json},
	{"csv", "one row per finding, RFC 4180", report_csv},
};

const struct report_writer *report_writer_find(const char *name)
{
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (!strcmp(writers[i].name, name))
			return &writers[i];
	return NULL;
}

const char *report_writer_names(void)
{
	return "text, json, csv";
}
