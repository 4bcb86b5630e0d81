#include "msg.h"

#include <stdarg.h>
#include <stdio.h>

static int debug_on;
static int quiet_on;

void msg_set_debug(int on) { debug_on = on; }
int msg_debug_enabled(void) { return debug_on; }
void msg_set_quiet(int on) { quiet_on = on; }

static void vmsg(const char *kind, const char *fmt, va_list ap) MSG_PRINTF(2, 0);

static void vmsg(const char *kind, const char *fmt, va_list ap)
{
	fputs("sunset: ", stderr);
	if (kind)
		fputs(kind, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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
