/* update/aws_page.c: the AWS "Lambda runtimes" documentation page. Its "Supported
 * runtimes" and "Deprecated runtimes" tables are found by their header cells (Name,
 * Identifier, Operating system, Deprecation date, Block function create, Block function
 * update), wherever they are on the page, with libxml2's HTML parser (no network). */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/msg.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "update/update.h"

enum col { COL_NAME, COL_ID, COL_OS, COL_DEP, COL_CREATE, COL_UPDATE, NCOLS };

static const char *const col_names[NCOLS] = {
	"Name", "Identifier", "Operating system", "Deprecation date", "Block function create", "Block function update",
};

#define MAX_ERRORS 10

struct walk {
	const char *origin;
	struct update_page *page;
	struct strbuf heading; /* the last heading seen */
	struct strbuf tables;
	int errors;
};

static bool is_el(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name);
}

static void text_of(xmlNode *n, struct strbuf *sb)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			sb_adds(sb, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			if (is_el(c, "sup") || is_el(c, "script") || is_el(c, "style"))
				continue; /* footnote markers */
			if (is_el(c, "br") || is_el(c, "p") || is_el(c, "div") || is_el(c, "li"))
				sb_addc(sb, ' ');
			text_of(c, sb);
			if (is_el(c, "p") || is_el(c, "div") || is_el(c, "li"))
				sb_addc(sb, ' ');
		}
	}
}

/* cell_text: the visible text with white space (and no-break spaces) collapsed and
 * trimmed. Free the result. */
static char *cell_text(xmlNode *n)
{
	struct strbuf raw = {0}, out = {0};
	text_of(n, &raw);
	const char *s = raw.buf ? raw.buf : "";
	bool space = false;
	for (size_t i = 0; s[i]; i++) {
		bool ws = isspace((unsigned char)s[i]);
		if ((unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0)
			ws = true, i++;
		if (ws) {
			space = true;
			continue;
		}
		if (space && out.len)
			sb_addc(&out, ' ');
		space = false;
		sb_addc(&out, s[i]);
	}
	sb_release(&raw);
	return sb_detach(&out);
}

/* header_match: "Block function create" matches its column; trailing footnote marks that
 * are not in a <sup> (digits, '*') are ignored. */
static int header_col(const char *t)
{
	size_t n = strlen(t);
	while (n && (isdigit((unsigned char)t[n - 1]) || t[n - 1] == '*' || t[n - 1] == ' '))
		n--;
	for (int c = 0; c < NCOLS; c++)
		if (strlen(col_names[c]) == n && !strncasecmp(t, col_names[c], n))
			return c;
	return -1;
}

/* rows: every <tr> of a table, in order, not descending into nested tables. */
static void collect_rows(xmlNode *n, xmlNode ***rows, size_t *nr, size_t *alloc)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_el(c, "table"))
			continue;
		if (is_el(c, "tr")) {
			ALLOC_GROW(*rows, *nr + 1, *alloc);
			(*rows)[(*nr)++] = c;
		} else {
			collect_rows(c, rows, nr, alloc);
		}
	}
}

static size_t cells_of(xmlNode *tr, xmlNode **cells, size_t max, bool *has_th)
{
	size_t n = 0;
	*has_th = false;
	for (xmlNode *c = tr->children; c; c = c->next)
		if (is_el(c, "td") || is_el(c, "th")) {
			if (is_el(c, "th"))
				*has_th = true;
			if (n < max)
				cells[n] = c;
			n++;
		}
	return n;
}

#define MAX_CELLS 32

static void bad(struct walk *w, long line, const char *fmt, ...) MSG_PRINTF(3, 4);
static void bad(struct walk *w, long line, const char *fmt, ...)
{
	if (w->errors++ < MAX_ERRORS) {
		char msg[512];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		errorf("%s:%ld: %s", w->origin, line, msg);
	}
}

static bool valid_identifier(const char *s)
{
	if (!*s || strlen(s) > 64)
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '.' && *s != '-' && *s != '_')
			return false;
	return true;
}

