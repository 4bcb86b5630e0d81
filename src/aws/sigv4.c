#include "aws/sigv4.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#define MAX_NAME 256    /* one header name */
#define MAX_SECRET 256  /* secret key */
#define MAX_SCOPE 128   /* access key id, region, service */
#define MAX_TOKEN (8 << 10)
#define MAX_HDRS (SIGV4_MAX_HEADERS + 3) /* the caller's, plus date, token and content hash */

static const char hexdig[] = "0123456789abcdef";

static bool unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       c == '.' || c == '~';
}

long sigv4_encode(const char *s, size_t len, int keep_slash, char *buf, size_t n)
{
	static const char up[] = "0123456789ABCDEF";
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (unreserved(c) || (keep_slash && c == '/')) {
			if (o + 1 >= n)
				return -1;
			buf[o++] = (char)c;
		} else {
			if (o + 3 >= n)
				return -1;
			buf[o++] = '%';
			buf[o++] = up[c >> 4];
			buf[o++] = up[c & 15];
		}
	}
	if (o >= n)
		return -1;
	buf[o] = '\0';
	return (long)o;
}

/* sb_encode_byte appends one byte RFC 3986 encoded (never keeping '/'). */
static void sb_encode_byte(struct strbuf *sb, unsigned char c)
{
	char e[4];
	long n = sigv4_encode((const char *)&c, 1, 0, e, sizeof(e));
	sb_add(sb, e, (size_t)n);
}

/* sb_reencode appends s[0..len) with each valid %XX decoded first (an invalid '%' is a
 * literal '%', '+' a literal '+'), then everything encoded per RFC 3986. */
static void sb_reencode(struct strbuf *sb, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%' && i + 2 < len && text_hex_digit(s[i + 1]) >= 0 && text_hex_digit(s[i + 2]) >= 0) {
			c = (unsigned char)(text_hex_digit(s[i + 1]) * 16 + text_hex_digit(s[i + 2]));
			i += 2;
		}
		sb_encode_byte(sb, c);
	}
}

/* canonical_uri appends the normalised, encoded path: empty and "." segments dropped, ".."
 * removing the one before (never above the root), a trailing '/' kept, every byte of a
 * segment that is not unreserved encoded (so the wire's "%3A" becomes "%253A"). Returns 0,
 * or -1 for a path that is empty, relative or too long. */
static int canonical_uri(struct strbuf *cr, const char *path)
{
	size_t len = strlen(path);
	struct strbuf u = STRBUF_INIT;
	if (!len || len > SIGV4_MAX_PART || path[0] != '/')
		return -1;
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t l = strcspn(p, "/");
		if (l == 2 && p[0] == '.' && p[1] == '.') {
			while (u.len && u.buf[u.len - 1] != '/')
				u.len--;
			if (u.len)
				u.len--;
			if (u.buf)
				u.buf[u.len] = '\0';
		} else if (l && !(l == 1 && p[0] == '.')) {
			sb_addc(&u, '/');
			for (size_t i = 0; i < l; i++)
				sb_encode_byte(&u, (unsigned char)p[i]);
		}
		p += l;
	}
	if (!u.len || path[len - 1] == '/')
		sb_addc(&u, '/');
	sb_add(cr, u.buf, u.len);
	sb_release(&u);
	return 0;
}

struct qparam {
	char *key, *value; /* canonically encoded */
};

static int cmp_param(const void *a, const void *b)
{
	const struct qparam *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->value, y->value);
}

/* canonical_query appends the query's parameters (split on '&', empty ones dropped, a name
 * without '=' given an empty value) decoded, re-encoded and sorted by name then value.
 * Returns 0, or -1 when the query is too long. */
static int canonical_query(struct strbuf *cr, const char *query)
{
	size_t n = 0, alloc = 0;
	struct qparam *v = NULL;
	if (!query || !*query)
		return 0;
	if (strlen(query) > SIGV4_MAX_PART)
		return -1;
	for (const char *p = query; *p;) {
		size_t l = strcspn(p, "&");
		if (l) {
			const char *eq = memchr(p, '=', l);
			size_t kl = eq ? (size_t)(eq - p) : l;
			struct strbuf k = STRBUF_INIT, val = STRBUF_INIT;
			sb_reencode(&k, p, kl);
			if (eq)
				sb_reencode(&val, eq + 1, l - kl - 1);
			ALLOC_GROW(v, n + 1, alloc);
			v[n].key = sb_detach(&k);
			v[n++].value = sb_detach(&val);
		}
		p += l + (p[l] == '&');
	}
	qsort(v, n, sizeof(*v), cmp_param);
	for (size_t i = 0; i < n; i++) {
		sb_addf(cr, "%s%s=%s", i ? "&" : "", v[i].key, v[i].value);
		free(v[i].key);
		free(v[i].value);
	}
	free(v);
	return 0;
}

