#include "testutil.h"

#include <dirent.h>
#include <stdbool.h>
#include <strings.h>
#include <sys/stat.h>

#include "aws/sigv4.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The official suite's credentials (its .authz files name the key id and scope). */
#define AKID "AKIDEXAMPLE"
#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define DATE "20261128T120000Z"
#define MAX_REQ_HEADERS 64
#define MAX_FILE (1 << 20)

/* slurp returns the whole file (at most MAX_FILE bytes) NUL-terminated, or NULL; the caller
 * frees it. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && sb.len < MAX_FILE)
		sb_add(&sb, buf, n);
	fclose(f);
	if (len)
		*len = sb.len;
	return sb_detach(&sb);
}

/* A NAME.req: "METHOD TARGET HTTP/1.1", header lines (a line starting with a space or tab
 * continues the previous value), a blank line, the body. Strings point into buf or are owned. */
struct rawreq {
	char *buf;
	char *method, *path, *query, *body;
	size_t body_len, n;
	char *names[MAX_REQ_HEADERS], *values[MAX_REQ_HEADERS]; /* owned */
};

static void rawreq_release(struct rawreq *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->names[i]);
		free(r->values[i]);
	}
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

/* next_line cuts the line at *p (without "\n" or "\r\n"), moves *p past it and returns its
 * length, or -1 at the end of the text. */
static long next_line(char **p, char **line)
{
	if (!**p)
		return -1;
	*line = *p;
	char *e = strchr(*p, '\n');
	size_t l = e ? (size_t)(e - *p) : strlen(*p);
	*p = e ? e + 1 : *p + l;
	(*line)[l] = '\0';
	if (l && (*line)[l - 1] == '\r')
		(*line)[--l] = '\0';
	return (long)l;
}

static int rawreq_parse(const char *file, struct rawreq *r)
{
	size_t total;
	char *line, *p;
	long l;
	memset(r, 0, sizeof(*r));
	if (!(r->buf = slurp(file, &total)))
		return -1;
	p = r->buf;
	if (next_line(&p, &line) < 0)
		return -1;
	char *sp = strchr(line, ' '), *proto = strrchr(line, ' ');
	if (!sp || sp == proto)
		return -1;
	*sp = *proto = '\0';
	r->method = line;
	r->path = sp + 1;
	if ((r->query = strchr(r->path, '?')) != NULL)
		*r->query++ = '\0';
	while ((l = next_line(&p, &line)) > 0) {
		if ((line[0] == ' ' || line[0] == '\t') && r->n) {
			char *v = xasprintf("%s\n%s", r->values[r->n - 1], line);
			free(r->values[r->n - 1]);
			r->values[r->n - 1] = v;
			continue;
		}
		char *colon = strchr(line, ':');
		if (!colon || r->n == MAX_REQ_HEADERS)
			return -1;
		r->names[r->n] = xstrndup(line, (size_t)(colon - line));
		r->values[r->n++] = xstrdup(colon + 1);
	}
	r->body = p;
	r->body_len = total - (size_t)(p - r->buf);
	return 0;
}

/* header_value returns the value of the first header called name, or NULL. */
static const char *header_value(const struct rawreq *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcasecmp(r->names[i], name))
			return r->values[i];
	return NULL;
}

/* diff_hint prints the line and column where got first differs from want, with up to 60
 * characters of each from a little before that column. */
static void diff_hint(const char *name, const char *ext, const char *want, const char *got)
{
	size_t i = 0, line = 1, col = 0;
	for (; want[i] && want[i] == got[i]; i++, col++)
		if (want[i] == '\n') {
			line++;
			col = (size_t)-1;
		}
	size_t from = i - (col < 20 ? col : 20);
	int wl = (int)strcspn(want + from, "\n"), gl = (int)strcspn(got + from, "\n");
	print_error("sigv4 suite %s: .%s differs at line %zu column %zu\n  want: %.*s\n  got:  %.*s\n", name, ext, line,
		    col + 1, wl > 60 ? 60 : wl, want + from, gl > 60 ? 60 : gl, got + from);
}

/* sreq_value returns the value of header `name` in the signed request text (owned by the
 * caller), or NULL. */
