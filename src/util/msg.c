#include "util/msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/quote.h"

static int debug_on;
static int quiet_on;

void msg_set_debug(int on) { debug_on = on; }
int msg_debug_enabled(void) { return debug_on; }
void msg_set_quiet(int on) { quiet_on = on; }

static void vmsg(const char *kind, const char *fmt, va_list ap) MSG_PRINTF(2, 0);

/* vmsg prints one line: whatever the arguments hold (names from a scanned file, an AWS error
 * body), control characters and invalid UTF-8 come out visible (quote_term), so no input
 * can move the cursor, colour the terminal or start a line of its own. */
static void vmsg(const char *kind, const char *fmt, va_list ap)
{
	struct strbuf raw = STRBUF_INIT, line = STRBUF_INIT;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	if (n > 0) {
		char *tmp = malloc((size_t)n + 1);
		if (tmp) {
			vsnprintf(tmp, (size_t)n + 1, fmt, ap2);
			sb_add(&raw, tmp, (size_t)n);
			free(tmp);
		}
	}
	va_end(ap2);
	sb_adds(&line, "sunset: ");
	if (kind)
		sb_adds(&line, kind);
	quote_term(&line, raw.buf ? raw.buf : "", raw.len);
	sb_addc(&line, '\n');
	fwrite(line.buf, 1, line.len, stderr);
	sb_release(&raw);
	sb_release(&line);
}

int errorf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
	return -1;
}

void warnf(const char *fmt, ...)
{
	va_list ap;
	if (quiet_on)
		return;
	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void debugf(const char *fmt, ...)
{
	va_list ap;
	if (!debug_on)
		return;
	va_start(ap, fmt);
	vmsg("debug: ", fmt, ap);
	va_end(ap);
}

void notef(const char *fmt, ...)
{
	va_list ap;
	if (quiet_on)
		return;
	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
}
