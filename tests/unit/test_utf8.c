#include "testutil.h"

#include "util/quote.h"
#include "util/utf8.h"

#define R UTF8_REPLACEMENT

/* Each input: whether it is valid, and what utf8_repair makes of it. */
static const struct {
	const char *in;
	bool valid;
	const char *repaired;
} cases[] = {
	{"", true, ""},
	{"plain ascii", true, "plain ascii"},
	{"caf\xc3\xa9", true, "caf\xc3\xa9"},
	{"\xe2\x82\xac \xf0\x9f\x98\x80", true, "\xe2\x82\xac \xf0\x9f\x98\x80"},
	{"\xef\xbf\xbd", true, R},                        /* U+FFFD itself */
	{"\xf4\x8f\xbf\xbd", true, "\xf4\x8f\xbf\xbd"},   /* U+10FFFD, the last valid */
	{"caf\xe9.yaml", false, "caf" R ".yaml"},         /* Latin-1 */
	{"\xc0\xaf", false, R R},                         /* overlong '/' */
	{"\xc1\xbf", false, R R},                         /* overlong 2-byte */
	{"\xe0\x80\xaf", false, R R R},                   /* overlong 3-byte */
	{"\xf0\x80\x80\xaf", false, R R R R},             /* overlong 4-byte */
	{"\xed\xa0\x80", false, R R R},                   /* surrogate U+D800 */
	{"\xed\xbf\xbf", false, R R R},                   /* surrogate U+DFFF */
	{"a\xef\xbf\xbe" "b", false, "a" R "b"},          /* U+FFFE: XML forbids it */
	{"\xef\xbf\xbf", false, R},                       /* U+FFFF */
	{"\xef\xbf", false, R R},                          /* truncated U+FFFx */
	{"\xf4\x90\x80\x80", false, R R R R},             /* above U+10FFFF */
	{"\xf5\x80\x80\x80", false, R R R R},
	{"\xff\xfe", false, R R},
	{"ab\xe2\x82", false, "ab" R R},                  /* cut in the middle of a character */
	{"\xe2\x82" "c", false, R R "c"},
	{"\x80", false, R},                               /* lone continuation byte */
	{"\xf0\x9f\x98", false, R R R},                   /* truncated 4-byte */
};

static void test_valid_and_repair(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *in = cases[i].in;
		if (utf8_valid(in, strlen(in)) != cases[i].valid)
			fail_msg("case %zu: valid should be %d", i, cases[i].valid);
		char *out = utf8_dup(in);
		if (strcmp(out, cases[i].repaired))
			fail_msg("case %zu: repaired wrongly", i);
		assert_true(utf8_valid(out, strlen(out)));
		free(out);
	}
	assert_null(utf8_dup(NULL));
}

static void test_cut(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t max, want;
	} cuts[] = {
		{"abcdef", 3, 3},
		{"abc", 10, 3},
		{"a\xc3\xa9", 2, 1},              /* inside é: before it */
		{"a\xc3\xa9", 3, 3},
		{"\xe2\x82\xac\xe2\x82\xac", 4, 3}, /* inside the second € */
		{"\xe2\x82\xac\xe2\x82\xac", 5, 3},
		{"\xe2\x82\xac\xe2\x82\xac", 6, 6},
		{"\xf0\x9f\x98\x80x", 3, 0},
		{"\xf0\x9f\x98\x80x", 4, 4},
		{"", 0, 0},
	};
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		size_t got = utf8_cut(cuts[i].s, strlen(cuts[i].s), cuts[i].max);
		if (got != cuts[i].want)
			fail_msg("cut %zu: got %zu, want %zu", i, got, cuts[i].want);
		assert_true(utf8_valid(cuts[i].s, got));
	}
}

static void test_term(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} t[] = {
		{"fn", "fn"},
		{"caf\xc3\xa9", "caf\xc3\xa9"},
		{"\x1b[2J\x1b]0;pwned\x07", "\\x1b[2J\\x1b]0;pwned\\x07"},
		{"a\nsunset: forged", "a\\nsunset: forged"},
		{"cr\rtab\t", "cr\\rtab\\t"},
		{"del\x7f", "del\\x7f"},
		{"csi\xc2\x9b" "2J", "csi\\u009b2J"},    /* C1 control CSI */
		{"lat\xe9n", "lat\\xe9n"},              /* invalid UTF-8 shown as bytes */
		{"back\\slash", "back\\slash"},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		quote_term(&sb, t[i].in, strlen(t[i].in));
		if (strcmp(sb.buf, t[i].out))
			fail_msg("term %zu: got \"%s\"", i, sb.buf);
		for (size_t k = 0; k < sb.len; k++)
			assert_true((unsigned char)sb.buf[k] >= 0x20 && sb.buf[k] != 0x7f);
		sb_release(&sb);
	}
}

static void test_shell(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} t[] = {
		{"orders", "orders"},
		{"us-east-1", "us-east-1"},
		{"arn:aws:lambda:us-east-1:111122223333:function:f", "arn:aws:lambda:us-east-1:111122223333:function:f"},
		{"", "''"},
		{"us-east-1;touch /tmp/pwn;", "'us-east-1;touch /tmp/pwn;'"},
		{"$(id)", "'$(id)'"},
		{"`id`", "'`id`'"},
		{"it's", "'it'\\''s'"},
		{"a b", "'a b'"},
		{"~root", "'~root'"},
		{"x\ny", "'x\ny'"},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		quote_shell(&sb, t[i].in);
		if (strcmp(sb.buf, t[i].out))
			fail_msg("shell %zu: got \"%s\"", i, sb.buf);
		sb_release(&sb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_and_repair),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_term),
		cmocka_unit_test(test_shell),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
