/* coverage: what a scan actually covered, for the reports' proof of scope. One entry per
 * account and region of a live scan (scanned, access denied, failed, or not enabled) and
 * one per inventory file or template folder, each with the functions and versions read
 * and the error when not scanned. Account names (Organizations, IAM account alias) are
 * kept here too, so that every writer can show a name beside an account id. */
#ifndef SUNSET_COVERAGE_H
#define SUNSET_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>

enum cov_status { COV_SCANNED, COV_ACCESS_DENIED, COV_FAILED, COV_NOT_ENABLED, COV_STATUS_COUNT };

struct cov_entry {
	char *account;      /* NULL: an input (file or folder), or the caller's unnamed account */
	char *region;       /* NULL for an input, or when an account's regions are unknown */
	char *input;        /* the inventory file or template PATH; NULL for an account-region */
	const char *kind;   /* "account-region", "inventory", "templates" */
	enum cov_status status;
	size_t functions, versions;
	char *error;        /* why it is not scanned (or scanned only in part); NULL */
};

struct cov_name {
	char *account, *name;
};

struct coverage {
	struct cov_entry *v;
	size_t n, alloc;
	struct cov_name *names; /* sorted by account */
	size_t nnames, names_alloc;
	bool sorted;
};

void coverage_release(struct coverage *c);
/* coverage_add appends an entry (strings copied, made valid UTF-8; error may be NULL). */
void coverage_add(struct coverage *c, const char *kind, const char *account, const char *region, const char *input,
		  enum cov_status st, size_t functions, size_t versions, const char *error);
/* coverage_name records an account's name (the first one given stays). */
void coverage_name(struct coverage *c, const char *account, const char *name);
/* coverage_account_name: the name of an account, or NULL. */
const char *coverage_account_name(struct coverage *c, const char *account);
/* coverage_sort orders the account-regions by account (the failed ones of an account
 * first), then region; the inputs stay in the order given and after them. */
void coverage_sort(struct coverage *c);
const char *coverage_status_name(enum cov_status st);
/* coverage_count: the account-regions (inputs when `inputs`) in all, and those scanned. */
void coverage_count(const struct coverage *c, bool inputs, size_t *total, size_t *scanned);
/* coverage_status_of reads an AWS error ("HTTP 403 AccessDeniedException: ...") into a
 * status: access_denied, not_enabled (an opt-in region the account has not enabled) or
 * failed. */
enum cov_status coverage_status_of(const char *error);

#endif