static char *sreq_value(const char *sreq, const char *name)
{
	size_t nl = strlen(name);
	for (const char *p = sreq; p && *p;) {
		if (!strncasecmp(p, name, nl) && p[nl] == ':')
			return xstrndup(p + nl + 1, strcspn(p + nl + 1, "\r\n"));
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

/* in_sreq tells whether the signed request carries the header line "name:value". */
static bool in_sreq(const char *sreq, const char *name, const char *value)
{
	char *v = sreq_value(sreq, name);
	bool found = v && !strcmp(v, value);
	free(v);
	return found;
}

/* run_case signs DIR/NAME.req as the suite says and compares the canonical request, string to
 * sign and Authorization value with NAME.creq, .sts and .authz byte for byte, and the headers
 * the signer adds with the lines of NAME.sreq. Returns the number of mismatches. */
static int run_case(const char *dir, const char *name)
{
	char path[4096], *sreq;
	struct rawreq r;
	struct sigv4_header hdr[MAX_REQ_HEADERS];
	struct sigv4_result res;
	size_t nh = 0;
	int bad = 0;

	snprintf(path, sizeof(path), "%s/%s.req", dir, name);
	if (rawreq_parse(path, &r) < 0) {
		print_error("sigv4 suite %s: cannot parse %s\n", name, path);
		rawreq_release(&r);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/%s.sreq", dir, name);
	sreq = slurp(path, NULL);
	/* The signer adds X-Amz-Date and X-Amz-Security-Token itself; the session token is the
	 * one in .req or, when only the signed request carries it, the one in .sreq. Per
	 * post-sts-token/readme.txt the "-after" case adds it after signing. */
	const char *amz_date = header_value(&r, "X-Amz-Date"), *token = header_value(&r, "X-Amz-Security-Token");
	char *sreq_token = NULL;
	if (!token)
		token = sreq_token = sreq_value(sreq, "X-Amz-Security-Token");
	for (size_t i = 0; i < r.n; i++)
		if (strcasecmp(r.names[i], "X-Amz-Date") && strcasecmp(r.names[i], "X-Amz-Security-Token"))
			hdr[nh++] = (struct sigv4_header){r.names[i], r.values[i]};
	size_t nl = strlen(name);
	unsigned flags = nl > 13 && !strcmp(name + nl - 13, "-header-after") ? SIGV4_TOKEN_UNSIGNED : 0;
	struct sigv4_request rq = {r.method, r.path, r.query, hdr, nh, r.body, r.body_len, NULL, flags};
	struct sigv4_key key = {AKID, SECRET, "us-east-1", "service", amz_date, token};

	if (sigv4_sign(&rq, &key, &res) < 0) {
		print_error("sigv4 suite %s: sigv4_sign failed: %s\n", name, res.error ? res.error : "?");
		bad++;
		goto out;
	}
	const char *ext[] = {"creq", "sts", "authz"};
	const char *got[] = {res.canonical_request, res.string_to_sign, res.authorization};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext[i]);
		char *want = slurp(path, NULL);
		if (!want) {
			print_error("sigv4 suite %s: %s missing\n", name, path);
			bad++;
		} else if (strcmp(want, got[i])) {
			diff_hint(name, ext[i], want, got[i]);
			bad++;
		}
		free(want);
	}
	/* Every header the signer adds is in the signed request (whose Authorization lines
	 * are not all consistent with .authz, so that one is left to .authz). */
	for (size_t i = 0; i < res.nsend; i++)
		if (strcmp(res.send[i].name, "Authorization") && !in_sreq(sreq, res.send[i].name, res.send[i].value)) {
			print_error("sigv4 suite %s: added header %s is not in .sreq\n", name, res.send[i].name);
			bad++;
		}
	sigv4_result_release(&res);
out:
	free(sreq_token);
	free(sreq);
	rawreq_release(&r);
	return bad;
}

struct walk {
	int cases, expected, failures;
};

/* walk runs every NAME.req under dir (sorted, recursively) and counts the NAME.creq files. */
static void walk(const char *dir, int depth, struct walk *w)
{
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;
		char path[4096];
		struct stat st;
		size_t l = strlen(e);
		if (e[0] != '.' && snprintf(path, sizeof(path), "%s/%s", dir, e) < (int)sizeof(path) &&
		    stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode) && depth < 8) {
				walk(path, depth + 1, w);
			} else if (l > 4 && !strcmp(e + l - 4, ".req")) {
				char name[1024];
				snprintf(name, sizeof(name), "%.*s", (int)(l - 4), e);
				w->cases++;
				w->failures += run_case(dir, name) ? 1 : 0;
			} else if (l > 5 && !strcmp(e + l - 5, ".creq")) {
				w->expected++;
			}
		}
		free(ents[i]);
	}
	free(ents);
}

