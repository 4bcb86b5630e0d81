/* hcl: a hand-written lexer and recursive-descent parser for HCL native syntax.
 *
 * The lexer is lazy: the parser asks for one token of lookahead at a time, which lets
 * templates ("...", heredocs) be scanned byte by byte and hand over to the expression
 * parser at each "${" or "%{". Newlines are significant in a body and an object
 * constructor and ignored inside (), [] and template interpolations: every token carries
 * whether a newline came before it, and peek() turns that into a NEWLINE token only while
 * newlines are significant.
 *
 * Every node and string lives in an arena owned by the hcl_file; growable scratch stacks
 * in the parser collect the children of a construct until it is complete, then they are
 * copied to the arena. A syntax error longjmps back to hcl_parse, which frees everything.
 * Recursion is bounded by a single depth counter shared by blocks, expressions and
 * template directives. The tree is kept shallow too: a chain of binary operators of one
 * precedence, a run of unary operators and a chain of index/splat steps each become one
 * HCL_OTHER node. */
#include "iac/hcl.h"
#include "util/text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/budget.h"
#include "util/xalloc.h"

/* ---- arena ---- */

struct chunk {
	struct chunk *next;
	size_t cap, used;
	max_align_t data[];
};

struct arena {
	struct chunk *head;
	size_t next_cap;
	/* what this file may hold (budget_parse_cap of its size) and what it holds: its tree and
	 * the line index; the same bytes are charged to the scan's budget when there is one */
	size_t cap, charged;
	struct budget *budget;
	bool over_file; /* the last failed charge was over the file's cap (else the scan's) */
};

struct hcl_file {
	struct chunk *chunks;
	struct hcl_body *body;
	struct budget *budget;
	size_t charged;
	struct hcl_error dup; /* the first attribute set twice (line 0: none) */
};

#define ARENA_FIRST_CHUNK (64u << 10)
#define ARENA_MAX_CHUNK (4u << 20)

/* arena_charge counts n more bytes against the file's cap and the scan's budget: -1 when
 * either would be exceeded (nothing is charged then). */
static int arena_charge(struct arena *a, size_t n)
{
	a->over_file = n > a->cap || a->charged > a->cap - n;
	if (a->over_file)
		return -1;
	if (budget_take(a->budget, n) < 0)
		return -1;
	a->charged += n;
	return 0;
}

/* arena_alloc returns n bytes aligned to `align` (a power of two), from the current chunk
 * or a new one; NULL when the bytes are over the budget. What is charged is what the tree
 * uses (bytes handed out, alignment and chunk headers): the unused end of a chunk is never
 * touched, so it costs address space, not memory. The memory is not zeroed. */
static void *arena_alloc(struct arena *a, size_t n, size_t align)
{
	struct chunk *c = a->head;
	if (c) {
		size_t off = (c->used + align - 1) & ~(align - 1);
		if (off <= c->cap && c->cap - off >= n) {
			if (arena_charge(a, off + n - c->used) < 0)
				return NULL;
			c->used = off + n;
			return (unsigned char *)c->data + off;
		}
	}
	size_t cap = a->next_cap;
	if (cap < n)
		cap = n;
	if (a->next_cap < ARENA_MAX_CHUNK)
		a->next_cap *= 2;
	if (arena_charge(a, sizeof(*c) + n) < 0)
		return NULL;
	c = xmalloc(sizeof(*c) + cap);
	c->next = a->head;
	c->cap = cap;
	c->used = n;
	a->head = c;
	return c->data;
}

/* arena_free releases every chunk of an arena list. */
static void arena_free(struct chunk *c)
{
	while (c) {
		struct chunk *following = c->next;
		free(c);
		c = following;
	}
}

/* ---- tokens and parser state ---- */

enum tk {
	TK_EOF,
	TK_NEWLINE,
	TK_IDENT,
	TK_NUMBER,
	TK_OQUOTE,
	TK_HEREDOC,
	TK_LBRACE,
	TK_RBRACE,
	TK_LBRACK,
	TK_RBRACK,
	TK_LPAREN,
	TK_RPAREN,
	TK_COMMA,
	TK_DOT,
	TK_ELLIPSIS,
	TK_ASSIGN,
	TK_ARROW,
	TK_COLON,
	TK_DCOLON,
	TK_QUESTION,
	TK_TILDE,
	TK_BANG,
	TK_STAR,
	TK_SLASH,
	TK_PERCENT,
	TK_PLUS,
	TK_MINUS,
	TK_EQ,
	TK_NE,
	TK_LT,
	TK_LE,
	TK_GT,
	TK_GE,
	TK_AND,
	TK_OR,
};

static const char *const tk_names[] = {
	[TK_EOF] = "end of input", [TK_NEWLINE] = "newline", [TK_IDENT] = "identifier",
	[TK_NUMBER] = "number",    [TK_OQUOTE] = "string",   [TK_HEREDOC] = "heredoc",
	[TK_LBRACE] = "'{'",       [TK_RBRACE] = "'}'",      [TK_LBRACK] = "'['",
	[TK_RBRACK] = "']'",       [TK_LPAREN] = "'('",      [TK_RPAREN] = "')'",
	[TK_COMMA] = "','",        [TK_DOT] = "'.'",         [TK_ELLIPSIS] = "'...'",
	[TK_ASSIGN] = "'='",       [TK_ARROW] = "'=>'",      [TK_COLON] = "':'",
	[TK_DCOLON] = "'::'",      [TK_QUESTION] = "'?'",    [TK_TILDE] = "'~'",
	[TK_BANG] = "'!'",         [TK_STAR] = "'*'",        [TK_SLASH] = "'/'",
	[TK_PERCENT] = "'%'",      [TK_PLUS] = "'+'",        [TK_MINUS] = "'-'",
	[TK_EQ] = "'=='",          [TK_NE] = "'!='",         [TK_LT] = "'<'",
	[TK_LE] = "'<='",          [TK_GT] = "'>'",          [TK_GE] = "'>='",
	[TK_AND] = "'&&'",         [TK_OR] = "'||'",
};

struct token {
	enum tk type;
	size_t start, end; /* bytes of the token; for TK_NEWLINE, the newline */
	bool nl;           /* a newline came between the previous token and this one */
	size_t nl_pos;     /* where that newline is */
	/* TK_HEREDOC: the marker's bytes and whether it is the flush form <<- */
	size_t mark_start, mark_end;
	bool flush;
};

/* One piece of a template while it is parsed: literal bytes [a, b) or an expression. */
struct part {
	size_t a, b;
	struct hcl_expr *e;
	bool strip_l, strip_r; /* "~}" before or "${~" after this literal */
};

/* An open %{ if } or %{ for } directive. */
struct directive {
	size_t pos;
	char kind; /* 'i' if, 'e' if after its else, 'f' for */
};

struct parser {
	struct hcl_error dup; /* the first attribute set twice in a body (line 0: none) */
	const char *buf;
	size_t len;
	size_t pos;       /* lexer position: first byte not yet turned into a token */
	struct token tok; /* lookahead, valid when have_tok */
	bool have_tok;
	bool nl_sig; /* newlines end things here */
	int depth;
	size_t *lines; /* byte offset where each line starts */
	size_t nlines, last_line;
	struct arena arena;
	jmp_buf jb;
	struct hcl_error *err;

	/* scratch stacks, reused by every construct (stack discipline) */
	struct hcl_expr **exprs;
	size_t nexprs, aexprs;
	struct hcl_attr *attrs;
	size_t nattrs, aattrs;
	struct hcl_block *blocks;
	size_t nblocks, ablocks;
	const char **labels;
	size_t nlabels, alabels;
	struct part *parts;
	size_t nparts, aparts;
	struct directive *dirs;
	size_t ndirs, adirs;
	char *name;
	size_t nname, aname;
};

