#include "model/budget.h"

#include <string.h>

void budget_init(struct budget *b, size_t parse_total)
{
	memset(b, 0, sizeof(*b));
	b->parse_total = parse_total ? parse_total : (size_t)BUDGET_PARSE_TOTAL;
	b->alt_per_file = BUDGET_ALT_PER_FILE;
	b->alt_per_scan = BUDGET_ALT_PER_SCAN;
}

size_t budget_parse_cap(size_t len)
{
	if (len > ((size_t)-1 - BUDGET_PARSE_BASE) / BUDGET_PARSE_PER_BYTE)
		return (size_t)-1;
	return len * BUDGET_PARSE_PER_BYTE + BUDGET_PARSE_BASE;
}

int budget_take(struct budget *b, size_t n)
{
	if (!b)
		return 0;
	if (n > b->parse_total || b->parse_used > b->parse_total - n)
		return -1;
	b->parse_used += n;
	if (b->parse_used > b->parse_peak)
		b->parse_peak = b->parse_used;
	return 0;
}

void budget_give(struct budget *b, size_t n)
{
	if (b)
		b->parse_used -= n < b->parse_used ? n : b->parse_used;
}

enum budget_alt budget_alt(struct budget *b, struct budget_file *bf)
{
	if (bf->spent || b->alt_scan_spent)
		return BUDGET_ALT_SPENT;
	if (b->alt_used >= b->alt_per_scan) {
		b->alt_scan_spent = bf->spent = true;
		return BUDGET_ALT_SCAN_SPENT;
	}
	if (bf->alt >= b->alt_per_file) {
		bf->spent = true;
		return BUDGET_ALT_FILE_SPENT;
	}
	bf->alt++;
	b->alt_used++;
	return BUDGET_ALT_OK;
}
