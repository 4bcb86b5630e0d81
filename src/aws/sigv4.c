#include "sigv4.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../strbuf.h"
#include "../xalloc.h"

#define MAX_PART (64 << 10) /* path, query, one header: refuse anything larger */
#define MAX_HEADERS 64

static bool unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       c == '.' || c == '~';
}

long sigv4_encode(const char *s, size_t len, int keep_slash, char *buf, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
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
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		}
	}
	if (o >= n)
		return -1;
	buf[o] = '\0';
	return (long)o;
}

static void sb_encode(struct strbuf *sb, const char *s, size_t len, int keep_slash)
{
	char *tmp = xmalloc(len * 3 + 1);
	long n = sigv4_encode(s, len, keep_slash, tmp, len * 3 + 1);
	sb_add(sb, tmp, (size_t)n);
	free(tmp);
}

/* Canonical URI: dot segments and empty segments removed, then every byte that is not
 * unreserved encoded (a '%' of the wire form becomes %25: AWS's double encoding). */
static int canonical_uri(struct strbuf *sb, const char *path)
{
	size_t len = strlen(path), nseg = 0;
	const char **seg;
	size_t *seglen;
	if (len > MAX_PART)
		return -1;
	if (!len || path[0] != '/') {
		sb_adds(sb, "/");
		if (!len)
			return 0;
	}
	seg = xcalloc(len + 1, sizeof(*seg));
	seglen = xcalloc(len + 1, sizeof(*seglen));
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		const char *e = strchr(p, '/');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == 1 && p[0] == '.') {
			/* skip */
		} else if (l == 2 && p[0] == '.' && p[1] == '.') {
			if (nseg)
				nseg--;
		} else if (l) {
			seg[nseg] = p;
			seglen[nseg++] = l;
		}
		p += l;
	}
	bool trailing = len > 1 && path[len - 1] == '/';
	if (!nseg)
		sb_adds(sb, path[0] == '/' ? "/" : "");
	for (size_t i = 0; i < nseg; i++) {
		sb_addc(sb, '/');
		sb_encode(sb, seg[i], seglen[i], 0);
	}
	if (nseg && trailing)
		sb_addc(sb, '/');
	free(seg);
	free(seglen);
	return 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* decode a query component: %XX escapes (an invalid one is kept as it is). */
static char *decode(const char *s, size_t len, size_t *outlen)
{
	char *d = xmalloc(len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			d[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			d[o++] = s[i];
		}
	}
	d[o] = '\0';
	*outlen = o;
	return d;
}

struct qparam {
	char *key, *value; /* encoded */
};

static int cmp_param(const void *a, const void *b)
{
	const struct qparam *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->value, y->value);
}

static int canonical_query(struct strbuf *sb, const char *query)
{
	size_t n = 0, alloc = 0;
	struct qparam *v = NULL;
	if (!query || !*query)
		return 0;
	if (strlen(query) > MAX_PART)
		return -1;
	for (const char *p = query; *p;) {
		const char *amp = strchr(p, '&');
		size_t l = amp ? (size_t)(amp - p) : strlen(p);
		if (l) {
			const char *eq = memchr(p, '=', l);
			size_t kl = eq ? (size_t)(eq - p) : l, dl;
			struct strbuf k = STRBUF_INIT, val = STRBUF_INIT;
			char *d = decode(p, kl, &dl);
			sb_encode(&k, d, dl, 0);
			free(d);
			d = eq ? decode(eq + 1, l - kl - 1, &dl) : xstrdup("");
			if (!eq)
				dl = 0;
			sb_encode(&val, d, dl, 0);
			free(d);
			ALLOC_GROW(v, n + 1, alloc);
			v[n].key = sb_detach(&k);
			v[n++].value = sb_detach(&val);
		}
		p += l + (amp != NULL);
	}
	qsort(v, n, sizeof(*v), cmp_param);
	for (size_t i = 0; i < n; i++) {
		sb_addf(sb, "%s%s=%s", i ? "&" : "", v[i].key, v[i].value);
		free(v[i].key);
		free(v[i].value);
	}
	free(v);
	return 0;
}

struct chdr {
	char *name;        /* lowercased */
	struct strbuf val; /* trimmed, spaces collapsed, duplicates joined with ',' */
};

static int cmp_hdr(const void *a, const void *b)
{
	return strcmp(((const struct chdr *)a)->name, ((const struct chdr *)b)->name);
}

/* add_value appends a header value with folding, trimming and space collapsing. */
static void add_value(struct strbuf *sb, const char *v)
{
	bool space = false, started = false;
	for (; *v; v++) {
		char c = *v;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = started;
			continue;
		}
		if (space)
			sb_addc(sb, ' ');
		sb_addc(sb, c);
		space = false;
		started = true;
	}
}

static void hmac(const void *key, size_t keylen, const char *msg, unsigned char out[32])
{
	unsigned int len = 32;
	HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg, strlen(msg), out, &len);
}

