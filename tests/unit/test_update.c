/* runtimes --update: the page's dates, family derivation, the listing order, and the
 * AWS page parser on small pages. */
#include "testutil.h"
#include "update/update.h"

static void test_page_dates(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want; /* want NULL: none; "" : rejected */
	} cases[] = {
		{"Jan 9, 2024", "2024-01-09"},     {"Sept 30, 2025", "2025-09-30"}, {"Sep 30, 2025", "2025-09-30"},
		{"September 30, 2025", "2025-09-30"}, {"Sept. 1, 2025", "2025-09-01"}, {"Feb 29, 2028", "2028-02-29"},
		{"Dec 31, 2029", "2029-12-31"},    {"jun 30, 2027", "2027-06-30"},  {"Not scheduled", NULL},
		{"not scheduled", NULL},           {"N/A", NULL},                   {"", NULL},
		{"Feb 29, 2027", ""},              {"Apr 31, 2027", ""},            {"Jnu 9, 2024", ""},
		{"Jan 0, 2024", ""},               {"Jan 9 2024", ""},              {"Jan 9, 24", ""},
		{"2024-01-09", ""},                {"Jan 9, 2024 ", ""},            {"Jan 123, 2024", ""},
		{"Jan 9, 20245", ""},              {"TBD", ""},                     {"Jan", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		date_t d = 42;
		int rc = update_parse_date(cases[i].in, &d);
		char buf[11];
		if (!cases[i].want) {
			assert_int_equal(rc, 1);
			assert_true(d == DATE_NONE);
		} else if (!*cases[i].want) {
			if (rc != -1)
				fail_msg("\"%s\" accepted", cases[i].in);
		} else {
			if (rc != 0)
				fail_msg("\"%s\" rejected", cases[i].in);
			assert_string_equal(date_format(d, buf), cases[i].want);
		}
	}
}

