/* html_text: the fixed prose of the HTML report: remediation per runtime family and the
 * safe rollout procedure. Kept apart from the layout code in html.c. */
#ifndef SUNSET_HTML_TEXT_H
#define SUNSET_HTML_TEXT_H

struct family_advice {
	const char *family; /* catalog family */
	const char *title;
	const char *html;   /* trusted, static markup */
};

extern const struct family_advice html_family_advice[];
extern const unsigned html_family_advice_count;
extern const char html_rollout[];
extern const char html_cwe[];

#endif
