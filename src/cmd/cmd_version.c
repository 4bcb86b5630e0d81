/* sunset version (also --version, -V): the build's version, the built-in catalog's date
 * and source, and the versions of the libraries linked (run time, not compile time, where
 * the library tells). */
#include <curl/curl.h>
#include <jansson.h>
#include <libxml/xmlversion.h>
#include <libxml/parser.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "catalog/catalog.h"
#include "cmd/cli.h"
#include "util/msg.h"

extern const char catalog_builtin_json[];
extern const size_t catalog_builtin_json_len;

/* the "source" note of the built-in catalog's JSON (what its dates rest on) */
static void print_catalog(void)
{
	struct catalog *cat = NULL;
	char d[11];
	if (catalog_load_builtin(&cat) < 0)
		return;
	printf("catalog: built-in, as of %s, %zu runtimes\n", date_format(catalog_as_of(cat), d), catalog_count(cat));
	catalog_free(cat);
	json_t *root = json_loadb(catalog_builtin_json, catalog_builtin_json_len, 0, NULL);
	const char *src = json_string_value(json_object_get(root, "source"));
	if (src)
		printf("catalog source: %s\n", src);
	json_decref(root);
}

int cmd_version(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: sunset version (also sunset --version, sunset -V)\n\n"
		       "Prints the version, the built-in catalog's date and source, and the library versions.\n");
		return EXIT_CLEAN;
	}
	if (argc > 1) {
		errorf("version: unexpected argument \"%s\"", argv[1]);
		return EXIT_USAGE;
	}
	const curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);
	printf("sunset %s\n", SUNSET_BUILD_VERSION);
	print_catalog();
	printf("libcurl %s%s%s\n", cv->version, cv->ssl_version ? " with " : "", cv->ssl_version ? cv->ssl_version : "");
	printf("OpenSSL %s\n", OpenSSL_version(OPENSSL_VERSION_STRING));
	printf("jansson %s\n", jansson_version_str());
	printf("libyaml %s\n", yaml_get_version_string());
	printf("libxml2 %s (%s)\n", LIBXML_DOTTED_VERSION, xmlParserVersion);
	return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_USAGE;
}
