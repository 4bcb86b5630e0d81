/* org: the accounts to scan: AWS Organizations ListAccounts (JSON 1.1, every NextToken
 * page, ACTIVE accounts only) or a list given with --accounts ID,ID or @FILE. */
#ifndef SUNSET_AWS_ORG_H
#define SUNSET_AWS_ORG_H

#include <stddef.h>

#include "creds.h"

/* org_list_accounts appends the ids of the organization's active accounts. Returns 0, or
 * -1 after one error line. The caller frees each id and the array. */
int org_list_accounts(const struct aws_creds *creds, char ***ids, size_t *n);
/* org_parse_accounts reads "ID,ID" or "@FILE" (ids separated by commas, spaces or lines;
 * '#' comments). Returns 0, or -1 after an error line naming the bad id and its place. */
int org_parse_accounts(const char *arg, char ***ids, size_t *n);

#endif
