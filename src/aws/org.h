/* org: the accounts to scan and their names: AWS Organizations ListAccounts (JSON 1.1,
 * every NextToken page, ACTIVE accounts only, with their names) or a list given with
 * --accounts ID,ID or @FILE; a single account's name from IAM ListAccountAliases. */
#ifndef SUNSET_AWS_ORG_H
#define SUNSET_AWS_ORG_H

#include <stddef.h>

#include "aws/creds.h"

/* org_list_accounts appends the ids of the organization's active accounts, and their names
 * (NULL where none) at the same index of *names. Returns 0, or -1 after one error line.
 * The caller frees each id and name and both arrays. */
int org_list_accounts(const struct aws_creds *creds, char ***ids, char ***names, size_t *n);
/* org_account_alias: the account's IAM alias (ListAccountAliases) in *alias (the caller
 * frees it; NULL when it has none). Returns 0, or -1 quietly when it could not be read
 * (denied is not an error: the account is shown without a name). */
int org_account_alias(const struct aws_creds *creds, char **alias);
/* org_parse_accounts reads "ID,ID" or "@FILE" (ids separated by commas, spaces or lines;
 * '#' comments). Returns 0, or -1 after an error line naming the bad id and its place. */
int org_parse_accounts(const char *arg, char ***ids, size_t *n);

#endif
