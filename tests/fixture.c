/*
 * fixture.c: forms for the unit tests, parsed from text as if the file
 * NAME lived in the shipped forms directory (so "lists/..." resolves),
 * a store in a temporary directory, and the removal of that directory.
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

/*
 * A new store of office, with forms fs, in a new directory
 * /tmp/NAME.XXXXXX, put in *dir (free it after fixture_rmdir); bail out
 * of the test program if it cannot be made. Close it with store_close.
 */
struct store *
fixture_store(const char *name, const char *office,
    const struct formset *fs, char **dir)
{
	struct store_init	 si;
	struct store		*s;
	char			*cause;

	xasprintf(dir, "/tmp/%s.XXXXXX", name);
	if (mkdtemp(*dir) == NULL)
		bail("mkdtemp failed");
	rmdir(*dir);
	memset(&si, 0, sizeof si);
	si.office = office;
	if (store_init(*dir, &si, &cause) != 0 ||
	    store_open(&s, *dir, 0, NULL, fs, &cause) != 0)
		bail("store: %s", cause);
	return (s);
}

/* Write record r (then free it) into s; its id. Bail out on failure. */
uint64_t
fixture_save(struct store *s, struct rec *r)
{
	uint64_t	 id;
	char		*cause;

	if (store_write(s, &r, 1, 0, &id, &cause) != 0)
		bail("store_write: %s", cause);
	rec_free(r);
	return (id);
}