/* ---- positions and errors ---- */

/* locate turns byte offset pos into a 1-based line and byte column. Lookups mostly move
 * forward a little, so the previous line is tried first, then a binary search. */
static void locate(struct parser *p, size_t pos, long *line, long *column)
{
	size_t lo = p->last_line, hi = p->nlines;
	if (p->lines[lo] <= pos) {
		for (int i = 0; i < 4 && lo + 1 < hi && p->lines[lo + 1] <= pos; i++)
			lo++;
		if (lo + 1 < hi && p->lines[lo + 1] <= pos)
			hi = p->nlines;
		else
			hi = lo + 1;
	} else {
		lo = 0;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->lines[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	p->last_line = lo;
	*line = (long)lo + 1;
	*column = pos >= p->lines[lo] ? (long)(pos - p->lines[lo]) + 1 : 1;
}

/* fail records a syntax error at byte offset pos and unwinds to hcl_parse. */
static _Noreturn void fail(struct parser *p, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static _Noreturn void fail(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;
	locate(p, pos, &p->err->line, &p->err->column);
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
	va_end(ap);
	longjmp(p->jb, 1);
}

/* describe writes a short description of token t for an error message into out. */
static const char *describe(const struct parser *p, const struct token *t, char *out, size_t size)
{
	if (t->type == TK_IDENT || t->type == TK_NUMBER) {
		size_t n = t->end - t->start;
		snprintf(out, size, "%s\"%.*s%s\"", t->type == TK_NUMBER ? "number " : "",
			 (int)(n > 40 ? 40 : n), p->buf + t->start, n > 40 ? "..." : "");
		return out;
	}
	return tk_names[t->type];
}

/* ---- lexer ---- */

/* is_ident_start tells whether byte c can begin an identifier (non-ASCII bytes are
 * accepted as letters, so UTF-8 identifiers work without decoding). */
static bool is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* is_ident_char tells whether byte c can continue an identifier. */
static bool is_ident_char(unsigned char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9') || c == '-';
}

/* is_digit tells whether byte c is an ASCII digit. */
static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* at tells whether byte pos exists and is c. */
static bool at(const struct parser *p, size_t pos, char c) { return pos < p->len && p->buf[pos] == c; }

/* lex reads the token that starts at or after pos, skipping spaces and comments. It does
 * not change the parser (other than by failing), so it can also be used to look ahead. */
static struct token lex(struct parser *p, size_t pos)
{
	const char *b = p->buf;
	size_t len = p->len;
	struct token t = {0};
	for (;;) {
		if (pos >= len)
			break;
		char c = b[pos];
		if (c == ' ' || c == '\t' || c == '\r') {
			pos++;
		} else if (c == '\n') {
			if (!t.nl)
				t.nl_pos = pos;
			t.nl = true;
			pos++;
		} else if (c == '#' || (c == '/' && at(p, pos + 1, '/'))) {
			const char *nl = memchr(b + pos, '\n', len - pos);
			pos = nl ? (size_t)(nl - b) : len;
		} else if (c == '/' && at(p, pos + 1, '*')) {
			size_t open = pos;
			pos += 2;
			for (;;) {
				if (pos + 1 >= len)
					fail(p, open, "unterminated comment");
				if (b[pos] == '*' && b[pos + 1] == '/')
					break;
				if (b[pos] == '\n' && !t.nl) {
					t.nl = true;
					t.nl_pos = pos;
				}
				pos++;
			}
			pos += 2;
		} else {
			break;
		}
	}
	t.start = pos;
	if (pos >= len) {
		t.type = TK_EOF;
		t.end = len;
		return t;
	}
	unsigned char c = (unsigned char)b[pos];
	char c1 = pos + 1 < len ? b[pos + 1] : 0;
	size_t n = 1;
	if (is_ident_start(c)) {
		while (pos + n < len && is_ident_char((unsigned char)b[pos + n]))
			n++;
		t.type = TK_IDENT;
	} else if (is_digit(c)) {
		while (pos + n < len && is_digit((unsigned char)b[pos + n]))
			n++;
		if (at(p, pos + n, '.') && pos + n + 1 < len && is_digit((unsigned char)b[pos + n + 1])) {
			n++;
			while (pos + n < len && is_digit((unsigned char)b[pos + n]))
				n++;
		}
		if (pos + n < len && (b[pos + n] == 'e' || b[pos + n] == 'E')) {
			size_t e = pos + n + 1;
			if (e < len && (b[e] == '+' || b[e] == '-'))
				e++;
			if (e < len && is_digit((unsigned char)b[e])) {
				while (e < len && is_digit((unsigned char)b[e]))
					e++;
				n = e - pos;
			}
		}
		t.type = TK_NUMBER;
	} else {
		switch (c) {
		case '"': t.type = TK_OQUOTE; break;
		case '{': t.type = TK_LBRACE; break;
		case '}': t.type = TK_RBRACE; break;
		case '[': t.type = TK_LBRACK; break;
		case ']': t.type = TK_RBRACK; break;
		case '(': t.type = TK_LPAREN; break;
		case ')': t.type = TK_RPAREN; break;
		case ',': t.type = TK_COMMA; break;
		case '?': t.type = TK_QUESTION; break;
		case '~': t.type = TK_TILDE; break;
		case '*': t.type = TK_STAR; break;
		case '/': t.type = TK_SLASH; break;
		case '%': t.type = TK_PERCENT; break;
		case '+': t.type = TK_PLUS; break;
		case '-': t.type = TK_MINUS; break;
		case '.':
			if (c1 == '.' && at(p, pos + 2, '.')) {
				t.type = TK_ELLIPSIS;
				n = 3;
			} else {
				t.type = TK_DOT;
			}
			break;
		case ':':
			t.type = c1 == ':' ? TK_DCOLON : TK_COLON;
			n = c1 == ':' ? 2 : 1;
			break;
		case '=':
			t.type = c1 == '=' ? TK_EQ : c1 == '>' ? TK_ARROW : TK_ASSIGN;
			n = c1 == '=' || c1 == '>' ? 2 : 1;
			break;
		case '!':
			t.type = c1 == '=' ? TK_NE : TK_BANG;
			n = c1 == '=' ? 2 : 1;
			break;
		case '>':
			t.type = c1 == '=' ? TK_GE : TK_GT;
			n = c1 == '=' ? 2 : 1;
			break;
		case '&':
			if (c1 != '&')
				fail(p, pos, "unexpected character '&' (use '&&')");
			t.type = TK_AND;
			n = 2;
			break;
		case '|':
			if (c1 != '|')
				fail(p, pos, "unexpected character '|' (use '||')");
			t.type = TK_OR;
			n = 2;
			break;
		case '<':
			if (c1 != '<') {
				t.type = c1 == '=' ? TK_LE : TK_LT;
				n = c1 == '=' ? 2 : 1;
				break;
			}
			/* heredoc introducer: <<ID or <<-ID, then the end of the line */
			n = 2;
			if (at(p, pos + n, '-')) {
				t.flush = true;
				n++;
			}
			t.mark_start = pos + n;
			if (pos + n >= len || !is_ident_start((unsigned char)b[pos + n]))
				fail(p, pos, "expected an identifier after '%s'", t.flush ? "<<-" : "<<");
			while (pos + n < len && is_ident_char((unsigned char)b[pos + n]))
				n++;
			t.mark_end = pos + n;
			if (at(p, pos + n, '\r'))
				n++;
			if (!at(p, pos + n, '\n'))
				fail(p, pos + n, "expected a newline after heredoc marker \"%.*s\"",
				     (int)(t.mark_end - t.mark_start > 40 ? 40 : t.mark_end - t.mark_start),
				     b + t.mark_start);
			n++;
			t.type = TK_HEREDOC;
			break;
		case '\'': fail(p, pos, "unexpected character \"'\" (strings use double quotes)");
		default:
			if (c >= 0x21 && c < 0x7f)
				fail(p, pos, "unexpected character '%c'", c);
			fail(p, pos, "unexpected byte 0x%02x", c);
		}
	}
	t.end = pos + n;
	return t;
}

/* peek returns the lookahead token, as NEWLINE when a newline precedes it and newlines
 * are significant here. */
static struct token peek(struct parser *p)
{
	if (!p->have_tok) {
		p->tok = lex(p, p->pos);
		p->have_tok = true;
	}
	if (p->nl_sig && p->tok.nl) {
		struct token t = p->tok;
		t.type = TK_NEWLINE;
		t.start = t.nl_pos;
		t.end = t.nl_pos + 1;
		return t;
	}
	return p->tok;
}

/* next consumes and returns the lookahead token (a significant newline on its own). */
static struct token next(struct parser *p)
{
	struct token t = peek(p);
	if (t.type == TK_NEWLINE) {
		p->tok.nl = false;
	} else {
		p->have_tok = false;
		p->pos = t.end;
	}
	return t;
}

/* peek_type returns the type of the lookahead token. */
static enum tk peek_type(struct parser *p)
{
	if (!p->have_tok) {
		p->tok = lex(p, p->pos);
		p->have_tok = true;
	}
	return p->nl_sig && p->tok.nl ? TK_NEWLINE : p->tok.type;
}

/* peek_is tells whether the lookahead token is of type type. */
static bool peek_is(struct parser *p, enum tk type) { return peek_type(p) == type; }

/* peek_word tells whether the lookahead token is the identifier w. */
static bool peek_word(struct parser *p, const char *w)
{
	struct token t = peek(p);
	size_t n = strlen(w);
	return t.type == TK_IDENT && t.end - t.start == n && !memcmp(p->buf + t.start, w, n);
}

/* skip_newlines consumes significant newlines. */
static void skip_newlines(struct parser *p)
{
	while (peek_is(p, TK_NEWLINE))
		next(p);
}

/* expect_close consumes the closing token `type` of a construct opened at open_pos with
 * `opener`, or fails with "unclosed" at the end of input or "expected" elsewhere. */
static struct token expect_close(struct parser *p, enum tk type, const char *opener, size_t open_pos,
				 const char *what)
{
	struct token t = peek(p);
	char d[64];
	if (t.type == type)
		return next(p);
	if (t.type == TK_EOF) {
		long l, c;
		locate(p, open_pos, &l, &c);
		fail(p, t.start, "unclosed '%s' opened at %ld:%ld", opener, l, c);
	}
	fail(p, t.start, "expected %s, found %s", what, describe(p, &t, d, sizeof(d)));
}

/* ---- nodes and scratch stacks ---- */

/* palloc is arena_alloc for the parser: over the budget, the parse stops with an error. */
static void *palloc(struct parser *p, size_t n, size_t align)
{
	void *m = arena_alloc(&p->arena, n, align);
	if (!m) {
		if (p->arena.over_file)
			fail(p, p->pos, "the file needs more than %zu MiB to parse (%d bytes per byte of input and 1 MiB); "
					"not scanned",
			     p->arena.cap >> 20, BUDGET_PARSE_PER_BYTE);
		fail(p, p->pos, "the scan's memory budget for parsing (%zu MiB held at once) is spent; not scanned",
		     p->arena.budget->parse_total >> 20);
	}
	return m;
}

/* new_node returns a zeroed expression of `kind` covering bytes [start, end). */
static struct hcl_expr *new_node(struct parser *p, enum hcl_kind kind, size_t start, size_t end)
{
	struct hcl_expr *e = palloc(p, sizeof(*e), _Alignof(struct hcl_expr));
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->start = start;
	e->end = end;
	locate(p, start, &e->line, &e->column);
	return e;
}

/* copy_str returns a NUL-terminated arena copy of n bytes at s. */
static char *copy_str(struct parser *p, const char *s, size_t n)
{
	char *r = palloc(p, n + 1, 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

/* push_expr pushes e on the expression scratch stack. */
static void push_expr(struct parser *p, struct hcl_expr *e)
{
	ALLOC_GROW(p->exprs, p->nexprs + 1, p->aexprs);
	p->exprs[p->nexprs++] = e;
}

/* pop_exprs moves the expressions pushed since base into an arena array and sets *n. */
static struct hcl_expr **pop_exprs(struct parser *p, size_t base, size_t *n)
{
	*n = p->nexprs - base;
	if (!*n)
		return NULL;
	struct hcl_expr **v = palloc(p, *n * sizeof(*v), _Alignof(max_align_t));
	memcpy(v, p->exprs + base, *n * sizeof(*v));
	p->nexprs = base;
	return v;
}

/* push_part pushes a template part on the part scratch stack. */
static void push_part(struct parser *p, struct part part)
{
	ALLOC_GROW(p->parts, p->nparts + 1, p->aparts);
	p->parts[p->nparts++] = part;
}

/* name_add appends n bytes to the name scratch buffer. */
static void name_add(struct parser *p, const char *s, size_t n)
{
	ALLOC_GROW(p->name, p->nname + n + 1, p->aname);
	memcpy(p->name + p->nname, s, n);
	p->nname += n;
}

/* enter counts one level of nesting at pos, failing beyond HCL_MAX_DEPTH. */
static void enter(struct parser *p, size_t pos)
{
	if (++p->depth > HCL_MAX_DEPTH)
		fail(p, pos, "nesting deeper than %d", HCL_MAX_DEPTH);
}

/* ---- templates ---- */

static struct hcl_expr *parse_expr(struct parser *p);

/* escape_len checks the backslash escape at pos of a quoted template and returns its
 * length in bytes, storing a \u or \U code point in *cp (other escapes store -1). */
static size_t escape_len(struct parser *p, size_t pos, long *cp)
{
	char e = pos + 1 < p->len ? p->buf[pos + 1] : 0;
	*cp = -1;
	switch (e) {
	case 'n':
	case 'r':
	case 't':
	case '"':
	case '\\': return 2;
	case 'u':
	case 'U': {
		size_t digits = e == 'u' ? 4 : 8;
		long v = 0;
		for (size_t i = 0; i < digits; i++) {
			int h = pos + 2 + i < p->len ? text_hex_digit(p->buf[pos + 2 + i]) : -1;
			if (h < 0)
				fail(p, pos, "invalid unicode escape \"\\%c\" (expected %zu hex digits)", e, digits);
			v = v * 16 + h;
		}
		if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			fail(p, pos, "invalid unicode escape: U+%lX is not a character", v);
		*cp = v;
		return 2 + digits;
	}
	default:
		if (e >= 0x21 && e < 0x7f)
			fail(p, pos, "invalid escape sequence \"\\%c\"", e);
		fail(p, pos, "invalid escape sequence");
	}
}

/* is_space tells whether c is template whitespace for strip markers. */
static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* indent_run counts the spaces and tabs at x, stopping at b, and sets *blank when the line
 * ends (newline) right after them. */
static size_t indent_run(const struct parser *p, size_t x, size_t b, bool *blank)
{
	size_t n = 0;
	while (x + n < b && (p->buf[x + n] == ' ' || p->buf[x + n] == '\t'))
		n++;
	size_t y = x + n;
	*blank = y < b && (p->buf[y] == '\n' || (p->buf[y] == '\r' && y + 1 < b && p->buf[y + 1] == '\n'));
	return n;
}

/* flush_indent returns how much leading whitespace a <<- heredoc strips from each line:
 * the least indentation of its non-blank lines, counting only literal text (a line that
 * starts with an interpolation has none). */
static size_t flush_indent(const struct parser *p, size_t base)
{
	size_t min = SIZE_MAX;
	for (size_t i = base; i < p->nparts; i++) {
		const struct part *pt = &p->parts[i];
		if (pt->e) {
			if (p->buf[pt->a - 1] == '\n')
				min = 0;
			continue;
		}
		for (size_t x = pt->a; x < pt->b; x++) {
			if (p->buf[x - 1] != '\n')
				continue;
			bool blank;
			size_t run = indent_run(p, x, pt->b, &blank);
			if (!blank && run < min)
				min = run;
		}
	}
	return min == SIZE_MAX ? 0 : min;
}

/* literal decodes the template literal bytes [a, b) into a new HCL_STRING: escapes when
 * quoted, $${ and %%{ always, and for heredocs CRLF to LF and `flush` bytes of
 * indentation off each non-blank line; then the strip markers. */
static struct hcl_expr *literal(struct parser *p, size_t a, size_t b, bool quoted, size_t flush, bool strip_l,
				bool strip_r)
{
	const char *buf = p->buf;
	char *out = palloc(p, b - a + 1, 1);
	size_t n = 0, i = a;
	while (i < b) {
		if (!quoted && flush && buf[i - 1] == '\n') {
			bool blank;
			indent_run(p, i, b, &blank);
			for (size_t k = 0; !blank && k < flush && i < b && (buf[i] == ' ' || buf[i] == '\t'); k++)
				i++;
			if (i >= b)
				break;
		}
		char c = buf[i];
		if (quoted && c == '\\') {
			long cp;
			size_t el = escape_len(p, i, &cp);
			if (cp >= 0) {
				n += text_utf8_put(out + n, (unsigned long)cp);
			} else {
				char e = buf[i + 1];
				out[n++] = e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
			}
			i += el;
		} else if ((c == '$' || c == '%') && i + 2 < b && buf[i + 1] == c && buf[i + 2] == '{') {
			out[n++] = c;
			out[n++] = '{';
			i += 3;
		} else if (!quoted && c == '\r' && i + 1 < b && buf[i + 1] == '\n') {
			i++;
		} else {
			out[n++] = c;
			i++;
		}
	}
	char *s = out;
	if (strip_l)
		while (n && is_space(*s)) {
			s++;
			n--;
		}
	if (strip_r)
		while (n && is_space(s[n - 1]))
			n--;
	s[n] = '\0';
	struct hcl_expr *e = new_node(p, HCL_STRING, a, b);
	e->str = s;
	e->str_start = a;
	e->str_end = b;
	e->in_place = quoted && n == b - a && !memcmp(s, buf + a, n);
	return e;
}

/* directive parses the inside of "%{ ... }" after the optional strip marker, tracking
 * if/else/endif and for/endfor nesting from dbase on the directive stack. Condition and
 * collection expressions become parts. open is the '%' of the directive. */
static void directive(struct parser *p, size_t open, size_t dbase)
{
	struct token t = peek(p);
	char d[64];
	if (t.type != TK_IDENT)
		fail(p, t.start, "expected if, else, endif, for or endfor after '%%{', found %s",
		     describe(p, &t, d, sizeof(d)));
	next(p);
	const char *w = p->buf + t.start;
	size_t n = t.end - t.start;
	struct directive *top = p->ndirs > dbase ? &p->dirs[p->ndirs - 1] : NULL;
	if ((n == 2 && !memcmp(w, "if", 2)) || (n == 3 && !memcmp(w, "for", 3))) {
		bool is_for = n == 3;
		enter(p, open);
		if (is_for) {
			for (int i = 0; i < 2; i++) {
				t = next(p);
				if (t.type != TK_IDENT)
					fail(p, t.start, "expected a variable name after 'for', found %s",
					     describe(p, &t, d, sizeof(d)));
				if (i == 1 || !peek_is(p, TK_COMMA))
					break;
				next(p);
			}
			if (!peek_word(p, "in")) {
				t = peek(p);
				fail(p, t.start, "expected 'in', found %s", describe(p, &t, d, sizeof(d)));
			}
			next(p);
		}
		push_part(p, (struct part){.a = open, .e = parse_expr(p)});
		ALLOC_GROW(p->dirs, p->ndirs + 1, p->adirs);
		p->dirs[p->ndirs++] = (struct directive){.pos = open, .kind = is_for ? 'f' : 'i'};
	} else if (n == 4 && !memcmp(w, "else", 4)) {
		if (!top || top->kind != 'i')
			fail(p, t.start, "'%%{ else }' without a matching '%%{ if }'");
		top->kind = 'e';
	} else if ((n == 5 && !memcmp(w, "endif", 5)) || (n == 6 && !memcmp(w, "endfor", 6))) {
		bool is_for = n == 6;
		if (!top || (top->kind == 'f') != is_for)
			fail(p, t.start, "'%%{ %s }' without a matching '%%{ %s }'", is_for ? "endfor" : "endif",
			     is_for ? "for" : "if");
		p->ndirs--;
		p->depth--;
	} else {
		fail(p, t.start, "unknown template directive \"%.*s\" (expected if, else, endif, for or endfor)",
		     (int)(n > 40 ? 40 : n), w);
	}
}

/* heredoc_end tells whether the line at pos is the heredoc's closing marker (optionally
 * indented, optionally followed by blanks), and if so stores the offset just past the marker in *end. */
static bool heredoc_end(const struct parser *p, const struct token *h, size_t pos, size_t *end)
{
	while (pos < p->len && (p->buf[pos] == ' ' || p->buf[pos] == '\t'))
		pos++;
	size_t m = h->mark_end - h->mark_start;
	if (p->len - pos < m || memcmp(p->buf + pos, p->buf + h->mark_start, m))
		return false;
	pos += m;
	size_t mark_end = pos;
	while (pos < p->len && (p->buf[pos] == ' ' || p->buf[pos] == '\t'))
		pos++; /* blanks after the marker: Terraform accepts them */
	if (pos < p->len && p->buf[pos] == '\r')
		pos++;
	if (pos < p->len && p->buf[pos] != '\n')
		return false;
	*end = pos > mark_end && p->buf[pos - 1] == '\r' && pos - 1 == mark_end ? pos : mark_end;
	return true;
}

/* parse_template parses a quoted template (open is its '"', the lexer is just past it) or
 * a heredoc (h is the introducer token). The lexer continues after the closing quote or
 * marker. Result: HCL_STRING without interpolation, HCL_TEMPLATE with it, HCL_OTHER with
 * directives. */
static struct hcl_expr *parse_template(struct parser *p, size_t open, const struct token *h)
{
	const char *buf = p->buf;
	size_t len = p->len, pbase = p->nparts, dbase = p->ndirs;
	size_t body = h ? h->end : open + 1, pos = body, seg = pos, content_end, end;
	bool strip_l = false, interp = false, dirs = false;
	for (;;) {
		if (h && buf[pos - 1] == '\n' && heredoc_end(p, h, pos, &end)) {
			content_end = pos;
			break;
		}
		if (pos >= len) {
			if (h)
				fail(p, open, "unterminated heredoc: no line \"%.*s\" closes it",
				     (int)(h->mark_end - h->mark_start > 40 ? 40 : h->mark_end - h->mark_start),
				     buf + h->mark_start);
			fail(p, open, "unterminated string");
		}
		char c = buf[pos];
		if (!h && c == '"') {
			content_end = pos;
			end = pos + 1;
			break;
		}
		if (!h && c == '\n')
			fail(p, open, "unterminated string");
		if (!h && c == '\\') {
			long cp;
			pos += escape_len(p, pos, &cp);
			continue;
		}
		if ((c == '$' || c == '%') && pos + 1 < len) {
			if (buf[pos + 1] == c && pos + 2 < len && buf[pos + 2] == '{') {
				pos += 3;
				continue;
			}
			if (buf[pos + 1] == '{') {
				size_t start = pos;
				bool strip_r = at(p, pos + 2, '~');
				if (seg < pos)
					push_part(p, (struct part){.a = seg, .b = pos, .strip_l = strip_l, .strip_r = strip_r});
				p->pos = pos + 2 + strip_r;
				p->have_tok = false;
				bool saved = p->nl_sig;
				p->nl_sig = false;
				if (c == '$') {
					push_part(p, (struct part){.a = start, .e = parse_expr(p)});
					interp = true;
				} else {
					directive(p, start, dbase);
					dirs = true;
				}
				strip_l = false;
				if (peek_is(p, TK_TILDE)) {
					next(p);
					strip_l = true;
				}
				expect_close(p, TK_RBRACE, c == '$' ? "${" : "%{", start,
					     c == '$' ? "'}' to end the interpolation" : "'}' to end the directive");
				p->nl_sig = saved;
				pos = seg = p->pos;
				continue;
			}
		}
		pos++;
	}
	if (seg < content_end)
		push_part(p, (struct part){.a = seg, .b = content_end, .strip_l = strip_l});
	if (p->ndirs > dbase) {
		const struct directive *dir = &p->dirs[p->ndirs - 1];
		long l, c;
		locate(p, dir->pos, &l, &c);
		fail(p, content_end, "unclosed '%%{ %s }' opened at %ld:%ld", dir->kind == 'f' ? "for" : "if", l, c);
	}
	p->pos = end;
	p->have_tok = false;

	size_t flush = h && h->flush ? flush_indent(p, pbase) : 0;
	struct hcl_expr *e;
	if (!interp && !dirs) {
		e = literal(p, body, content_end, !h, flush, false, false);
		e->start = open;
		e->end = end;
		locate(p, open, &e->line, &e->column);
		if (h)
			e->in_place = false;
	} else {
		size_t ebase = p->nexprs;
		for (size_t i = pbase; i < p->nparts; i++) {
			struct part pt = p->parts[i];
			if (pt.e) {
				push_expr(p, pt.e);
				continue;
			}
			struct hcl_expr *lit = literal(p, pt.a, pt.b, !h, flush, pt.strip_l, pt.strip_r);
			if (*lit->str)
				push_expr(p, lit);
		}
		e = new_node(p, dirs ? HCL_OTHER : HCL_TEMPLATE, open, end);
		e->items = pop_exprs(p, ebase, &e->n);
		e->str_start = body;
		e->str_end = content_end;
	}
	p->nparts = pbase;
	return e;
}

/* ---- expressions ---- */

/* parse_for parses a for expression after its opening bracket `open` ('[' or '{'), the
 * lookahead being the word "for". Result: HCL_FOR. */
static struct hcl_expr *parse_for(struct parser *p, struct token open)
{
	bool obj = open.type == TK_LBRACE;
	char d[64];
	size_t base = p->nexprs;
	bool saved = p->nl_sig;
	p->nl_sig = false;
	next(p);
	const char *names[2] = {NULL, NULL};
	int nnames = 0;
	for (int i = 0; i < 2; i++) {
		struct token t = next(p);
		if (t.type != TK_IDENT)
			fail(p, t.start, "expected a variable name after 'for', found %s", describe(p, &t, d, sizeof(d)));
		names[nnames++] = copy_str(p, p->buf + t.start, t.end - t.start);
		if (i == 1 || !peek_is(p, TK_COMMA))
			break;
		next(p);
	}
	bool group = false, cond = false;
	if (!peek_word(p, "in")) {
		struct token t = peek(p);
		fail(p, t.start, "expected 'in', found %s", describe(p, &t, d, sizeof(d)));
	}
	next(p);
	push_expr(p, parse_expr(p));
	struct token t = peek(p);
	if (t.type != TK_COLON)
		fail(p, t.start, "expected ':' after the for collection, found %s", describe(p, &t, d, sizeof(d)));
	next(p);
	push_expr(p, parse_expr(p));
	if (obj) {
		t = peek(p);
		if (t.type != TK_ARROW)
			fail(p, t.start, "expected '=>' after the for key, found %s", describe(p, &t, d, sizeof(d)));
		next(p);
		push_expr(p, parse_expr(p));
		if (peek_is(p, TK_ELLIPSIS)) {
			next(p);
			group = true;
		}
	}
	if (peek_word(p, "if")) {
		next(p);
		push_expr(p, parse_expr(p));
		cond = true;
	}
	t = expect_close(p, obj ? TK_RBRACE : TK_RBRACK, obj ? "{" : "[", open.start,
			 obj ? "'if' or '}' to end the for expression" : "'if' or ']' to end the for expression");
	p->nl_sig = saved;
	struct hcl_expr *e = new_node(p, HCL_FOR, open.start, t.end);
	e->items = pop_exprs(p, base, &e->n);
	e->for_key = nnames == 2 ? names[0] : NULL;
	e->for_value = names[nnames - 1];
	e->for_object = obj;
	e->for_group = group;
	e->for_cond = cond;
	return e;
}

/* starts_for tells whether the lookahead, just after '[' or '{', begins a for expression:
 * the word "for" followed by an identifier. */
static bool starts_for(struct parser *p)
{
	if (!peek_word(p, "for"))
		return false;
	return lex(p, p->tok.end).type == TK_IDENT;
}

/* parse_tuple parses "[a, b]" or a for expression after the '[' token open. */
static struct hcl_expr *parse_tuple(struct parser *p, struct token open)
{
	bool saved = p->nl_sig;
	p->nl_sig = false;
	if (starts_for(p)) {
		p->nl_sig = saved;
		return parse_for(p, open);
	}
	size_t base = p->nexprs;
	struct token t;
	for (;;) {
		if (peek_is(p, TK_RBRACK) || peek_is(p, TK_EOF))
			break;
		push_expr(p, parse_expr(p));
		if (!peek_is(p, TK_COMMA))
			break;
		next(p);
	}
	t = expect_close(p, TK_RBRACK, "[", open.start, "',' or ']'");
	p->nl_sig = saved;
	struct hcl_expr *e = new_node(p, HCL_TUPLE, open.start, t.end);
	e->items = pop_exprs(p, base, &e->n);
	return e;
}

/* parse_object parses "{k = v, ...}" (newlines also separate items) or a for expression
 * after the '{' token open. A key written as a bare word becomes an HCL_STRING. */
static struct hcl_expr *parse_object(struct parser *p, struct token open)
{
	bool saved = p->nl_sig;
	char d[64];
	p->nl_sig = false;
	if (starts_for(p)) {
		p->nl_sig = saved;
		return parse_for(p, open);
	}
	p->nl_sig = true;
	size_t base = p->nexprs;
	struct token t;
	for (;;) {
		skip_newlines(p);
		if (peek_is(p, TK_RBRACE))
			break;
		if (peek_is(p, TK_EOF))
			break;
		struct hcl_expr *k = parse_expr(p);
		bool bare = p->buf[k->start] != '(' &&
			    ((k->kind == HCL_TRAVERSAL && !strchr(k->str, '.')) || k->kind == HCL_BOOL ||
			     k->kind == HCL_NULL);
		if (bare) {
			k->kind = HCL_STRING;
			k->str = copy_str(p, p->buf + k->start, k->end - k->start);
			k->str_start = k->start;
			k->str_end = k->end;
		}
		t = peek(p);
		if (t.type != TK_ASSIGN && t.type != TK_COLON) {
			if (t.type == TK_EOF)
				break;
			fail(p, t.start, "expected '=' or ':' after object key, found %s", describe(p, &t, d, sizeof(d)));
		}
		next(p);
		push_expr(p, k);
		push_expr(p, parse_expr(p));
		t = peek(p);
		if (t.type == TK_COMMA || t.type == TK_NEWLINE) {
			next(p);
			continue;
		}
		if (t.type != TK_RBRACE && t.type != TK_EOF)
			fail(p, t.start, "expected ',', newline or '}' after object item, found %s",
			     describe(p, &t, d, sizeof(d)));
	}
	t = expect_close(p, TK_RBRACE, "{", open.start, "'}'");
	p->nl_sig = saved;
	struct hcl_expr *e = new_node(p, HCL_OBJECT, open.start, t.end);
	size_t n2;
	struct hcl_expr **kv = pop_exprs(p, base, &n2);
	e->n = n2 / 2;
	if (e->n) {
		e->keys = palloc(p, e->n * sizeof(*e->keys), _Alignof(max_align_t));
		e->items = palloc(p, e->n * sizeof(*e->items), _Alignof(max_align_t));
		for (size_t i = 0; i < e->n; i++) {
			e->keys[i] = kv[2 * i];
			e->items[i] = kv[2 * i + 1];
		}
	}
	return e;
}

/* parse_call parses a function call whose name (possibly provider::ns::fn) starts with
 * the identifier token `name`; the lookahead is '(' or '::'. */
static struct hcl_expr *parse_call(struct parser *p, struct token name)
{
	char d[64];
	p->nname = 0;
	name_add(p, p->buf + name.start, name.end - name.start);
	while (peek_is(p, TK_DCOLON)) {
		next(p);
		struct token t = next(p);
		if (t.type != TK_IDENT)
			fail(p, t.start, "expected a function name after '::', found %s", describe(p, &t, d, sizeof(d)));
		name_add(p, "::", 2);
		name_add(p, p->buf + t.start, t.end - t.start);
	}
	struct token open = peek(p);
	if (open.type != TK_LPAREN)
		fail(p, open.start, "expected '(' after function name \"%.*s\", found %s",
		     (int)(p->nname > 60 ? 60 : p->nname), p->name, describe(p, &open, d, sizeof(d)));
	const char *fname = copy_str(p, p->name, p->nname);
	next(p);
	bool saved = p->nl_sig;
	p->nl_sig = false;
	size_t base = p->nexprs;
	bool expand = false;
	for (;;) {
		if (peek_is(p, TK_RPAREN) || peek_is(p, TK_EOF))
			break;
		push_expr(p, parse_expr(p));
		if (peek_is(p, TK_ELLIPSIS)) {
			next(p);
			expand = true;
			break;
		}
		if (!peek_is(p, TK_COMMA))
			break;
		next(p);
	}
	struct token t = expect_close(p, TK_RPAREN, "(", open.start, expand ? "')' after '...'" : "',' or ')'");
	p->nl_sig = saved;
	struct hcl_expr *e = new_node(p, HCL_CALL, name.start, t.end);
	e->str = fname;
	e->items = pop_exprs(p, base, &e->n);
	return e;
}

/* parse_primary parses a literal, variable, call, template, tuple, object or
 * parenthesised expression. */
static struct hcl_expr *parse_primary(struct parser *p)
{
	char d[64];
	struct token t = peek(p);
	struct hcl_expr *e;
	switch (t.type) {
	case TK_NUMBER:
		next(p);
		e = new_node(p, HCL_NUMBER, t.start, t.end);
		e->str = copy_str(p, p->buf + t.start, t.end - t.start);
		return e;
	case TK_IDENT: {
		next(p);
		const char *w = p->buf + t.start;
		size_t n = t.end - t.start;
		if (peek_is(p, TK_LPAREN) || peek_is(p, TK_DCOLON))
			return parse_call(p, t);
		enum hcl_kind k = HCL_TRAVERSAL;
		if ((n == 4 && !memcmp(w, "true", 4)) || (n == 5 && !memcmp(w, "false", 5)))
			k = HCL_BOOL;
		else if (n == 4 && !memcmp(w, "null", 4))
			k = HCL_NULL;
		e = new_node(p, k, t.start, t.end);
		if (k != HCL_NULL)
			e->str = copy_str(p, w, n);
		return e;
	}
	case TK_OQUOTE:
		next(p);
		return parse_template(p, t.start, NULL);
	case TK_HEREDOC:
		next(p);
		return parse_template(p, t.start, &t);
	case TK_LBRACK:
		next(p);
		return parse_tuple(p, t);
	case TK_LBRACE:
		next(p);
		return parse_object(p, t);
	case TK_LPAREN: {
		next(p);
		bool saved = p->nl_sig;
		p->nl_sig = false;
		e = parse_expr(p);
		struct token c = expect_close(p, TK_RPAREN, "(", t.start, "')'");
		p->nl_sig = saved;
		e->start = t.start;
		e->end = c.end;
		locate(p, t.start, &e->line, &e->column);
		return e;
	}
	default:
		if (t.type == TK_EOF)
			fail(p, t.start, "expected an expression, found end of input");
		fail(p, t.start, "expected an expression, found %s", describe(p, &t, d, sizeof(d)));
	}
}

/* to_other turns the postfix expression e into the base of an index/splat chain: its
 * traversal name (if any) is finished and it becomes the first item on the stack. */
static void to_other(struct parser *p, struct hcl_expr *e, bool trav, bool *other)
{
	if (*other)
		return;
	if (trav && p->nname != strlen(e->str))
		e->str = copy_str(p, p->name, p->nname);
	push_expr(p, e);
	*other = true;
}

/* parse_postfix parses a primary expression and its attribute, index and splat steps.
 * Attribute steps on a variable extend the HCL_TRAVERSAL; any index step (or a step on
 * something else) makes one HCL_INDEX whose items are the base expression and the steps,
 * a splat step one HCL_OTHER with the same items. */
static struct hcl_expr *parse_postfix(struct parser *p)
{
	char d[64];
	struct hcl_expr *e = parse_primary(p);
	bool trav = e->kind == HCL_TRAVERSAL && p->buf[e->start] != '(';
	bool other = false, splat = false;
	size_t base = p->nexprs, end = e->end;
	if (trav) {
		p->nname = 0;
		name_add(p, e->str, strlen(e->str));
	}
	for (;;) {
		struct token t = peek(p);
		if (t.type == TK_DOT) {
			next(p);
			if (p->pos < p->len && is_digit((unsigned char)p->buf[p->pos])) {
				size_t s = p->pos;
				while (p->pos < p->len && is_digit((unsigned char)p->buf[p->pos]))
					p->pos++;
				to_other(p, e, trav, &other);
				struct hcl_expr *idx = new_node(p, HCL_NUMBER, s, p->pos);
				idx->str = copy_str(p, p->buf + s, p->pos - s);
				push_expr(p, idx);
				end = p->pos;
				continue;
			}
			struct token a = next(p);
			if (a.type == TK_IDENT && trav && !other) {
				name_add(p, ".", 1);
				name_add(p, p->buf + a.start, a.end - a.start);
				e->end = end = a.end;
				continue;
			}
			if (a.type != TK_IDENT && a.type != TK_STAR)
				fail(p, a.start, "expected an attribute name after '.', found %s",
				     describe(p, &a, d, sizeof(d)));
			to_other(p, e, trav, &other);
			if (a.type == TK_STAR) {
				splat = true;
			} else {
				struct hcl_expr *name = new_node(p, HCL_STRING, a.start, a.end);
				name->str = copy_str(p, p->buf + a.start, a.end - a.start);
				name->str_start = a.start;
				name->str_end = a.end;
				push_expr(p, name);
			}
			end = a.end;
		} else if (t.type == TK_LBRACK) {
			next(p);
			to_other(p, e, trav, &other);
			bool saved = p->nl_sig;
			p->nl_sig = false;
			if (peek_is(p, TK_STAR)) {
				next(p);
				splat = true;
			} else
				push_expr(p, parse_expr(p));
			end = expect_close(p, TK_RBRACK, "[", t.start, "']'").end;
			p->nl_sig = saved;
		} else {
			break;
		}
	}
	if (!other) {
		if (trav && p->nname != strlen(e->str))
			e->str = copy_str(p, p->name, p->nname);
		return e;
	}
	struct hcl_expr *o = new_node(p, splat ? HCL_OTHER : HCL_INDEX, e->start, end);
	o->items = pop_exprs(p, base, &o->n);
	return o;
}

/* parse_unary parses a run of '-' and '!' operators and their operand: one HCL_OTHER for
 * the run, except that a single '-' before a number literal makes a negative HCL_NUMBER. */
static struct hcl_expr *parse_unary(struct parser *p)
{
	struct token first = peek(p);
	size_t ops = 0;
	while (peek_is(p, TK_MINUS) || peek_is(p, TK_BANG)) {
		next(p);
		ops++;
	}
	struct hcl_expr *e = parse_postfix(p);
	if (!ops)
		return e;
	if (ops == 1 && first.type == TK_MINUS && e->kind == HCL_NUMBER) {
		size_t n = strlen(e->str);
		char *s = palloc(p, n + 2, 1);
		s[0] = '-';
		memcpy(s + 1, e->str, n + 1);
		e->str = s;
		e->start = first.start;
		locate(p, first.start, &e->line, &e->column);
		return e;
	}
	struct hcl_expr *o = new_node(p, HCL_OTHER, first.start, e->end);
	o->items = palloc(p, sizeof(*o->items), _Alignof(max_align_t));
	o->items[0] = e;
	o->n = 1;
	return o;
}

/* binary_level returns the precedence level of binary operator token type (1 binds
 * loosest), or 0 if it is not one. */
static int binary_level(enum tk type)
{
	switch (type) {
	case TK_OR: return 1;
	case TK_AND: return 2;
	case TK_EQ:
	case TK_NE: return 3;
	case TK_LT:
	case TK_LE:
	case TK_GT:
	case TK_GE: return 4;
	case TK_PLUS:
	case TK_MINUS: return 5;
	case TK_STAR:
	case TK_SLASH:
	case TK_PERCENT: return 6;
	default: return 0;
	}
}

/* parse_binary parses operands joined by binary operators of precedence `level` or
 * tighter; the operands of one level become the items of one HCL_OTHER. */
static struct hcl_expr *parse_binary(struct parser *p, int level)
{
	if (level > 6)
		return parse_unary(p);
	struct hcl_expr *first = parse_binary(p, level + 1);
	if (binary_level(peek_type(p)) != level)
		return first;
	size_t base = p->nexprs;
	struct hcl_expr *last = first;
	push_expr(p, first);
	while (binary_level(peek_type(p)) == level) {
		next(p);
		last = parse_binary(p, level + 1);
		push_expr(p, last);
	}
	struct hcl_expr *o = new_node(p, HCL_OTHER, first->start, last->end);
	o->items = pop_exprs(p, base, &o->n);
	return o;
}

/* parse_expr parses a whole expression, a conditional being the loosest construct. It is
 * the one entry point of every nested expression and counts the nesting depth. */
static struct hcl_expr *parse_expr(struct parser *p)
{
	enter(p, peek(p).start);
	struct hcl_expr *e = parse_binary(p, 1);
	if (peek_is(p, TK_QUESTION)) {
		char d[64];
		next(p);
		struct hcl_expr *c = new_node(p, HCL_CONDITIONAL, e->start, e->end);
		c->items = palloc(p, 3 * sizeof(*c->items), _Alignof(max_align_t));
		c->n = 3;
		c->items[0] = e;
		c->items[1] = parse_expr(p);
		struct token t = peek(p);
		if (t.type != TK_COLON)
			fail(p, t.start, "expected ':' in conditional expression, found %s", describe(p, &t, d, sizeof(d)));
		next(p);
		c->items[2] = parse_expr(p);
		c->end = c->items[2]->end;
		e = c;
	}
	p->depth--;
	return e;
}

/* ---- bodies ---- */

static struct hcl_body *parse_body(struct parser *p, const struct token *open);

/* parse_label parses one block label, an identifier or a quoted string without
 * interpolation, and returns its value. */
static const char *parse_label(struct parser *p)
{
	struct token t = next(p);
	if (t.type == TK_IDENT)
		return copy_str(p, p->buf + t.start, t.end - t.start);
	struct hcl_expr *e = parse_template(p, t.start, NULL);
	if (e->kind != HCL_STRING)
		fail(p, t.start, "block labels must be plain strings, without interpolation");
	return e->str;
}

/* parse_block parses a block after its type identifier `type`: labels, then "{", the
 * body and "}". */
static struct hcl_block parse_block(struct parser *p, struct token type)
{
	struct hcl_block b = {0};
	char d[64];
	b.type = copy_str(p, p->buf + type.start, type.end - type.start);
	locate(p, type.start, &b.line, &b.column);
	size_t lbase = p->nlabels, label_pos = 0;
	while (peek_is(p, TK_IDENT) || peek_is(p, TK_OQUOTE)) {
		if (p->nlabels == lbase)
			label_pos = peek(p).start;
		const char *l = parse_label(p);
		ALLOC_GROW(p->labels, p->nlabels + 1, p->alabels);
		p->labels[p->nlabels++] = l;
	}
	struct token t = peek(p);
	if (t.type != TK_LBRACE) {
		if (p->nlabels == lbase)
			fail(p, t.start, "expected '=' or '{' after \"%s\"", b.type);
		/* `name "value"` alone on its line is an attribute missing its '=' */
		if (p->nlabels == lbase + 1 && (t.type == TK_NEWLINE || t.type == TK_EOF))
			fail(p, label_pos, "expected '=' after attribute name \"%s\"", b.type);
		fail(p, t.start, "expected '{' after the labels of block \"%s\", found %s", b.type,
		     describe(p, &t, d, sizeof(d)));
	}
	b.nlabels = p->nlabels - lbase;
	if (b.nlabels) {
		b.labels = palloc(p, b.nlabels * sizeof(*b.labels), _Alignof(max_align_t));
		memcpy(b.labels, p->labels + lbase, b.nlabels * sizeof(*b.labels));
	}
	p->nlabels = lbase;
	next(p);
	enter(p, t.start);
	b.body = parse_body(p, &t);
	p->depth--;
	return b;
}

/* parse_body parses attributes and blocks up to the end of input (open NULL) or the '}'
 * closing the block body opened by token open, which it consumes. */
static struct hcl_body *parse_body(struct parser *p, const struct token *open)
{
	char d[64];
	size_t abase = p->nattrs, bbase = p->nblocks;
	p->nl_sig = true;
	for (;;) {
		skip_newlines(p);
		struct token t = peek(p);
		if (t.type == TK_EOF) {
			if (open) {
				long l, c;
				locate(p, open->start, &l, &c);
				fail(p, t.start, "unclosed '{' opened at %ld:%ld", l, c);
			}
			break;
		}
		if (t.type == TK_RBRACE) {
			if (!open)
				fail(p, t.start, "unexpected '}' (no block is open)");
			next(p);
			break;
		}
		if (t.type != TK_IDENT)
			fail(p, t.start, "expected an attribute or block name, found %s", describe(p, &t, d, sizeof(d)));
		next(p);
		if (peek_is(p, TK_ASSIGN)) {
			struct hcl_attr a;
			next(p);
			a.name = copy_str(p, p->buf + t.start, t.end - t.start);
			locate(p, t.start, &a.line, &a.column);
			for (size_t i = abase; i < p->nattrs && !p->dup.line; i++)
				if (!strcmp(p->attrs[i].name, a.name)) {
					p->dup.line = a.line;
					p->dup.column = a.column;
					snprintf(p->dup.message, sizeof(p->dup.message),
						 "attribute \"%.60s\" is set twice: first at %ld:%ld, again at %ld:%ld", a.name,
						 p->attrs[i].line, p->attrs[i].column, a.line, a.column);
				}
			a.expr = parse_expr(p);
			struct token n = peek(p);
			if (n.type != TK_NEWLINE && n.type != TK_EOF && !(open && n.type == TK_RBRACE))
				fail(p, n.start, "expected a newline after the value of \"%s\", found %s", a.name,
				     describe(p, &n, d, sizeof(d)));
			ALLOC_GROW(p->attrs, p->nattrs + 1, p->aattrs);
			p->attrs[p->nattrs++] = a;
		} else {
			struct hcl_block b = parse_block(p, t);
			p->nl_sig = true;
			struct token n = peek(p);
			if (n.type != TK_NEWLINE && n.type != TK_EOF && !(open && n.type == TK_RBRACE))
				fail(p, n.start, "expected a newline after the block \"%s\", found %s", b.type,
				     describe(p, &n, d, sizeof(d)));
			ALLOC_GROW(p->blocks, p->nblocks + 1, p->ablocks);
			p->blocks[p->nblocks++] = b;
		}
	}
	struct hcl_body *body = palloc(p, sizeof(*body), _Alignof(max_align_t));
	body->nattrs = p->nattrs - abase;
	body->nblocks = p->nblocks - bbase;
	body->attrs = NULL;
	body->blocks = NULL;
	if (body->nattrs) {
		body->attrs = palloc(p, body->nattrs * sizeof(*body->attrs), _Alignof(max_align_t));
		memcpy(body->attrs, p->attrs + abase, body->nattrs * sizeof(*body->attrs));
	}
	if (body->nblocks) {
		body->blocks = palloc(p, body->nblocks * sizeof(*body->blocks), _Alignof(max_align_t));
		memcpy(body->blocks, p->blocks + bbase, body->nblocks * sizeof(*body->blocks));
	}
	p->nattrs = abase;
	p->nblocks = bbase;
	return body;
}

/* ---- entry points ---- */

/* run parses the whole file; a syntax error longjmps back here and makes it return -1. */
static int run(struct parser *p, struct hcl_file **out)
{
	if (setjmp(p->jb))
		return -1;
	const char *nul = p->len ? memchr(p->buf, '\0', p->len) : NULL;
	if (nul)
		fail(p, (size_t)(nul - p->buf), "unexpected NUL byte");
	struct hcl_body *body = parse_body(p, NULL);
	struct hcl_file *f = palloc(p, sizeof(*f), _Alignof(max_align_t));
	f->body = body;
	f->dup = p->dup;
	f->chunks = p->arena.head;
	*out = f;
	return 0;
}

/* hcl_parse_budget indexes the line starts, parses the file into a fresh arena and frees
 * the scratch stacks; on an error it frees the arena too. */
int hcl_parse_budget(const char *buf, size_t len, struct budget *budget, struct hcl_file **out,
		     struct hcl_error *err)
{
	struct parser p;
	struct hcl_error scratch_err;
	memset(&p, 0, sizeof(p));
	*out = NULL;
	if (!buf) {
		buf = "";
		len = 0;
	}
	p.buf = buf;
	p.len = len;
	p.err = err ? err : &scratch_err;
	memset(p.err, 0, sizeof(*p.err));
	p.arena.next_cap = ARENA_FIRST_CHUNK;
	p.arena.cap = budget_parse_cap(len);
	p.arena.budget = budget;

	size_t skip = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
	size_t nlines = 1;
	for (const char *s = buf + skip, *e = buf + len; s && s < e; s++) {
		s = memchr(s, '\n', (size_t)(e - s));
		if (!s)
			break;
		nlines++;
	}
	if (arena_charge(&p.arena, nlines * sizeof(*p.lines)) < 0) {
		p.err->line = p.err->column = 1;
		snprintf(p.err->message, sizeof(p.err->message),
			 "the scan's memory budget for parsing (%zu MiB held at once) is spent; not scanned",
			 budget ? budget->parse_total >> 20 : 0);
		return -1;
	}
	p.lines = xmalloc(nlines * sizeof(*p.lines));
	p.lines[p.nlines++] = skip;
	for (size_t i = skip; i < len; i++) {
		const char *nl = memchr(buf + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - buf);
		p.lines[p.nlines++] = i + 1;
	}
	p.pos = skip;

	int rc = run(&p, out);
	if (rc < 0) {
		arena_free(p.arena.head);
		*out = NULL;
		budget_give(budget, p.arena.charged);
	} else {
		/* the line index is freed now: the file keeps only its chunks charged */
		budget_give(budget, nlines * sizeof(*p.lines));
		(*out)->budget = budget;
		(*out)->charged = p.arena.charged - nlines * sizeof(*p.lines);
	}
	free(p.lines);
	free(p.exprs);
	free(p.attrs);
	free(p.blocks);
	free(p.labels);
	free(p.parts);
	free(p.dirs);
	free(p.name);
	return rc;
}

int hcl_parse(const char *buf, size_t len, struct hcl_file **out, struct hcl_error *err)
{
	return hcl_parse_budget(buf, len, NULL, out, err);
}

/* hcl_file_body returns the top-level body of f. */
const struct hcl_body *hcl_file_body(const struct hcl_file *f) { return f ? f->body : NULL; }

/* hcl_file_free frees every chunk of f's arena, f itself included. */
void hcl_file_free(struct hcl_file *f)
{
	if (f) {
		budget_give(f->budget, f->charged);
		arena_free(f->chunks);
	}
}

const struct hcl_error *hcl_file_redefined(const struct hcl_file *f)
{
	return f && f->dup.line ? &f->dup : NULL;
}

/* hcl_body_attr searches the attributes of body in order. */
const struct hcl_attr *hcl_body_attr(const struct hcl_body *body, const char *name)
{
	if (!body || !name)
		return NULL;
	for (size_t i = 0; i < body->nattrs; i++)
		if (!strcmp(body->attrs[i].name, name))
			return &body->attrs[i];
	return NULL;
}
