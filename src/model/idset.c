#include "model/idset.h"

#include <openssl/evp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static size_t slot_of(const unsigned char *d, size_t size)
{
	uint64_t h;
	memcpy(&h, d, sizeof(h));
	return (size_t)(h & (size - 1));
}

static bool is_empty(const unsigned char *s)
{
	static const unsigned char zero[16];
	return !memcmp(s, zero, 16);
}

/* insert puts digest d into the table; false when it is there already. */
static bool insert(struct idset *set, const unsigned char *d)
{
	for (size_t i = slot_of(d, set->size);; i = (i + 1) & (set->size - 1)) {
		if (is_empty(set->slot[i])) {
			memcpy(set->slot[i], d, 16);
			set->n++;
			return true;
		}
		if (!memcmp(set->slot[i], d, 16))
			return false;
	}
}

static void grow(struct idset *set)
{
	struct idset bigger = {.size = set->size ? set->size * 2 : 1024};
	bigger.slot = xcalloc(bigger.size, sizeof(*bigger.slot));
	for (size_t i = 0; i < set->size; i++)
		if (!is_empty(set->slot[i]))
			insert(&bigger, set->slot[i]);
	free(set->slot);
	*set = bigger;
}

bool idset_add(struct idset *set, const char *const *parts, size_t nparts)
{
	unsigned char md[EVP_MAX_MD_SIZE], d[16];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int mdlen = 0;
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))
		abort();
	for (size_t i = 0; i < nparts; i++) {
		const char *p = parts[i] ? parts[i] : "";
		/* each part with its length first: no two lists of parts spell the same bytes */
		uint64_t len = strlen(p);
		EVP_DigestUpdate(ctx, &len, sizeof(len));
		EVP_DigestUpdate(ctx, p, len);
	}
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	memcpy(d, md, 16);
	if (is_empty(d))
		d[0] = 1; /* the all-zero digest marks an empty slot */
	if ((set->n + 1) * 2 > set->size)
		grow(set);
	return insert(set, d);
}

void idset_release(struct idset *set)
{
	free(set->slot);
	memset(set, 0, sizeof(*set));
}