struct chdr {
	char name[MAX_NAME + 1]; /* lowercased */
	struct strbuf val;       /* trimmed, whitespace collapsed, duplicates joined with ',' */
};

struct hdrs {
	struct chdr h[MAX_HDRS];
	size_t n, bytes;
};

static int cmp_hdr(const void *a, const void *b)
{
	return strcmp(((const struct chdr *)a)->name, ((const struct chdr *)b)->name);
}

static struct chdr *hdr_find(struct hdrs *hs, const char *lname)
{
	for (size_t i = 0; i < hs->n; i++)
		if (!strcmp(hs->h[i].name, lname))
			return &hs->h[i];
	return NULL;
}

/* hdr_add adds (or joins with ',' to an earlier header of the same name) one header, its
 * value trimmed with every run of spaces, tabs and line breaks made one space. Returns 0,
 * or -1 for an invalid name, a control character in the value or a limit passed. */
static int hdr_add(struct hdrs *hs, const char *name, const char *value)
{
	static const char tchar[] = "!#$%&'*+-.^_`|~";
	char lname[MAX_NAME + 1];
	size_t nl = strlen(name), vl = strlen(value);
	if (!nl || nl > MAX_NAME || vl > SIGV4_MAX_PART || hs->bytes + nl + vl > SIGV4_MAX_HEADER_BYTES)
		return -1;
	hs->bytes += nl + vl;
	for (size_t i = 0; i <= nl; i++) {
		char c = name[i];
		if (c && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || strchr(tchar, c)))
			return -1;
		lname[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	struct chdr *h = hdr_find(hs, lname);
	if (h) {
		sb_addc(&h->val, ',');
	} else {
		if (hs->n == MAX_HDRS)
			return -1;
		h = &hs->h[hs->n++];
		memcpy(h->name, lname, nl + 1);
		h->val = (struct strbuf)STRBUF_INIT;
		sb_adds(&h->val, "");
	}
	bool space = false, started = false;
	for (const char *v = value; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = started;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			return -1;
		if (space)
			sb_addc(&h->val, ' ');
		sb_addc(&h->val, (char)c);
		space = false;
		started = true;
	}
	return 0;
}

/* add_own handles a header the signer adds itself. When the caller passed it too, the values
 * must agree and nothing is added; otherwise it is signed (when sign) and queued for the
 * wire. Returns 0, or -1 on a disagreement. */
static int add_own(struct hdrs *hs, const char *wire, const char *lname, const char *value, bool sign,
		   struct sigv4_result *out)
{
	struct chdr *h = hdr_find(hs, lname);
	if (h)
		return sign && !strcmp(h->val.buf, value) ? 0 : -1;
	if (sign && hdr_add(hs, lname, value) < 0)
		return -1;
	out->send[out->nsend].name = wire;
	out->send[out->nsend++].value = xstrdup(value);
	return 0;
}

static void hex32(const unsigned char md[32], char out[65])
{
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hexdig[md[i] >> 4];
		out[2 * i + 1] = hexdig[md[i] & 15];
	}
	out[64] = '\0';
}

static int hmac(const void *key, size_t keylen, const char *msg, size_t msglen, unsigned char out[32])
{
	unsigned int len = 0;
	if (!HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg, msglen, out, &len) || len != 32)
		return -1;
	return 0;
}

/* sign_sts writes hex(HMAC(kSigning, sts)) into sig, where kSigning = HMAC(HMAC(HMAC(HMAC(
 * "AWS4" + secret, date), region), service), "aws4_request"). Every intermediate key is
 * wiped. Returns 0, or -1 when libcrypto fails. */
