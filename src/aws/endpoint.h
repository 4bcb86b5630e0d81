/* endpoint: where a service's requests go: an explicit URL, the SDK variables
 * (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL), or AWS's regional host in the
 * region's partition. Also what a URL may show (no user:password) and whether it sends
 * credentials in clear (http:// to a host that is not loopback). */
#ifndef SUNSET_AWS_ENDPOINT_H
#define SUNSET_AWS_ENDPOINT_H

#include <stdbool.h>

/* aws_endpoint returns a new "scheme://host" string without a trailing slash (the caller
 * frees it). `explicit_url` may be NULL; `env` names the service variable
 * ("AWS_ENDPOINT_URL_LAMBDA"); `host` is the service's host prefix ("lambda"). The first
 * cleartext endpoint (see below) it returns is named in one warning. */
char *aws_endpoint(const char *explicit_url, const char *env, const char *host, const char *region);

/* aws_url_redact returns a new copy of `url` with any user:password@ before the host
 * replaced by "REDACTED@" (for messages and --debug). */
char *aws_url_redact(const char *url);
/* aws_url_host returns a new copy of the URL's host[:port] (no user info, no path). */
char *aws_url_host(const char *url);
/* aws_url_cleartext: the URL is plain http:// to a host other than loopback (127.0.0.0/8,
 * localhost, [::1]), so signed requests and session tokens cross the network unencrypted. */
bool aws_url_cleartext(const char *url);

#endif
