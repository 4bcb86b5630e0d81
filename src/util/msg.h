/* msg: the one place that prints diagnostics to stderr, with the "sunset: " prefix. */
#ifndef SUNSET_MSG_H
#define SUNSET_MSG_H

#define MSG_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* errorf prints "sunset: MESSAGE" and returns -1 so callers can `return errorf(...)`. */
int errorf(const char *fmt, ...) MSG_PRINTF(1, 2);
/* warnf prints "sunset: warning: MESSAGE". */
void warnf(const char *fmt, ...) MSG_PRINTF(1, 2);
/* notef prints "sunset: MESSAGE" (what was done), silenced by msg_set_quiet like warnf. */
void notef(const char *fmt, ...) MSG_PRINTF(1, 2);
/* debugf prints "sunset: debug: MESSAGE" only after msg_set_debug(1). */
void debugf(const char *fmt, ...) MSG_PRINTF(1, 2);
void msg_set_debug(int on);
int msg_debug_enabled(void);
/* msg_set_quiet(1) silences warnf (errors still print). */
void msg_set_quiet(int on);

#endif