static int sign_sts(const struct sigv4_key *key, const char *date, const char *sts, char sig[65])
{
	unsigned char a[32], b[32];
	char ksecret[4 + MAX_SECRET];
	size_t slen = strlen(key->secret_key);
	int rc = -1;
	memcpy(ksecret, "AWS4", 4);
	memcpy(ksecret + 4, key->secret_key, slen);
	if (hmac(ksecret, 4 + slen, date, 8, a) == 0 && hmac(a, 32, key->region, strlen(key->region), b) == 0 &&
	    hmac(b, 32, key->service, strlen(key->service), a) == 0 && hmac(a, 32, "aws4_request", 12, b) == 0 &&
	    hmac(b, 32, sts, strlen(sts), a) == 0) {
		hex32(a, sig);
		rc = 0;
	}
	OPENSSL_cleanse(ksecret, sizeof(ksecret));
	OPENSSL_cleanse(a, sizeof(a));
	OPENSSL_cleanse(b, sizeof(b));
	return rc;
}

static bool valid_amz_date(const char *s)
{
	if (!s || strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
		return false;
	for (int i = 0; i < 15; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

/* printable: 1..max characters from '!' to '~', none of them in forbid. Credential scope
 * parts forbid "/,="; the session token goes on the wire as it is. */
static bool printable(const char *s, size_t max, const char *forbid)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > max)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s > '~' || strchr(forbid, *s))
			return false;
	return true;
}

static bool valid_method(const char *m)
{
	size_t n = m ? strlen(m) : 0;
	if (!n || n > 16)
		return false;
	return strspn(m, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n;
}

/* A precomputed payload hash: 64 lowercase hex digits or one of AWS's literals. */
static bool valid_payload_hash(const char *s)
{
	static const char *const literals[] = {
		"UNSIGNED-PAYLOAD",
		"STREAMING-UNSIGNED-PAYLOAD-TRAILER",
		"STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
		"STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
		"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
		"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER",
	};
	if (strlen(s) == 64 && strspn(s, hexdig) == 64)
		return true;
	for (size_t i = 0; i < sizeof(literals) / sizeof(literals[0]); i++)
		if (!strcmp(s, literals[i]))
			return true;
	return false;
}

#define FAIL(why) do { out->error = (why); goto out; } while (0)

int sigv4_sign(const struct sigv4_request *rq, const struct sigv4_key *key, struct sigv4_result *out)
{
	struct strbuf cr = STRBUF_INIT, sh = STRBUF_INIT, sts = STRBUF_INIT;
	struct hdrs *hs = xcalloc(1, sizeof(*hs));
	char date[9], crhash[65];
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!valid_method(rq->method) || !rq->path)
		FAIL("missing or invalid method or path");
	if (!valid_amz_date(key->amz_date))
		FAIL("the date is not YYYYMMDDTHHMMSSZ");
	if (!printable(key->access_key, MAX_SCOPE, "/,=") || !printable(key->region, MAX_SCOPE, "/,=") ||
	    !printable(key->service, MAX_SCOPE, "/,="))
		FAIL("missing or invalid access key id, region or service");
	if (!key->secret_key || !*key->secret_key || strlen(key->secret_key) > MAX_SECRET)
		FAIL("missing or overlong secret key");
	if (key->session_token && !printable(key->session_token, MAX_TOKEN, ""))
		FAIL("empty, overlong or unprintable session token");
	if (rq->nheaders > SIGV4_MAX_HEADERS || (rq->nheaders && !rq->headers))
		FAIL("too many headers, or none given");
	if (!rq->body && rq->body_len)
		FAIL("a body length without a body");
	if (rq->payload_hash && !valid_payload_hash(rq->payload_hash))
		FAIL("the payload hash is neither 64 lowercase hex digits nor an AWS literal");
	memcpy(date, key->amz_date, 8);
	date[8] = '\0';

	for (size_t i = 0; i < rq->nheaders; i++)
		if (!rq->headers[i].name || !rq->headers[i].value ||
		    hdr_add(hs, rq->headers[i].name, rq->headers[i].value) < 0)
			FAIL("a header has an invalid name or value, or the headers are too large");
	if (!hdr_find(hs, "host"))
		FAIL("no host header");
	if (rq->payload_hash)
		snprintf(out->payload_hash, sizeof(out->payload_hash), "%s", rq->payload_hash);
	else if (hash_sha256_hex(rq->body, rq->body_len, out->payload_hash) < 0)
		FAIL("SHA-256 failed");
	if (add_own(hs, "X-Amz-Date", "x-amz-date", key->amz_date, true, out) < 0)
		FAIL("the x-amz-date header differs from the signing date");
	if (key->session_token && add_own(hs, "X-Amz-Security-Token", "x-amz-security-token", key->session_token,
					  !(rq->flags & SIGV4_TOKEN_UNSIGNED), out) < 0)
		FAIL("the x-amz-security-token header differs from the session token or should be unsigned");
	if ((rq->flags & SIGV4_CONTENT_SHA256) &&
	    add_own(hs, "X-Amz-Content-Sha256", "x-amz-content-sha256", out->payload_hash, true, out) < 0)
		FAIL("the x-amz-content-sha256 header differs from the payload hash");
	qsort(hs->h, hs->n, sizeof(hs->h[0]), cmp_hdr);

	sb_addf(&cr, "%s\n", rq->method);
	if (canonical_uri(&cr, rq->path) < 0)
		FAIL("the path is empty, relative or too long");
	sb_addc(&cr, '\n');
	if (canonical_query(&cr, rq->query) < 0)
		FAIL("the query is too long");
	sb_addc(&cr, '\n');
	for (size_t i = 0; i < hs->n; i++) {
		sb_addf(&cr, "%s:%s\n", hs->h[i].name, hs->h[i].val.buf);
		sb_addf(&sh, "%s%s", i ? ";" : "", hs->h[i].name);
	}
	sb_addf(&cr, "\n%s\n%s", sh.buf, out->payload_hash);

	if (hash_sha256_hex(cr.buf, cr.len, crhash) < 0)
		FAIL("SHA-256 failed");
	sb_addf(&sts, "AWS4-HMAC-SHA256\n%s\n%s/%s/%s/aws4_request\n%s", key->amz_date, date, key->region, key->service,
		crhash);
	if (sign_sts(key, date, sts.buf, out->signature) < 0)
		FAIL("HMAC-SHA256 failed");

	out->authorization = xasprintf("AWS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aws4_request, SignedHeaders=%s, "
				       "Signature=%s",
				       key->access_key, date, key->region, key->service, sh.buf, out->signature);
	out->send[out->nsend].name = "Authorization";
	out->send[out->nsend++].value = xstrdup(out->authorization);
	out->canonical_request = sb_detach(&cr);
	out->string_to_sign = sb_detach(&sts);
	out->signed_headers = sb_detach(&sh);
	rc = 0;
out:
	for (size_t i = 0; i < hs->n; i++)
		sb_release(&hs->h[i].val);
	free(hs);
	sb_release(&cr);
	sb_release(&sh);
	sb_release(&sts);
	if (rc < 0) {
		const char *why = out->error;
		sigv4_result_release(out);
		out->error = why;
	}
	return rc;
}

