#include "testutil.h"

#include "util/hash.h"

/* FIPS 180-2 / NIST example vectors for SHA-256. */
static const struct {
	const char *in;
	const char *hex;
} vectors[] = {
	{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
};

static void test_sha256_vectors(void **state)
{
	(void)state;
	char hex[65];
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		assert_int_equal(hash_sha256_hex(vectors[i].in, strlen(vectors[i].in), hex), 0);
		assert_string_equal(hex, vectors[i].hex);
	}
	assert_int_equal(hash_sha256_hex(NULL, 0, hex), 0);
	assert_string_equal(hex, vectors[0].hex);
	/* bytes after a NUL count: the length decides, not the string */
	assert_int_equal(hash_sha256_hex("a\0b", 3, hex), 0);
	assert_string_not_equal(hex, "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
}

/* SHA-1 (the names of the AWS CLI's SSO token cache files): FIPS 180-1 example vectors */
static void test_sha1_vectors(void **state)
{
	(void)state;
	char hex[41];
	assert_int_equal(hash_sha1_hex("abc", 3, hex), 0);
	assert_string_equal(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
	assert_int_equal(hash_sha1_hex(NULL, 0, hex), 0);
	assert_string_equal(hex, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_sha256_vectors), cmocka_unit_test(test_sha1_vectors)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
