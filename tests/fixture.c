/*
 * fixture.c: forms for the unit tests, parsed from text as if the file
 * NAME lived in the shipped forms directory (so "lists/..." resolves).
 */

#include "config.h"

#include <string.h>

#include "errlist.h"
#include "fixture.h"
#include "tap.h"

/*
 * Parse text as the form file name; bail out of the test program with the
 * first error if it does not parse. The caller frees the form.
 */
struct form *
fixture_form(const char *name, const char *text)
{
	struct errlist	 el;
	struct form	*f;
	char		 path[512];

	strcpy(path, TEST_FORMS_DIR "/");
	strncat(path, name, sizeof path - strlen(path) - 1);
	errlist_init(&el);
	f = form_parse_buffer(path, text, strlen(text), &el);
	if (f == NULL)
		bail("fixture %s: %s", name, el.n > 0 ? el.v[0] : "?");
	errlist_free(&el);
	return (f);
}

/* Make all n values empty with status ok. */
void
fixture_clear(struct fvalue *vals, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		vals[i].value = NULL;
		vals[i].status = FS_OK;
	}
}
