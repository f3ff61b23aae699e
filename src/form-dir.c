/*
 * form-dir.c: load every form of a forms directory.
 *
 * The forms directory holds one NAME.form file per register, the files
 * they include and the lookup lists. Only *.form files are forms; a form
 * with errors is left out and its errors are reported, so one broken file
 * does not keep a clerk from typing in the other registers.
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "i18n.h"
#include "xmalloc.h"

static int
formset_select(const struct dirent *d)
{
	size_t	len = strlen(d->d_name);

	return (d->d_name[0] != '.' && len > 5 &&
	    strcmp(d->d_name + len - 5, ".form") == 0);
}

/*
 * Load the forms of directory dir into fs (which the caller frees with
 * formset_free, also on error). Problems are added to el: a form with
 * errors, two forms with the same id, a directory that cannot be read.
 * Return the number of forms loaded.
 */
size_t
formset_load(struct formset *fs, const char *dir, struct errlist *el)
{
	struct dirent	**names;
	struct form	 *f;
	char		 *path;
	int		  n, i;

	fs->v = NULL;
	fs->n = 0;
	if ((n = scandir(dir, &names, formset_select, alphasort)) < 0) {
		errlist_add(el, dir, 0, 0, _("cannot read the forms "
		    "directory: %s"), strerror(errno));
		return (0);
	}
	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/%s", dir, names[i]->d_name);
		free(names[i]);
		f = form_load(path, el);
		free(path);
		if (f != NULL)
			formset_add(fs, f, el);
	}
	free(names);
	return (fs->n);
}

/*
 * Add form f to fs, which then owns it. If fs already has a form with f's
 * id, add that to el, free f and return -1.
 */
int
formset_add(struct formset *fs, struct form *f, struct errlist *el)
{
	const struct form	*other;

	if ((other = formset_find(fs, f->id)) != NULL) {
		errlist_add(el, f->path, 0, 0, _("form id '%s' is already used "
		    "by %s"), f->id, other->path);
		form_free(f);
		return (-1);
	}
	fs->v = xreallocarray(fs->v, fs->n + 1, sizeof *fs->v);
	fs->v[fs->n++] = f;
	return (0);
}

/* Free every form of fs; fs is empty afterwards. */
void
formset_free(struct formset *fs)
{
	size_t	i;

	for (i = 0; i < fs->n; i++)
		form_free(fs->v[i]);
	free(fs->v);
	fs->v = NULL;
	fs->n = 0;
}

/* Return the form of fs with the given id, or NULL. */
const struct form *
formset_find(const struct formset *fs, const char *id)
{
	size_t	i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i]->id, id) == 0)
			return (fs->v[i]);
	return (NULL);
}
