#include "aws/endpoint.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/msg.h"
#include "util/xalloc.h"

/* authority finds "user:pass@host:port" in url: its start and length (0 without "://"). */
static const char *authority(const char *url, size_t *len)
{
	const char *a = strstr(url, "://");
	if (!a) {
		*len = 0;
		return url;
	}
	a += 3;
	*len = strcspn(a, "/?#");
	return a;
}

/* userinfo_end: the byte after the last '@' of the authority, or the authority itself. */
static const char *userinfo_end(const char *auth, size_t len)
{
	const char *host = auth;
	for (size_t i = 0; i < len; i++)
		if (auth[i] == '@')
			host = auth + i + 1;
	return host;
}

char *aws_url_redact(const char *url)
{
	size_t len;
	const char *auth = authority(url, &len);
	const char *host = userinfo_end(auth, len);
	if (host == auth)
		return xstrdup(url);
	return xasprintf("%.*sREDACTED@%s", (int)(auth - url), url, host);
}

char *aws_url_host(const char *url)
{
	size_t len;
	const char *auth = authority(url, &len);
	if (auth == url && !len)
		len = strcspn(url, "/?#");
	const char *host = userinfo_end(auth, len);
	return xstrndup(host, len - (size_t)(host - auth));
}

bool aws_url_cleartext(const char *url)
{
	if (strncasecmp(url, "http://", 7) != 0)
		return false;
	char *hp = aws_url_host(url);
	size_t hl = hp[0] == '[' ? strcspn(hp, "]") + 1 : strcspn(hp, ":");
	if (hl > strlen(hp))
		hl = strlen(hp);
	hp[hl] = '\0';
	bool loop = !strcasecmp(hp, "localhost") || !strcmp(hp, "[::1]");
	if (!strncmp(hp, "127.", 4)) {
		loop = hp[4] != '\0';
		for (const char *p = hp + 4; *p; p++)
			if (!(*p == '.' || (*p >= '0' && *p <= '9')))
				loop = false;
	}
	free(hp);
	return !loop;
}

char *aws_endpoint(const char *explicit_url, const char *env, const char *host, const char *region)
{
	static bool warned;
	const char *e = explicit_url;
	if (!e || !*e)
		e = getenv(env);
	if (!e || !*e)
		e = getenv("AWS_ENDPOINT_URL");
	if (e && *e) {
		size_t l = strlen(e);
		while (l && e[l - 1] == '/')
			l--;
		char *url = xstrndup(e, l);
		if (!warned && aws_url_cleartext(url)) {
			char *red = aws_url_redact(url);
			warnf("endpoint %s is plain http:// to a host that is not loopback: signed requests and session "
			      "tokens cross the network unencrypted",
			      red);
			free(red);
			warned = true;
		}
		return url;
	}
	return xasprintf("https://%s.%s.%s", host, region, !strncmp(region, "cn-", 3) ? "amazonaws.com.cn" : "amazonaws.com");
}
