/* upgrade_bake: after a traffic step, watch CloudWatch's Errors, Throttles and Invocations
 * of the new version behind the alias (the ExecutedVersion dimension) against the old
 * one's. An error rate over --max-error-rate, or over the old version's rate by that
 * margin, fails the step; too few invocations to judge waits up to twice the bake time,
 * then fails it without rolling forward. */
#include "upgrade/upgrade_int.h"

#include <math.h>
#include <string.h>

#include "util/clock.h"
#include "util/msg.h"

/* rate of failed calls: errors and throttles over calls (throttled ones are not invocations) */
static double rate(const double m[3])
{
	double calls = m[0] + m[2];
	return calls > 0 ? (m[1] + m[2]) / calls : 0;
}

int upgrade_bake(struct upgrade_run *r, int pct)
{
	double bake = json_number_value(json_object_get(r->j, "bake_s"));
	double maxr = json_number_value(json_object_get(r->j, "max_error_rate"));
	double minv = (double)json_integer_value(json_object_get(r->j, "min_invocations"));
	long long started = json_integer_value(json_object_get(r->j, "started"));
	const char *fn = uj_str(r, "function"), *alias = uj_str(r, "alias");
	const char *nv = uj_str(r, "new_version"), *ov = uj_str(r, "old_version");
	if (bake <= 0)
		return 0;
	double poll = bake / 10 < 0.2 ? 0.2 : bake / 10 > 30 ? 30 : bake / 10;
	double waited = 0;
	bool said_few = false;
	for (;;) {
		double mn[3], mo[3];
		/* Lambda's metrics are per minute and arrive late: the window opens 5 minutes before
		 * the run started and closes a minute ahead */
		long long now = clock_wall();
		if (upgrade_metrics(r->a, fn, alias, nv, started - 300, now + 60, mn) < 0 ||
		    upgrade_metrics(r->a, fn, alias, ov, started - 300, now + 60, mo) < 0) {
			snprintf(r->failure, sizeof(r->failure), "the metrics of %s:%s could not be read at %d%%", fn, alias,
				 pct);
			return -1;
		}
		double rn = rate(mn), ro = rate(mo);
		if (mn[0] + mn[2] > 0 && mn[0] + mn[2] >= minv) {
			bool over = rn > maxr || (mo[0] + mo[2] >= minv && rn > ro + maxr);
			if (over) {
				snprintf(r->failure, sizeof(r->failure),
					 "at %d%% version %s failed %.1f%% of %.0f calls (%.0f errors, %.0f throttles) against "
					 "%.1f%% on version %s; the limit is %g%%",
					 pct, nv, rn * 100, mn[0] + mn[2], mn[1], mn[2], ro * 100, ov, maxr * 100);
				return -1;
			}
		}
		if (waited >= bake && mn[0] + mn[2] >= minv) {
			notef("%s: at %d%% version %s is healthy: %.0f invocations, %.0f errors, %.0f throttles "
			      "(version %s: %.0f, %.0f, %.0f)",
			      fn, pct, nv, mn[0], mn[1], mn[2], ov, mo[0], mo[1], mo[2]);
			return 0;
		}
		if (waited >= bake && !said_few) {
			notef("%s: at %d%% version %s has %.0f of the %.0f invocations needed to judge; waiting up to %g s more",
			      fn, pct, nv, mn[0] + mn[2], minv, bake);
			said_few = true;
		}
		if (waited >= 2 * bake) {
			snprintf(r->failure, sizeof(r->failure),
				 "at %d%% version %s had too few invocations to judge (%.0f of %.0f in %g s): not rolling "
				 "forward",
				 pct, nv, mn[0] + mn[2], minv, 2 * bake);
			return -1;
		}
		if (upgrade_sleep(poll) < 0) {
			snprintf(r->failure, sizeof(r->failure), "interrupted (Ctrl-C) at %d%%", pct);
			return -1;
		}
		waited += poll;
	}
}