void sigv4_result_release(struct sigv4_result *r)
{
	free(r->canonical_request);
	free(r->string_to_sign);
	free(r->authorization);
	free(r->signed_headers);
	for (size_t i = 0; i < r->nsend && i < SIGV4_MAX_SEND; i++)
		free(r->send[i].value);
	memset(r, 0, sizeof(*r));
}

/* put appends c to buf (size n) at *o, or records that it did not fit. */
static void put(char *buf, size_t n, size_t *o, bool *cut, char c)
{
	if (*o + 1 < n)
		buf[(*o)++] = c;
	else
		*cut = true;
}

static void puts_n(char *buf, size_t n, size_t *o, bool *cut, const char *s)
{
	for (; *s; s++)
		put(buf, n, o, cut, *s);
}

int sigv4_redact(const char *authorization, char *buf, size_t n)
{
	static const char cred[] = "Credential=", sig[] = "Signature=";
	const char *a = authorization;
	size_t o = 0;
	bool cut = false;
	if (!n)
		return -1;
	if (!a || !strstr(a, cred)) {
		puts_n(buf, n, &o, &cut, "REDACTED");
		buf[o] = '\0';
		return cut ? -1 : 0;
	}
	while (*a) {
		bool is_cred = !strncmp(a, cred, sizeof(cred) - 1), is_sig = !strncmp(a, sig, sizeof(sig) - 1);
		if (!is_cred && !is_sig) {
			put(buf, n, &o, &cut, *a++);
			continue;
		}
		puts_n(buf, n, &o, &cut, is_cred ? cred : sig);
		puts_n(buf, n, &o, &cut, "REDACTED");
		a += is_cred ? sizeof(cred) - 1 : sizeof(sig) - 1;
		a += strcspn(a, is_cred ? "/, " : ", ");
	}
	buf[o] = '\0';
	return cut ? -1 : 0;
}
