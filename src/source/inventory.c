#include "source/inventory.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "source/function_item.h"
#include "source/jstream.h"

#define SRC "inventory"

struct reader {
	struct scan *s;
	struct jstream *js;
	const char *name;
	size_t pages;        /* pages with a Functions array */
	size_t records;      /* function records handed to the scan */
	bool failed;         /* stopped early on a syntax or read error */
	struct strbuf scratch; /* the current record's strings (fast path) */
	bool fatal;
	const char *region; /* CloudSploit cache: the region key the records are listed under */
};

static void rec_error(struct reader *rd, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void rec_error(struct reader *rd, long line, long col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	errlist_add(&rd->s->errors, SRC, rd->name, line, col, NULL, NULL, "%s", msg);
}

static void read_record(struct reader *rd, json_t *fn, const char *array, size_t idx, long line, long col)
{
	struct function_item it;
	char err[400];
	if (function_item_read_in(fn, SRC, rd->region, &it, err, sizeof(err)) < 0) {
		rec_error(rd, line, col, "%s[%zu]: %s", array, idx, err);
		return;
	}
	rd->records++;
	if (scan_add(rd->s, &it.r) < 0)
		rd->fatal = true;
}

/* decode parses a captured value with jansson; on error reports it at its file position. */
static json_t *decode(struct reader *rd, const char *p, size_t len, long line, long col)
{
	json_error_t e;
	json_t *v = json_loadb(p, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
	if (v)
		return v;
	long el = line + (e.line > 0 ? e.line - 1 : 0);
	long ec = e.line <= 1 ? col + (e.column > 0 ? e.column - 1 : 0) : e.column;
	errlist_add(&rd->s->errors, SRC, rd->name, el, ec, NULL, NULL, "malformed JSON: %s", e.text);
	rd->failed = true;
	return NULL;
}

static void stream_error(struct reader *rd, const char *what)
{
	long line, col;
	jstream_pos(rd->js, &line, &col);
	errlist_add(&rd->s->errors, SRC, rd->name, line, col, NULL, NULL, "%s", what);
	rd->failed = true;
}

static void unexpected(struct reader *rd, int c, const char *expected)
{
	char what[160];
	if (c == JS_EOF)
		snprintf(what, sizeof(what), "malformed JSON: expected %s, got end of input", expected);
	else if (c == JS_ERROR)
		snprintf(what, sizeof(what), "%s", jstream_error(rd->js));
	else if (c >= 0x20 && c < 0x7f)
		snprintf(what, sizeof(what), "malformed JSON: expected %s, got '%c'", expected, c);
	else
		snprintf(what, sizeof(what), "malformed JSON: expected %s, got byte 0x%02x", expected, c);
	stream_error(rd, what);
}

/* capture_value captures and decodes the next value; NULL after reporting an error. */
static json_t *capture_value(struct reader *rd, long *line, long *col)
{
	const char *p;
	size_t len;
	bool truncated;
	jstream_pos(rd->js, line, col);
	if (jstream_capture(rd->js, &p, &len, &truncated) < 0) {
		stream_error(rd, jstream_error(rd->js));
		return NULL;
	}
	return decode(rd, p, len, *line, *col);
}

/* read_function reads one element of a Functions array: straight from its text when it is
 * plain JSON, else through jansson, which words any error at its file position. */
static void read_function(struct reader *rd, const char *array, size_t idx)
{
	const char *p;
	size_t len;
	bool truncated;
	long line, col;
	struct function_item it;
	char err[400];

	jstream_pos(rd->js, &line, &col);
	if (jstream_capture(rd->js, &p, &len, &truncated) < 0) {
		stream_error(rd, jstream_error(rd->js));
		return;
	}
	int r = truncated ? FI_USE_JSON : function_item_text_in(p, len, SRC, rd->region, &it, &rd->scratch, err, sizeof(err));
	if (r == FI_USE_JSON) {
		json_t *fn = decode(rd, p, len, line, col);
		if (!fn)
			return;
		read_record(rd, fn, array, idx, line, col);
		json_decref(fn);
		return;
	}
	if (r < 0) {
		rec_error(rd, line, col, "%s[%zu]: %s", array, idx, err);
		return;
	}
	rd->records++;
	if (scan_add(rd->s, &it.r) < 0)
		rd->fatal = true;
}

/* read_functions reads the Functions array one element at a time (`array` names it in
 * messages). */
static void read_functions(struct reader *rd, const char *array)
{
	int c;
	size_t idx = 0;
	jstream_next(rd->js); /* '[' */
	c = jstream_peek(rd->js);
	if (c == ']') {
		jstream_next(rd->js);
		return;
	}
	for (;;) {
		if (c < 0) {
			unexpected(rd, c, "a function object or ']'");
			return;
		}
		read_function(rd, array, idx++);
		if (rd->failed || rd->fatal)
			return;
		c = jstream_peek(rd->js);
		if (c == ']') {
			jstream_next(rd->js);
			return;
		}
		if (c != ',') {
			unexpected(rd, c, "',' or ']' in the \"Functions\" array");
			return;
		}
		jstream_next(rd->js);
		c = jstream_peek(rd->js);
	}
}

/* read_key reads an object key; returns a new string or NULL after an error. */
static char *read_key(struct reader *rd)
{
	long line, col;
	json_t *k = capture_value(rd, &line, &col);
	char *key = NULL;
	if (k && json_is_string(k) && strlen(json_string_value(k)) != json_string_length(k)) {
		rec_error(rd, line, col, "object key with a NUL character (\\u0000) in it");
		rd->failed = true;
	} else if (k && json_is_string(k))
		key = xstrdup(json_string_value(k));
	else if (k)
		unexpected(rd, '?', "a string key");
	json_decref(k);
	return key;
}

/* skip_value reads past the next value. */
static void skip_value(struct reader *rd)
{
	long line, col;
	json_decref(capture_value(rd, &line, &col));
}

/* each_member walks the object at '{', calling fn with each key when the stream is at its
 * value (fn reads the value); stops at the first error. */
static void each_member(struct reader *rd, void (*fn)(struct reader *, const char *, void *), void *ctx)
{
	jstream_next(rd->js); /* '{' */
	int c = jstream_peek(rd->js);
	while (c != '}') {
		if (c != '"') {
			unexpected(rd, c, "'\"' starting a key or '}'");
			return;
		}
		char *key = read_key(rd);
		if (!key)
			return;
		c = jstream_peek(rd->js);
		if (c != ':') {
			free(key);
			unexpected(rd, c, "':' after a key");
			return;
		}
		jstream_next(rd->js);
		c = jstream_peek(rd->js);
		if (c < 0) {
			free(key);
			unexpected(rd, c, "a value");
			return;
		}
		fn(rd, key, ctx);
		free(key);
		if (rd->failed || rd->fatal)
			return;
		c = jstream_peek(rd->js);
		if (c == ',') {
			jstream_next(rd->js);
			c = jstream_peek(rd->js);
		} else if (c != '}') {
			unexpected(rd, c, "',' or '}' after a member");
			return;
		}
	}
	jstream_next(rd->js);
}

/* CloudSploit's cache: {"lambda": {"listFunctions": {REGION: {"data": [functions]}}}}; a
 * region where CloudSploit recorded "err" instead is an error (it was not listed). */
static void cs_data(struct reader *rd, const char *key, void *ctx)
{
	(void)ctx;
	int c = jstream_peek(rd->js);
	if (!strcmp(key, "data") && c == '[') {
		char array[96];
		snprintf(array, sizeof(array), "lambda.listFunctions.%.40s.data", rd->region);
		read_functions(rd, array);
		rd->pages++;
	} else if (!strcmp(key, "err") && c != 'n') {
		long line, col;
		jstream_pos(rd->js, &line, &col);
		rec_error(rd, line, col, "lambda.listFunctions.%.40s: CloudSploit recorded an error listing the "
			  "functions of this region; they were not scanned", rd->region);
		skip_value(rd);
	} else {
		skip_value(rd);
	}
}

static void cs_region(struct reader *rd, const char *key, void *ctx)
{
	(void)ctx;
	if (jstream_peek(rd->js) != '{') {
		skip_value(rd);
		return;
	}
	rd->region = key;
	each_member(rd, cs_data, NULL);
	rd->region = NULL;
}

static void cs_lambda(struct reader *rd, const char *key, void *ctx)
{
	(void)ctx;
	if (!strcmp(key, "listFunctions") && jstream_peek(rd->js) == '{')
		each_member(rd, cs_region, NULL);
	else
		skip_value(rd);
}

/* read_page reads one list-functions page object member by member. */
static void read_page(struct reader *rd)
{
	long pline, pcol;
	bool has_functions = false, functions_key = false;
	int c;

	jstream_pos(rd->js, &pline, &pcol);
	jstream_next(rd->js); /* '{' */
	c = jstream_peek(rd->js);
	while (c != '}') {
		if (c != '"') {
			unexpected(rd, c, has_functions ? "'\"' starting a key or '}'" : "'\"' starting a key");
			return;
		}
		char *key = read_key(rd);
		if (!key)
			return;
		c = jstream_peek(rd->js);
		if (c != ':') {
			free(key);
			unexpected(rd, c, "':' after a key");
			return;
		}
		jstream_next(rd->js);
		c = jstream_peek(rd->js);
		if (c < 0) {
			free(key);
			unexpected(rd, c, "a value");
			return;
		}
		if (!strcmp(key, "Functions"))
			functions_key = true;
		if (!strcmp(key, "Functions") && c == '[') {
			has_functions = true;
			read_functions(rd, "Functions");
		} else if (!strcmp(key, "lambda") && c == '{') {
			has_functions = true; /* a CloudSploit cache: the other services are skipped */
			each_member(rd, cs_lambda, NULL);
		} else {
			long line, col;
			json_t *v = capture_value(rd, &line, &col);
			if (v && !strcmp(key, "Functions"))
				errlist_add(&rd->s->errors, SRC, rd->name, line, col, NULL, NULL,
					    "\"Functions\" must be an array, got %s", function_item_json_type(v));
			json_decref(v);
		}
		free(key);
		if (rd->failed || rd->fatal)
			return;
		c = jstream_peek(rd->js);
		if (c == ',') {
			jstream_next(rd->js);
			c = jstream_peek(rd->js);
		} else if (c != '}') {
			unexpected(rd, c, "',' or '}' after a member");
			return;
		}
	}
	jstream_next(rd->js);
	if (has_functions)
		rd->pages++;
	else if (!functions_key)
		errlist_add(&rd->s->errors, SRC, rd->name, pline, pcol, NULL, NULL,
			    "expected a list-functions page: an object with a \"Functions\" array "
			    "(the output of aws lambda list-functions)");
}

/* is_page tells, at a '{' in a top-level array, a list-functions page from a function
 * configuration (a bare array, as `aws lambda list-functions --query Functions` prints
 * and CloudSploit caches) by the object's first key, looked at without consuming it. */
static bool is_page(struct reader *rd)
{
	static const char *const page_keys[] = {"Functions", "NextMarker", "ResponseMetadata"};
	char key[32];
	size_t off = 1, n = 0;
	int c;
	while ((c = jstream_lookahead(rd->js, off)) == ' ' || c == '\t' || c == '\r' || c == '\n')
		off++;
	if (c != '"')
		return true; /* "{}" or broken: the page reader words it */
	while ((c = jstream_lookahead(rd->js, ++off)) >= 0 && c != '"' && c != '\\' && n + 1 < sizeof(key))
		key[n++] = (char)c;
	key[n] = '\0';
	if (c != '"')
		return false;
	for (size_t i = 0; i < sizeof(page_keys) / sizeof(page_keys[0]); i++)
		if (!strcmp(key, page_keys[i]))
			return true;
	return false;
}

/* read_array reads a top-level array: of pages, or of function configurations. */
static void read_array(struct reader *rd)
{
	size_t idx = 0;
	jstream_next(rd->js); /* '[' */
	int c = jstream_peek(rd->js);
	if (c == ']') {
		jstream_next(rd->js);
		return;
	}
	for (;;) {
		if (c != '{') {
			unexpected(rd, c, "a function configuration or a list-functions page object in the array");
			return;
		}
		if (is_page(rd))
			read_page(rd);
		else
			read_function(rd, "", idx);
		idx++;
		if (rd->failed || rd->fatal)
			return;
		c = jstream_peek(rd->js);
		if (c == ',') {
			jstream_next(rd->js);
			c = jstream_peek(rd->js);
		} else if (c == ']') {
			jstream_next(rd->js);
			return;
		} else {
			unexpected(rd, c, "',' or ']' after an element of the array");
			return;
		}
	}
}

static void read_top(struct reader *rd)
{
	size_t values = 0;
	for (;;) {
		int c = jstream_peek(rd->js);
		if (c == JS_EOF)
			break;
		if (c == '{')
			read_page(rd);
		else if (c == '[')
			read_array(rd);
		else
			unexpected(rd, c, "a list-functions page (a JSON object) or an array of pages or of functions");
		values++;
		if (rd->failed || rd->fatal)
			return;
	}
	if (values == 0)
		errlist_add(&rd->s->errors, SRC, rd->name, 0, 0, NULL, NULL,
			    "empty input: expected the JSON output of aws lambda list-functions");
}

enum inventory_result inventory_scan_fd(struct scan *s, int fd, const char *name, size_t chunk)
{
	struct reader rd = {.s = s, .name = name};
	size_t errors_before = s->errors.total;

	rd.js = jstream_new(fd, 0, chunk);
	read_top(&rd);
	jstream_free(rd.js);
	sb_release(&rd.scratch);
	if (rd.fatal)
		return INV_FATAL;
	if (s->errors.total == errors_before)
		return INV_OK;
	return rd.pages || rd.records ? INV_PARTIAL : INV_FAILED;
}

enum inventory_result inventory_scan_path(struct scan *s, const char *path)
{
	struct stat st;
	enum inventory_result res;
	int fd;

	if (!strcmp(path, "-"))
		return inventory_scan_fd(s, STDIN_FILENO, "<stdin>", 0);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		errlist_add(&s->errors, SRC, path, 0, 0, NULL, NULL, "cannot open inventory: %s", strerror(errno));
		return INV_FAILED;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errlist_add(&s->errors, SRC, path, 0, 0, NULL, NULL,
			    "is a directory; expected a file with the JSON output of aws lambda list-functions");
		close(fd);
		return INV_FAILED;
	}
	res = inventory_scan_fd(s, fd, path, 0);
	close(fd);
	return res;
}