static void test_families(void **state)
{
	(void)state;
	static const struct {
		const char *id, *family;
	} cases[] = {
		{"nodejs28.x", "nodejs"}, {"nodejs", "nodejs"},       {"python3.16", "python"},
		{"java29", "java"},       {"java25.al2025", "java"},  {"dotnet12", "dotnet"},
		{"dotnetcore3.1", "dotnet"}, {"ruby4.1", "ruby"},     {"provided.al2025", "provided"},
		{"provided", "provided"}, {"go1.x", "provided"},      {"go", NULL},
		{"rust1.80", NULL},       {"nodejsx", NULL},          {"pythonista", NULL},
		{"", NULL},               {"javascript", NULL},       {"dotnetfoo", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *f = update_family_of(cases[i].id);
		if (!cases[i].family ? f != NULL : !f || strcmp(f, cases[i].family))
			fail_msg("%s: family %s, want %s", cases[i].id, f ? f : "(none)",
				 cases[i].family ? cases[i].family : "(none)");
	}
}

static void test_listing_order(void **state)
{
	(void)state;
	/* each pair: the first is listed before the second */
	static const char *const pairs[][4] = {
		{"python3.14", "python", "python3.9", "python"},
		{"python3.10", "python", "python3.9", "python"},
		{"provided.al2023", "provided", "provided.al2", "provided"},
		{"provided.al2", "provided", "provided", "provided"},
		{"provided", "provided", "go1.x", "provided"},
		{"java17.al2023", "java", "java17", "java"},
		{"java21", "java", "java17.al2023", "java"},
		{"java8.al2023", "java", "java8.al2", "java"},
		{"java8.al2", "java", "java8", "java"},
		{"dotnet10", "dotnet", "dotnet9", "dotnet"},
		{"dotnet5.0", "dotnet", "dotnetcore3.1", "dotnet"},
		{"nodejs24.x", "nodejs", "nodejs4.3", "nodejs"},
		{"nodejs4.3", "nodejs", "nodejs", "nodejs"},
		{"ruby4.0", "ruby", "ruby3.10", "ruby"},
		{"nodejs4.3", "nodejs", "python3.14", "python"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct catalog_entry a = {.runtime = (char *)pairs[i][0], .family = (char *)pairs[i][1]};
		struct catalog_entry b = {.runtime = (char *)pairs[i][2], .family = (char *)pairs[i][3]};
		if (catalog_cmp_listing(&a, &b) >= 0 || catalog_cmp_listing(&b, &a) <= 0)
			fail_msg("%s should be listed before %s", pairs[i][0], pairs[i][2]);
	}
}

#define HEAD "<tr><th>Name</th><th>Identifier</th><th>Operating system</th><th>Deprecation date</th>"
static const char page_ok[] =
	"<html><body><h2>Supported runtimes</h2><table><thead>" HEAD
	"<th>Block function create<sup>1</sup></th><th>Block function update</th></tr></thead>"
	"<tr><td><p>Node.js 22</p></td><td><p><code>nodejs22.x</code></p></td><td>Amazon&nbsp;Linux\n 2023</td>"
	"<td><p>Apr 30, 2027</p></td><td>Jun 1, 2027</td><td>Jul 1, 2027</td></tr>"
	"<tr><td>Python<br>3.16</td><td>python3.16</td><td>Amazon Linux 2023</td><td>Not scheduled</td><td>N/A</td><td></td></tr>"
	"</table></body></html>";

static void test_aws_page(void **state)
{
	(void)state;
	struct update_page p = {0};
	char buf[11];
	assert_int_equal(update_sources[0].parse(page_ok, strlen(page_ok), "t.html", &p), 0);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.v[0].runtime, "nodejs22.x");
	assert_string_equal(p.v[0].os, "Amazon Linux 2023");
	assert_string_equal(date_format(p.v[0].block_create, buf), "2027-06-01");
	assert_string_equal(p.v[1].name, "Python 3.16");
	assert_true(p.v[1].deprecated == DATE_NONE && p.v[1].block_update == DATE_NONE);
	assert_string_equal(p.tables, "Supported runtimes");
	update_page_release(&p);

	/* columns in another order are found by their headers */
	static const char swapped[] =
		"<html><table><tr><th>Identifier</th><th>Name</th><th>Block function update</th><th>Operating system</th>"
		"<th>Deprecation date</th><th>Block function create</th></tr>"
		"<tr><td>ruby3.4</td><td>Ruby 3.4</td><td>May 31, 2028</td><td>AL2023</td><td>Mar 31, 2028</td>"
		"<td>Apr 30, 2028</td></tr></table></html>";
	assert_int_equal(update_sources[0].parse(swapped, strlen(swapped), "t.html", &p), 0);
	assert_int_equal(p.n, 1);
	assert_string_equal(date_format(p.v[0].deprecated, buf), "2028-03-31");
	assert_string_equal(date_format(p.v[0].block_update, buf), "2028-05-31");
	update_page_release(&p);

	static const char *const bad[] = {
		"<html><body><p>no tables</p></body></html>",
		"<html><table>" HEAD "<th>Block function update</th></tr><tr><td>a</td><td>nodejs1</td><td>x</td><td>Jan 1, "
		"2020</td><td>Jan 1, 2020</td></tr></table></html>", /* a column missing */
		"<html><table>" HEAD "<th>Block function create</th><th>Block function update</th></tr><tr><td>a</td>"
		"<td>Node JS</td><td>x</td><td>N/A</td><td>N/A</td><td>N/A</td></tr></table></html>", /* not an id */
		"<html><table>" HEAD "<th>Block function create</th><th>Block function update</th></tr><tr><td>a</td>"
		"<td>nodejs1</td><td>x</td><td>soon</td><td>N/A</td><td>N/A</td></tr></table></html>", /* bad date */
		"<html><table>" HEAD "<th>Block function create</th><th>Block function update</th></tr><tr><td>a</td>"
		"<td>nodejs1</td><td>x</td><td>N/A</td><td>N/A</td><td>N/A</td></tr></table>", /* cut off */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (update_sources[0].parse(bad[i], strlen(bad[i]), "t.html", &p) != -1)
			fail_msg("bad page %zu accepted", i);
		update_page_release(&p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_dates),
		cmocka_unit_test(test_families),
		cmocka_unit_test(test_listing_order),
		cmocka_unit_test(test_aws_page),
	};
	return cmocka_run_group_tests_name("update", tests, NULL, NULL);
}