static void read_table(struct walk *w, xmlNode *table)
{
	xmlNode **rows = NULL, *cells[MAX_CELLS];
	size_t nr = 0, alloc = 0, hdr = (size_t)-1;
	int col[NCOLS];
	bool th;

	collect_rows(table, &rows, &nr, &alloc);
	for (size_t i = 0; i < nr && hdr == (size_t)-1; i++) {
		cells_of(rows[i], cells, MAX_CELLS, &th);
		if (th)
			hdr = i;
	}
	if (hdr == (size_t)-1)
		goto out;
	size_t nc = cells_of(rows[hdr], cells, MAX_CELLS, &th);
	int found = 0;
	for (int c = 0; c < NCOLS; c++)
		col[c] = -1;
	for (size_t i = 0; i < nc && i < MAX_CELLS; i++) {
		char *t = cell_text(cells[i]);
		int c = header_col(t);
		if (c >= 0 && col[c] < 0)
			col[c] = (int)i, found++;
		free(t);
	}
	const char *heading = w->heading.len ? w->heading.buf : "(no heading)";
	long tline = (long)xmlGetLineNo(table);
	if (col[COL_ID] < 0 || found < 2)
		goto out; /* another kind of table */
	if (found < NCOLS) {
		for (int c = 0; c < NCOLS; c++)
			if (col[c] < 0)
				bad(w, tline, "the runtimes table under \"%s\" has no \"%s\" column", heading, col_names[c]);
		goto out;
	}
	if (w->tables.len)
		sb_adds(&w->tables, ", ");
	sb_adds(&w->tables, heading);
	for (size_t i = hdr + 1; i < nr; i++) {
		long line = (long)xmlGetLineNo(rows[i]);
		nc = cells_of(rows[i], cells, MAX_CELLS, &th);
		if (nc == 0)
			continue;
		char *t[NCOLS] = {0};
		bool ok = true;
		for (int c = 0; c < NCOLS; c++)
			if (col[c] < (int)nc && col[c] < MAX_CELLS)
				t[c] = cell_text(cells[col[c]]);
		if (!t[COL_ID] || !t[COL_DEP] || !t[COL_CREATE] || !t[COL_UPDATE]) {
			bad(w, line, "a row of the table under \"%s\" has %zu cells, fewer than its header", heading, nc);
			ok = false;
		} else if (!valid_identifier(t[COL_ID])) {
			bad(w, line, "\"%s\" (table \"%s\") is not a runtime identifier", t[COL_ID], heading);
			ok = false;
		}
		struct update_row r = {0};
		const int dcols[3] = {COL_DEP, COL_CREATE, COL_UPDATE};
		date_t *dst[3] = {&r.deprecated, &r.block_create, &r.block_update};
		for (int k = 0; ok && k < 3; k++)
			if (update_parse_date(t[dcols[k]], dst[k]) < 0) {
				bad(w, line, "%s, %s: \"%s\" is not a date like \"Jan 9, 2024\" or \"Not scheduled\"",
				    t[COL_ID], col_names[dcols[k]], t[dcols[k]]);
				ok = false;
			}
		if (ok) {
			r.runtime = t[COL_ID];
			r.name = t[COL_NAME] ? t[COL_NAME] : xstrdup("");
			r.os = t[COL_OS] ? t[COL_OS] : xstrdup("");
			r.line = line;
			t[COL_ID] = t[COL_NAME] = t[COL_OS] = NULL;
			ALLOC_GROW(w->page->v, w->page->n + 1, w->page->alloc);
			w->page->v[w->page->n++] = r;
		}
		for (int c = 0; c < NCOLS; c++)
			free(t[c]);
	}
out:
	free(rows);
}

static void walk(struct walk *w, xmlNode *n)
{
	for (xmlNode *c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if ((nm[0] == 'h' || nm[0] == 'H') && nm[1] >= '1' && nm[1] <= '6' && !nm[2]) {
			char *t = cell_text(c);
			sb_release(&w->heading);
			sb_adds(&w->heading, t);
			free(t);
			continue;
		}
		if (is_el(c, "table")) {
			read_table(w, c);
			continue;
		}
		walk(w, c->children);
	}
}

static bool aws_page_sniff(const char *buf, size_t len)
{
	return memchr(buf, '<', len < 4096 ? len : 4096) != NULL;
}

static int aws_page_parse(const char *buf, size_t len, const char *origin, struct update_page *page)
{
	struct walk w = {origin, page, {0}, {0}, 0};
	if (len > INT_MAX)
		return errorf("%s: the page is too large", origin);
	/* a page cut off in transfer still parses: the end tag says it is whole */
	size_t tail = len < 1024 ? len : 1024;
	bool whole = false;
	for (size_t i = len - tail; i + 7 <= len && !whole; i++)
		whole = !strncasecmp(buf + i, "</html>", 7);
	if (!whole)
		return errorf("%s: the page ends before </html>: it was cut off", origin);
	htmlDocPtr doc = htmlReadMemory(buf, (int)len, origin, "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (!doc)
		return errorf("%s: not an HTML page", origin);
	walk(&w, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	sb_release(&w.heading);
	page->tables = sb_detach(&w.tables);
	if (w.errors > MAX_ERRORS)
		errorf("%s: %d more problems", origin, w.errors - MAX_ERRORS);
	if (w.errors)
		return -1;
	if (!*page->tables)
		return errorf("%s: no runtimes table (columns %s, %s, %s, %s, %s, %s) on this page: "
			      "not the Lambda runtimes page, or its layout changed",
			      origin, col_names[0], col_names[1], col_names[2], col_names[3], col_names[4],
			      col_names[5]);
	return 0;
}

const struct update_source update_sources[] = {
	{"AWS Lambda runtimes page (HTML)", aws_page_sniff, aws_page_parse},
	{NULL, NULL, NULL},
};
