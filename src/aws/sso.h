/* sso: credentials of an IAM Identity Center (SSO) profile, the way the AWS CLI gets them
 * after `aws sso login`: the access token from its cache (~/.aws/sso/cache/SHA1.json,
 * named by the sso-session name, or by the start URL for the legacy sso_start_url form),
 * refreshed with the cached refresh token when it has expired (SSO OIDC CreateToken; the
 * cache file is rewritten atomically), then the portal's GetRoleCredentials for the
 * profile's sso_account_id and sso_role_name. Endpoints: AWS_ENDPOINT_URL_SSO and
 * AWS_ENDPOINT_URL_SSO_OIDC, else portal.sso.REGION / oidc.REGION.amazonaws.com. */
#ifndef SUNSET_AWS_SSO_H
#define SUNSET_AWS_SSO_H

#include "aws/creds.h"
#include "aws/ini.h"

/* sso_profile: whether the config section is an SSO profile. */
int sso_profile(const struct ini *cfg, const char *section);
/* sso_creds fills *out for the SSO profile `profile` (its config section `section`).
 * Returns 0, or -1 after one error line (an expired login says to run
 * `aws sso login --profile PROFILE`). Never prints a token. */
int sso_creds(const struct ini *cfg, const char *section, const char *profile, struct aws_creds *out);

#endif