static void test_official_suite(void **state)
{
	(void)state;
	const char *dir = getenv("SUNSET_SIGV4_SUITE");
	struct stat st;
	struct walk w = {0, 0, 0};
	if (!dir || !*dir)
		dir = "tests/fixtures/aws-sigv4-testsuite"; /* AWS's official vectors, vendored */
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		fail_msg("the SigV4 test suite is missing at %s", dir);
	walk(dir, 0, &w);
	if (w.cases == 0 || w.cases != w.expected || w.failures)
		fail_msg("sigv4 suite %s: %d cases, %d .creq files, %d failed", dir, w.cases, w.expected, w.failures);
}

static const struct sigv4_key lambda_key = {AKID, SECRET, "us-east-1", "lambda", DATE, NULL};

/* no_secret checks that the secret key is in nothing the signer returns and that the token
 * (when given) is only in the canonical request (when signed) and the headers for the wire. */
static void no_secret(const struct sigv4_result *res, const char *token)
{
	const char *all[] = {res->canonical_request, res->string_to_sign, res->authorization, res->signed_headers,
			     res->signature};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		assert_null(strstr(all[i], SECRET));
		if (token && i > 0)
			assert_null(strstr(all[i], token));
	}
	for (size_t i = 0; i < res->nsend; i++) {
		assert_null(strstr(res->send[i].value, SECRET));
		if (token && strcmp(res->send[i].name, "X-Amz-Security-Token"))
			assert_null(strstr(res->send[i].value, token));
	}
}

/* Lambda ListTags names the function by ARN. Sent with raw colons, the canonical URI holds
 * %3A; sent percent-encoded (as live.c does), it holds %253A, as botocore signs both.
 * Expected signatures computed with botocore 1.43 SigV4Auth. */
static void test_lambda_arn_path(void **state)
{
	(void)state;
	struct sigv4_header h[] = {{"Host", "lambda.us-east-1.amazonaws.com"}};
	struct sigv4_request rq = {"GET", "/2017-03-31/tags/arn:aws:lambda:us-east-1:123456789012:function:f", NULL, h, 1};
	struct sigv4_result res;
	assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
	assert_string_equal(res.canonical_request,
			    "GET\n/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af\n\n"
			    "host:lambda.us-east-1.amazonaws.com\nx-amz-date:" DATE "\n\nhost;x-amz-date\n" EMPTY_SHA256);
	assert_string_equal(res.string_to_sign, "AWS4-HMAC-SHA256\n" DATE "\n20261128/us-east-1/lambda/aws4_request\n"
						"4a7dde83c92b90fb33bf4ae55f2063804cecccfb7d8100006ff0302954eaa83b");
	assert_string_equal(res.authorization, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261128/us-east-1/lambda/"
					       "aws4_request, SignedHeaders=host;x-amz-date, Signature="
					       "4175ee2e082ed7c64be489a624d1d103a76faaca042e771ce9044c1eb10c1c1c");
	assert_string_equal(res.payload_hash, EMPTY_SHA256);
	/* X-Amz-Date and Authorization are for the wire; no token, no content hash */
	assert_int_equal(res.nsend, 2);
	assert_string_equal(res.send[0].name, "X-Amz-Date");
	assert_string_equal(res.send[0].value, DATE);
	assert_string_equal(res.send[1].name, "Authorization");
	assert_string_equal(res.send[1].value, res.authorization);
	no_secret(&res, NULL);
	sigv4_result_release(&res);

	rq.path = "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af";
	assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
	assert_non_null(strstr(res.canonical_request, "\n/2017-03-31/tags/arn%253Aaws%253Alambda%253Aus-east-1%253A"
						       "123456789012%253Afunction%253Af\n"));
	assert_string_equal(res.signature, "9496471fac3f3c92d14a444eaf9731dd7d0850899848abf0f5a623bd06968407");
	sigv4_result_release(&res);
}

