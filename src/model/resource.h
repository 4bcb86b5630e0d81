/* resource: what a source (inventory, aws, iac) hands to the scan for one function,
 * published version or layer. Every pointer is borrowed for the duration of the call. */
#ifndef SUNSET_RESOURCE_H
#define SUNSET_RESOURCE_H

#include <stdbool.h>

struct resource {
	const char *source;        /* "inventory", "aws", "cloudformation", ... */
	const char *kind;          /* "function" or "layer" */
	const char *resource;      /* ARN or template address */
	const char *function;      /* function name or logical id */
	const char *version;       /* "$LATEST", "3", or NULL */
	const char *account;       /* NULL when unknown */
	const char *region;        /* NULL when unknown */
	const char *partition;     /* "aws", "aws-cn", "aws-us-gov", or NULL */
	const char *file;          /* IaC file, NULL otherwise */
	long line, column;         /* 1-based position in file; 0 when none */
	const char *runtime;       /* NULL when absent */
	const char *package_type;  /* "Zip", "Image", or NULL */
	const char *last_modified; /* as the API prints it, or NULL */
	const char *architectures; /* comma-separated, or NULL */
	const char *aliases;       /* "live=0.9,canary=0.1": aliases routing to this version, or NULL */
	const char *via;           /* IaC: where the value came from when not written on the resource
	                              ("Globals.Function.Runtime", "parameter PyRuntime default"), or NULL */
	const char *reason;        /* IaC: why no runtime could be resolved (names the expression), or NULL */
	const char *suppress;      /* IaC: the reason of an inline sunset:ignore that applies, or NULL */
	const char *base;          /* IaC: the scanned folder as given, that `file` is relative to; NULL
	                              when `file` is the path as given */
	const char *tags;          /* the function's tags as a compact JSON object (ListTags), or NULL
	                              when they were not read */
	const char *owner;         /* set by the source (CODEOWNERS), else the scan takes it from tags */
	const char *managed_by;    /* "cloudformation", "sam", "terraform", "unknown"; the scan sets it
	                              from tags when NULL */
	const char *stack;         /* the CloudFormation stack that deployed it, or NULL */
	const char *latest_runtime; /* published version: the runtime of $LATEST when that one is not a
	                               finding, so the advice says what remains; NULL otherwise */
	long invocations;          /* in the last 30 days, when has_invocations */
	bool has_invocations;      /* usage was read (CloudWatch) */
};

#endif
