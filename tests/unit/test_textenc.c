#include "testutil.h"

#include <stdlib.h>

#include "util/textenc.h"

/* What the first bytes of a file say about its encoding. */
static const struct {
	const char *bytes;
	size_t n;
	enum textenc want;
} detect_cases[] = {
	{"{\"a\"", 4, TEXTENC_UTF8},
	{"\xEF\xBB\xBF{", 4, TEXTENC_UTF8},
	{"\xFF\xFE{\0", 4, TEXTENC_UTF16LE},
	{"\xFE\xFF\0{", 4, TEXTENC_UTF16BE},
	{"{\0\"\0", 4, TEXTENC_UTF16LE},   /* no mark: LE by the NUL pattern */
	{"\0{\0\"", 4, TEXTENC_UTF16BE},   /* no mark: BE */
	{"r\0", 2, TEXTENC_UTF16LE},       /* one character */
	{"\0r", 2, TEXTENC_UTF16BE},
	{"\xE9\0x\0", 4, TEXTENC_UTF16LE}, /* a Latin-1 letter first */
	{"{\0\0\0", 4, TEXTENC_UTF8},      /* UTF-32LE is not UTF-16 */
	{"\0\0\0{", 4, TEXTENC_UTF8},      /* nor UTF-32BE */
	{"{\0\0\"", 4, TEXTENC_UTF8},
	{"r", 1, TEXTENC_UTF8},
	{"", 0, TEXTENC_UTF8},
};

static void test_detect(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(detect_cases) / sizeof(detect_cases[0]); i++)
		if (textenc_detect(detect_cases[i].bytes, detect_cases[i].n) != detect_cases[i].want)
			fail_msg("case %zu: %s, want %s", i,
				 textenc_name(textenc_detect(detect_cases[i].bytes, detect_cases[i].n)),
				 textenc_name(detect_cases[i].want));
}

/* A whole template without a mark decodes to the same UTF-8 lines (no mark added). */
static void test_decode_without_mark(void **state)
{
	(void)state;
	static const char le[] = "a\0:\0 \0\xE9\0\n\0b\0";
	static const char be[] = "\0a\0:\0 \0\xE9\0\n\0b";
	const char *in[] = {le, be};
	for (int k = 0; k < 2; k++) {
		size_t len = sizeof(le) - 1;
		char *buf = malloc(len + 1);
		memcpy(buf, in[k], len + 1);
		assert_int_equal(textenc_decode(&buf, &len), k ? TEXTENC_UTF16BE : TEXTENC_UTF16LE);
		assert_int_equal(len, strlen("a: \xC3\xA9\nb"));
		assert_string_equal(buf, "a: \xC3\xA9\nb");
		free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_decode_without_mark),
	};
	return cmocka_run_group_tests_name("textenc", tests, NULL, NULL);
}