/* An unsorted query, raw or encoded, gives one canonical query; '+', '/' and '=' in a value
 * are encoded; an empty value keeps its '='. */
static void test_query(void **state)
{
	(void)state;
	struct sigv4_header h[] = {{"Host", "lambda.us-east-1.amazonaws.com"}};
	const char *queries[] = {"MaxItems=50&Marker=a+b/c=&FunctionVersion=ALL",
				 "MaxItems=50&Marker=a%2Bb%2Fc%3D&FunctionVersion=ALL",
				 "FunctionVersion=ALL&&Marker=a%2bb/c%3d&MaxItems=5%30"};
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		struct sigv4_request rq = {"GET", "/2015-03-31/functions/", queries[i], h, 1};
		struct sigv4_result res;
		assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
		assert_non_null(strstr(res.canonical_request,
				       "\n/2015-03-31/functions/\nFunctionVersion=ALL&Marker=a%2Bb%2Fc%3D&MaxItems=50\n"));
		assert_string_equal(res.signature, "ef9228d4063f913cc8555712a05a5326a4632c5e2badda1a0c23d94c6a2457f2");
		sigv4_result_release(&res);
	}
	const char *odd[][2] = {
		{"b=2&a&c=", "a=&b=2&c="},
		{"x=%zz&x=%4", "x=%254&x=%25zz"},
		{"k=%E1%88%b4&K=~", "K=~&k=%E1%88%B4"},
		{"a=1=2&a=0", "a=0&a=1%3D2"},
		{"sp=a%20b&sp2=a b", "sp=a%20b&sp2=a%20b"},
	};
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		struct sigv4_request rq = {"GET", "/", odd[i][0], h, 1};
		struct sigv4_result res;
		char want[128];
		snprintf(want, sizeof(want), "GET\n/\n%s\n", odd[i][1]);
		assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
		assert_memory_equal(res.canonical_request, want, strlen(want));
		sigv4_result_release(&res);
	}
}

/* An STS call with a session token: the token is signed and sent; the body is hashed.
 * Expected signature computed with botocore. Then the same token left unsigned. */