void sigv4_hex_sha256(const void *data, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int mdlen = 32;
	EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int sigv4_sign(const struct sigv4_request *rq, const struct sigv4_key *key, struct sigv4_result *out)
{
	struct strbuf cr = STRBUF_INIT, signed_hdrs = STRBUF_INIT, sts = STRBUF_INIT, auth = STRBUF_INIT;
	struct chdr h[MAX_HEADERS];
	size_t nh = 0;
	char date[9], payload[65], crhash[65];
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!rq->method || !rq->path || !key->amz_date || strlen(key->amz_date) != 16 || rq->nheaders > MAX_HEADERS)
		return -1;
	memcpy(date, key->amz_date, 8);
	date[8] = '\0';

	/* headers: lowercase, merge duplicates in order, sort */
	for (size_t i = 0; i < rq->nheaders; i++) {
		const struct sigv4_header *in = &rq->headers[i];
		if (strlen(in->name) > 256 || strlen(in->value) > MAX_PART)
			goto out;
		char lname[257];
		size_t k;
		for (k = 0; in->name[k]; k++)
			lname[k] = (char)(in->name[k] >= 'A' && in->name[k] <= 'Z' ? in->name[k] + 32 : in->name[k]);
		lname[k] = '\0';
		for (k = 0; k < nh; k++)
			if (!strcmp(h[k].name, lname))
				break;
		if (k == nh) {
			h[nh].name = xstrdup(lname);
			h[nh++].val = (struct strbuf)STRBUF_INIT;
		} else {
			sb_addc(&h[k].val, ',');
		}
		add_value(&h[k].val, in->value);
	}
	qsort(h, nh, sizeof(h[0]), cmp_hdr);

	sb_addf(&cr, "%s\n", rq->method);
	if (canonical_uri(&cr, rq->path) < 0)
		goto out;
	sb_addc(&cr, '\n');
	if (canonical_query(&cr, rq->query) < 0)
		goto out;
	sb_addc(&cr, '\n');
	for (size_t i = 0; i < nh; i++) {
		sb_addf(&cr, "%s:%s\n", h[i].name, h[i].val.buf ? h[i].val.buf : "");
		sb_addf(&signed_hdrs, "%s%s", i ? ";" : "", h[i].name);
	}
	sigv4_hex_sha256(rq->body ? rq->body : "", rq->body ? rq->body_len : 0, payload);
	sb_addf(&cr, "\n%s\n%s", signed_hdrs.buf ? signed_hdrs.buf : "", payload);

	sigv4_hex_sha256(cr.buf, cr.len, crhash);
	sb_addf(&sts, "AWS4-HMAC-SHA256\n%s\n%s/%s/%s/aws4_request\n%s", key->amz_date, date, key->region, key->service,
		crhash);

	/* kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") */
	unsigned char k1[32], k2[32];
	size_t slen = strlen(key->secret_key);
	char *ksecret = xmalloc(slen + 5);
	memcpy(ksecret, "AWS4", 4);
	memcpy(ksecret + 4, key->secret_key, slen + 1);
	hmac(ksecret, slen + 4, date, k1);
	OPENSSL_cleanse(ksecret, slen + 4);
	free(ksecret);
	hmac(k1, 32, key->region, k2);
	hmac(k2, 32, key->service, k1);
	hmac(k1, 32, "aws4_request", k2);
	hmac(k2, 32, sts.buf, k1);
	for (int i = 0; i < 32; i++)
		snprintf(out->signature + 2 * i, 3, "%02x", k1[i]);
	OPENSSL_cleanse(k1, sizeof(k1));
	OPENSSL_cleanse(k2, sizeof(k2));

	sb_addf(&auth, "AWS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aws4_request, SignedHeaders=%s, Signature=%s",
		key->access_key, date, key->region, key->service, signed_hdrs.buf ? signed_hdrs.buf : "",
		out->signature);
	out->canonical_request = sb_detach(&cr);
	out->string_to_sign = sb_detach(&sts);
	out->authorization = sb_detach(&auth);
	rc = 0;
out:
	for (size_t i = 0; i < nh; i++) {
		free(h[i].name);
		sb_release(&h[i].val);
	}
	sb_release(&cr);
	sb_release(&signed_hdrs);
	sb_release(&sts);
	sb_release(&auth);
	return rc;
}

void sigv4_result_release(struct sigv4_result *r)
{
	free(r->canonical_request);
	free(r->string_to_sign);
	free(r->authorization);
	memset(r, 0, sizeof(*r));
}

void sigv4_redact(const char *authorization, char *buf, size_t n)
{
	const char *cred = strstr(authorization, "Credential=");
	const char *slash = cred ? strchr(cred, '/') : NULL;
	const char *sig = strstr(authorization, "Signature=");
	if (!cred || !slash || !sig || sig < slash) {
		snprintf(buf, n, "REDACTED");
		return;
	}
	snprintf(buf, n, "%.*sCredential=REDACTED%.*sSignature=REDACTED", (int)(cred - authorization), authorization,
		 (int)(sig - slash), slash);
}
