/* endpoint: where a service's requests go: an explicit URL, the SDK variables
 * (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL), or AWS's regional host in the
 * region's partition. */
#ifndef SUNSET_AWS_ENDPOINT_H
#define SUNSET_AWS_ENDPOINT_H

/* aws_endpoint returns a new "scheme://host" string without a trailing slash (the caller
 * frees it). `explicit_url` may be NULL; `env` names the service variable
 * ("AWS_ENDPOINT_URL_LAMBDA"); `host` is the service's host prefix ("lambda"). */
char *aws_endpoint(const char *explicit_url, const char *env, const char *host, const char *region);

#endif