static void test_session_token_and_body(void **state)
{
	(void)state;
	const char *token = "FwoGZXIvYXdzEXAMPLE//token+with/slashes=";
	const char *body = "Action=GetCallerIdentity&Version=2011-06-15";
	struct sigv4_header h[] = {{"Host", "sts.amazonaws.com"},
				   {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
	struct sigv4_request rq = {"POST", "/", "", h, 2, body, strlen(body)};
	struct sigv4_key key = {AKID, SECRET, "us-east-1", "sts", DATE, token};
	struct sigv4_result res;
	assert_int_equal(sigv4_sign(&rq, &key, &res), 0);
	assert_string_equal(res.signed_headers, "content-type;host;x-amz-date;x-amz-security-token");
	assert_string_equal(res.payload_hash, "ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843");
	assert_string_equal(res.signature, "db380a2dbbcab7be9be279123d41d73e136ba561c52fa79d908d68d59170aa6b");
	assert_int_equal(res.nsend, 3);
	assert_string_equal(res.send[1].name, "X-Amz-Security-Token");
	assert_string_equal(res.send[1].value, token);
	no_secret(&res, token);
	sigv4_result_release(&res);

	rq.flags = SIGV4_TOKEN_UNSIGNED;
	assert_int_equal(sigv4_sign(&rq, &key, &res), 0);
	assert_string_equal(res.signed_headers, "content-type;host;x-amz-date");
	assert_null(strstr(res.canonical_request, token));
	assert_int_equal(res.nsend, 3);
	assert_string_equal(res.send[1].value, token);
	no_secret(&res, token);
	sigv4_result_release(&res);

	/* the caller may pass the date and token headers itself (http.c does): not repeated */
	struct sigv4_header h2[] = {{"host", "sts.amazonaws.com"}, {"x-amz-date", DATE}, {"X-Amz-Security-Token", token}};
	struct sigv4_request rq2 = {"POST", "/", NULL, h2, 3, body, strlen(body)};
	assert_int_equal(sigv4_sign(&rq2, &key, &res), 0);
	assert_int_equal(res.nsend, 1);
	assert_string_equal(res.send[0].name, "Authorization");
	assert_string_equal(res.signed_headers, "host;x-amz-date;x-amz-security-token");
	sigv4_result_release(&res);
}

/* No body hashes as the empty string; a precomputed hash is used verbatim and, on request,
 * signed and sent as x-amz-content-sha256. */
static void test_payload_hash(void **state)
{
	(void)state;
	struct sigv4_header h[] = {{"Host", "example.amazonaws.com"}};
	struct sigv4_request rq = {"POST", "/", NULL, h, 1, NULL, 0};
	struct sigv4_result res;
	assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
	assert_string_equal(res.payload_hash, EMPTY_SHA256);
	assert_non_null(strstr(res.canonical_request, "\nhost;x-amz-date\n" EMPTY_SHA256));
	char first[65];
	memcpy(first, res.signature, sizeof(first));
	sigv4_result_release(&res);

	rq.body = "";
	assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
	assert_string_equal(res.signature, first);
	sigv4_result_release(&res);

	rq.payload_hash = "UNSIGNED-PAYLOAD";
	rq.flags = SIGV4_CONTENT_SHA256;
	assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
	assert_string_equal(res.signed_headers, "host;x-amz-content-sha256;x-amz-date");
	assert_non_null(strstr(res.canonical_request, "x-amz-content-sha256:UNSIGNED-PAYLOAD\n"));
	size_t crl = strlen(res.canonical_request);
	assert_true(crl > 17 && !strcmp(res.canonical_request + crl - 17, "\nUNSIGNED-PAYLOAD"));
	assert_int_equal(res.nsend, 3);
	assert_string_equal(res.send[1].name, "X-Amz-Content-Sha256");
	assert_string_equal(res.send[1].value, "UNSIGNED-PAYLOAD");
	sigv4_result_release(&res);

	rq.payload_hash = EMPTY_SHA256;
	rq.flags = 0;
	assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
	assert_string_equal(res.signature, first);
	sigv4_result_release(&res);
}

/* Paths are normalised and each segment encoded; header names lowercased and sorted,
 * values trimmed and collapsed, duplicates joined in order. */
static void test_canonical_forms(void **state)
{
	(void)state;
	const char *paths[][2] = {
		{"/a/./b/../c//d/", "/a/c/d/"}, {"/..", "/"},	      {"/a/b/..", "/a"},	{"/a b/%41", "/a%20b/%2541"},
		{"/~x/y*z", "/~x/y%2Az"},	{"//", "/"},	      {"/a/../../b", "/b"},	{"/a/.../", "/a/.../"},
	};
	struct sigv4_header h[] = {{"Host", "x"}, {"Zed", "  a\t\tb  \r\n  c "}, {"ALPHA", "1"}, {"alpha", " 2 "}};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct sigv4_request rq = {"GET", paths[i][0], NULL, h, 4};
		struct sigv4_result res;
		char want[256];
		snprintf(want, sizeof(want), "GET\n%s\n\nalpha:1,2\nhost:x\nx-amz-date:" DATE "\nzed:a b c\n\n"
					     "alpha;host;x-amz-date;zed\n" EMPTY_SHA256,
			 paths[i][1]);
		assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
		assert_string_equal(res.canonical_request, want);
		sigv4_result_release(&res);
	}
}

/* Bad or oversized input is refused with -1, a reason, and an empty result. */
static void test_refusals(void **state)
{
	(void)state;
	size_t big_n = SIGV4_MAX_PART + 2;
	char *big = xmalloc(big_n + 1);
	memset(big, 'a', big_n);
	big[0] = '/';
	big[big_n] = '\0';
	struct sigv4_header ok[] = {{"Host", "x"}};
	struct sigv4_header many[SIGV4_MAX_HEADERS + 1];
	for (size_t i = 0; i < SIGV4_MAX_HEADERS + 1; i++)
		many[i] = (struct sigv4_header){"Host", "x"};
	struct sigv4_header bad_name[] = {{"Host", "x"}, {"My Header", "v"}};
	struct sigv4_header bad_value[] = {{"Host", "x"}, {"a", "v\x01"}};
	struct sigv4_header long_value[] = {{"Host", "x"}, {"a", big}};
	struct sigv4_header no_host[] = {{"a", "b"}};
	struct sigv4_header other_date[] = {{"Host", "x"}, {"X-Amz-Date", "20261128T120001Z"}};
	struct sigv4_header token_hdr[] = {{"Host", "x"}, {"X-Amz-Security-Token", "T"}};
	struct {
		struct sigv4_request rq;
		struct sigv4_key key;
	} cases[] = {
		{{"GET", big, NULL, ok, 1}, lambda_key},
		{{"GET", "/", big + 1, ok, 1}, lambda_key},
		{{"GET", "a/b", NULL, ok, 1}, lambda_key},
		{{"GET", "", NULL, ok, 1}, lambda_key},
		{{"get", "/", NULL, ok, 1}, lambda_key},
		{{NULL, "/", NULL, ok, 1}, lambda_key},
		{{"GET", "/", NULL, many, SIGV4_MAX_HEADERS + 1}, lambda_key},
		{{"GET", "/", NULL, bad_name, 2}, lambda_key},
		{{"GET", "/", NULL, bad_value, 2}, lambda_key},
		{{"GET", "/", NULL, long_value, 2}, lambda_key},
		{{"GET", "/", NULL, no_host, 1}, lambda_key},
		{{"GET", "/", NULL, other_date, 2}, lambda_key},
		{{"GET", "/", NULL, token_hdr, 2, NULL, 0, NULL, SIGV4_TOKEN_UNSIGNED}, {AKID, SECRET, "r", "s", DATE, "T"}},
		{{"GET", "/", NULL, token_hdr, 2}, {AKID, SECRET, "r", "s", DATE, "U"}},
		{{"GET", "/", NULL, ok, 1, NULL, 0, "abc"}, lambda_key},
		{{"GET", "/", NULL, ok, 1, NULL, 0, "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"}, lambda_key},
		{{"GET", "/", NULL, ok, 1, NULL, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85"}, lambda_key},
		{{"GET", "/", NULL, ok, 1, NULL, 0, "UNSIGNED"}, lambda_key},
		{{"GET", "/", NULL, ok, 1}, {AKID, SECRET, "us-east-1", "lambda", "2026", NULL}},
		{{"GET", "/", NULL, ok, 1}, {AKID, SECRET, "us-east-1", "lambda", "20261128 120000Z", NULL}},
		{{"GET", "/", NULL, ok, 1}, {AKID, SECRET, "us-east-1", "lambda", NULL, NULL}},
		{{"GET", "/", NULL, ok, 1}, {AKID, "", "us-east-1", "lambda", DATE, NULL}},
		{{"GET", "/", NULL, ok, 1}, {AKID, big, "us-east-1", "lambda", DATE, NULL}},
		{{"GET", "/", NULL, ok, 1}, {AKID, SECRET, "us/east-1", "lambda", DATE, NULL}},
		{{"GET", "/", NULL, ok, 1}, {"AKID EXAMPLE", SECRET, "us-east-1", "lambda", DATE, NULL}},
		{{"GET", "/", NULL, ok, 1}, {AKID, SECRET, "us-east-1", "", DATE, NULL}},
		{{"GET", "/", NULL, ok, 1}, {AKID, SECRET, "us-east-1", "lambda", DATE, ""}},
		{{"GET", "/", NULL, ok, 1}, {AKID, SECRET, "us-east-1", "lambda", DATE, "tok\r\nX-Evil: 1"}},
		{{"GET", "/", NULL, ok, 1, NULL, 3}, lambda_key},
		{{"GET", "/", NULL, NULL, 1}, lambda_key},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sigv4_result res;
		if (sigv4_sign(&cases[i].rq, &cases[i].key, &res) != -1)
			fail_msg("refusal case %zu was signed", i);
		assert_non_null(res.error);
		assert_null(strstr(res.error, SECRET));
		assert_null(res.authorization);
		assert_null(res.canonical_request);
		assert_int_equal(res.nsend, 0);
		sigv4_result_release(&res);
	}
	/* just under the limits is fine */
	big[SIGV4_MAX_PART] = '\0';
	struct sigv4_request rq = {"GET", big, big + 1, ok, 1};
	struct sigv4_result res;
	assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
	sigv4_result_release(&res);
	free(big);
}

static void test_redact(void **state)
{
	(void)state;
	const char *auth = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/us-east-1/lambda/aws4_request, "
			   "SignedHeaders=host;x-amz-date, Signature=4175ee2e082ed7c64be489a624d1d103a76faaca042e771ce9044c1eb10c1c1c";
	char red[512];
	assert_int_equal(sigv4_redact(auth, red, sizeof(red)), 0);
	assert_string_equal(red, "AWS4-HMAC-SHA256 Credential=REDACTED/20261128/us-east-1/lambda/aws4_request, "
				 "SignedHeaders=host;x-amz-date, Signature=REDACTED");
	/* a buffer too small still never holds the key id */
	for (size_t n = 1; n < 60; n++) {
		assert_int_equal(sigv4_redact(auth, red, n), -1);
		assert_int_equal(strlen(red), n - 1);
		assert_null(strstr(red, "AKIA"));
	}
	assert_int_equal(sigv4_redact("Bearer AKIAIOSFODNN7EXAMPLE", red, sizeof(red)), 0);
	assert_string_equal(red, "REDACTED");
	assert_int_equal(sigv4_redact(NULL, red, sizeof(red)), 0);
	assert_string_equal(red, "REDACTED");
	assert_int_equal(sigv4_redact(auth, red, 0), -1);

	/* and on a real signature */
	struct sigv4_header h[] = {{"Host", "lambda.us-east-1.amazonaws.com"}};
	struct sigv4_request rq = {"GET", "/", NULL, h, 1};
	struct sigv4_result res;
	assert_int_equal(sigv4_sign(&rq, &lambda_key, &res), 0);
	assert_int_equal(sigv4_redact(res.authorization, red, sizeof(red)), 0);
	assert_null(strstr(red, AKID));
	assert_null(strstr(red, res.signature));
	assert_non_null(strstr(red, "Credential=REDACTED/20261128/us-east-1/lambda/aws4_request"));
	sigv4_result_release(&res);
}

static void test_encode(void **state)
{
	(void)state;
	char enc[32];
	assert_int_equal(sigv4_encode("a b", 3, 0, enc, sizeof(enc)), 5);
	assert_string_equal(enc, "a%20b");
	assert_int_equal(sigv4_encode("x/y:z~", 6, 1, enc, sizeof(enc)), 8);
	assert_string_equal(enc, "x/y%3Az~");
	assert_int_equal(sigv4_encode("x/\xe1", 3, 0, enc, sizeof(enc)), 7);
	assert_string_equal(enc, "x%2F%E1");
	assert_int_equal(sigv4_encode("aaaa/", 5, 0, enc, 8), 7);
	assert_int_equal(sigv4_encode("aaaa/", 5, 0, enc, 7), -1);
	assert_int_equal(sigv4_encode("", 0, 0, enc, 1), 0);
	assert_int_equal(sigv4_encode("", 0, 0, enc, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_official_suite),	 cmocka_unit_test(test_lambda_arn_path),
		cmocka_unit_test(test_query),		 cmocka_unit_test(test_session_token_and_body),
		cmocka_unit_test(test_payload_hash),	 cmocka_unit_test(test_canonical_forms),
		cmocka_unit_test(test_refusals),	 cmocka_unit_test(test_redact),
		cmocka_unit_test(test_encode),
	};
	return cmocka_run_group_tests_name("sigv4", tests, NULL, NULL);
}
