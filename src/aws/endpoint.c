#include "endpoint.h"

#include <stdlib.h>
#include <string.h>

#include "../xalloc.h"

char *aws_endpoint(const char *explicit_url, const char *env, const char *host, const char *region)
{
	const char *e = explicit_url;
	if (!e || !*e)
		e = getenv(env);
	if (!e || !*e)
		e = getenv("AWS_ENDPOINT_URL");
	if (e && *e) {
		size_t l = strlen(e);
		while (l && e[l - 1] == '/')
			l--;
		return xstrndup(e, l);
	}
	return xasprintf("https://%s.%s.%s", host, region, !strncmp(region, "cn-", 3) ? "amazonaws.com.cn" : "amazonaws.com");
}
