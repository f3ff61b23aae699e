/*
 * fixture.c: forms for the unit tests, parsed from text as if the file
 * NAME lived in the shipped forms directory (so "lists/..." resolves),
 * and the removal of a test's database directory.
 */

#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errlist.h"
#include "fixture.h"
#include "tap.h"
#include "xmalloc.h"

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

/* Load the shipped forms into fs, or bail out of the test program. */
void
fixture_formset(struct formset *fs)
{
	struct errlist	el;

	errlist_init(&el);
	formset_load(fs, TEST_FORMS_DIR, &el);
	if (errlist_count(&el) != 0)
		bail("the forms do not load: %s", el.v[0]);
	errlist_free(&el);
}

/*
 * Remove directory dir and the files in it (a database environment has
 * no subdirectories); what cannot be removed is left.
 */
void
fixture_rmdir(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
	rmdir(dir);
}
