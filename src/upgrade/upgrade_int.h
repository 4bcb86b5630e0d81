/* upgrade_int: what the apply, bake, rollback and journal files share. */
#ifndef SUNSET_UPGRADE_INT_H
#define SUNSET_UPGRADE_INT_H

#include "upgrade/upgrade.h"

/* One upgrade in progress: the connection and the journal (the only state: --resume and
 * --rollback rebuild a run from the file alone). */
struct upgrade_run {
	struct upgrade_aws *a;
	json_t *j;        /* the journal document */
	const char *path; /* the journal file */
	char failure[512]; /* why the run stopped, for the rollback message */
};

/* journal fields */
const char *uj_str(const struct upgrade_run *r, const char *key);
void uj_set_str(struct upgrade_run *r, const char *key, const char *val);
/* upgrade_journal_save writes the journal atomically; -1 after an error line. */
int upgrade_journal_save(struct upgrade_run *r);
/* upgrade_journal_load reads and checks a journal; NULL after an error line naming it. */
json_t *upgrade_journal_load(const char *path);

/* upgrade_bake watches the new version behind the alias after traffic step `pct`. 0: healthy;
 * -1: it failed (r->failure says why). */
int upgrade_bake(struct upgrade_run *r, int pct);
/* upgrade_wait_update polls GetFunctionConfiguration until LastUpdateStatus is no longer
 * InProgress; 0 when Successful (its RevisionId in *rev, to free), else -1 with r->failure. */
int upgrade_wait_update(struct upgrade_run *r, char **rev);
/* upgrade_rollback puts everything back from the journal. 1: rolled back, -1: what is left
 * was printed. */
int upgrade_rollback(struct upgrade_run *r);
/* upgrade_sleep waits `s` seconds or until Ctrl-C; -1 when interrupted. */
int upgrade_sleep(double s);

#endif
