/*
 * form.c: the form model's lifetime and small look-ups.
 *
 * The names of the field types and statuses here are part of the form
 * language and of the CSV column "<key>__status", so they never change.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "form.h"
#include "lookup.h"
#include "utf8.h"
#include "xmalloc.h"

static const char *form_type_names[] = {
	[FT_TEXT] = "text",
	[FT_NAME] = "name",
	[FT_PLACE] = "place",
	[FT_DATE] = "date",
	[FT_TIME] = "time",
	[FT_INT] = "int",
	[FT_ENUM] = "enum",
	[FT_CODE] = "code",
	[FT_ID12] = "id12",
	[FT_IDCARD] = "idcard",
	[FT_REGNO] = "regno"
};

static const char *form_status_names[FS_COUNT] = {
	[FS_OK] = "ok",
	[FS_BLANK] = "blank",
	[FS_ILLEGIBLE] = "illegible",
	[FS_PARTIAL] = "partial",
	[FS_STRUCK] = "struck"
};

/* Free form and everything it owns; NULL is allowed. */
void
form_free(struct form *f)
{
	struct form_field	*ff;
	struct form_rule	*r;
	size_t			 i, j;

	if (f == NULL)
		return;
	for (i = 0; i < f->nfields; i++) {
		ff = &f->fields[i];
		free(ff->key);
		free(ff->label);
		free(ff->help);
		free(ff->moj);
		free(ff->moj_else);
		free(ff->defval);
		free(ff->enum_name);
		free(ff->lookup_name);
		free(ff->sex_name);
		free(ff->birth_name);
		free(ff->doctype_name);
		expr_free(ff->required_if);
	}
	free(f->fields);
	for (i = 0; i < f->nsections; i++)
		free(f->sections[i].title);
	free(f->sections);
	for (i = 0; i < f->nenums; i++) {
		for (j = 0; j < f->enums[i].noptions; j++) {
			free(f->enums[i].options[j].code);
			free(f->enums[i].options[j].label);
		}
		free(f->enums[i].options);
		free(f->enums[i].name);
	}
	free(f->enums);
	for (i = 0; i < f->nlookups; i++) {
		free(f->lookups[i].name);
		free(f->lookups[i].path);
		lookup_free(f->lookups[i].list);
	}
	free(f->lookups);
	for (i = 0; i < f->nrules; i++) {
		r = &f->rules[i];
		free(r->id);
		free(r->message);
		expr_free(r->expr);
		free(r->on);
		/* on_names is NULL when "on" was not given. */
		for (j = 0; r->on_names != NULL && j < r->non; j++)
			free(r->on_names[j]);
		free(r->on_names);
	}
	free(f->rules);
	for (i = 0; i < f->ncolumns; i++) {
		free(f->columns[i].name);
		free(f->columns[i].header);
	}
	free(f->columns);
	free(f->moj_sheet);
	for (i = 0; i < f->nfiles; i++)
		free(f->files[i]);
	free(f->files);
	free(f->id);
	free(f->title);
	free(f->reg);
	free(f->path);
	free(f);
}

/* Return the index of the field called key, or -1. */
int
form_field_index(const struct form *f, const char *key)
{
	size_t	i;

	for (i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].key, key) == 0)
			return ((int)i);
	return (-1);
}

/* Return the form-language name of type t. */
const char *
form_type_name(enum field_type t)
{
	return (form_type_names[t]);
}

/* Return the index of name in the n names of table, or -1. */
static int
name_index(const char *const *table, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(name, table[i]) == 0)
			return ((int)i);
	return (-1);
}

/* Set *t to the type called name; return 0, or -1 if there is none. */
int
form_type_from_name(const char *name, enum field_type *t)
{
	int	i;

	i = name_index(form_type_names, sizeof form_type_names /
	    sizeof *form_type_names, name);
	if (i < 0)
		return (-1);
	*t = (enum field_type)i;
	return (0);
}

/* Return the name of status s, as written in files and CSV. */
const char *
form_status_name(enum field_status s)
{
	return (form_status_names[s]);
}

/* Set *s to the status called name; return 0, or -1 if there is none. */
int
form_status_from_name(const char *name, enum field_status *s)
{
	int	i;

	if ((i = name_index(form_status_names, FS_COUNT, name)) < 0)
		return (-1);
	*s = (enum field_status)i;
	return (0);
}

/*
 * Find the option of e that value names: its code or its label, ignoring
 * case and extra spaces. Return it (owned by e) or NULL.
 */
const struct form_option *
form_enum_find(const struct form_enum *e, const char *value)
{
	const struct form_option	*o = NULL;
	char				*fv, *fc, *fl;
	size_t				 i;

	for (i = 0; i < e->noptions; i++)
		if (strcmp(e->options[i].code, value) == 0)
			return (&e->options[i]);
	if ((fv = utf8_fold(value)) == NULL)
		return (NULL);
	for (i = 0; i < e->noptions && o == NULL; i++) {
		fc = utf8_fold(e->options[i].code);
		fl = utf8_fold(e->options[i].label);
		if (strcmp(fc, fv) == 0 || strcmp(fl, fv) == 0)
			o = &e->options[i];
		free(fc);
		free(fl);
	}
	free(fv);
	return (o);
}
