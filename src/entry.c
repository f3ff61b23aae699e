/*
 * entry.c: one entry of a book as the clerk types it; see entry.h.
 */

#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entry.h"
#include "xmalloc.h"

/* An empty entry of form f, cursor on the first field. Free with
 * entry_free. */
struct entry *
entry_new(const struct form *f)
{
	struct entry	*e;
	size_t		 i;

	e = xcalloc(1, sizeof *e);
	e->form = f;
	e->val = xcalloc(f->nfields, sizeof *e->val);
	e->st = xcalloc(f->nfields, sizeof *e->st);
	for (i = 0; i < f->nfields; i++)
		e->val[i] = xstrdup("");
	e->accepted = xstrdup("");
	return (e);
}

void
entry_free(struct entry *e)
{
	size_t	i;

	if (e == NULL)
		return;
	for (i = 0; i < e->form->nfields; i++)
		free(e->val[i]);
	free(e->val);
	free(e->st);
	free(e->accepted);
	free(e);
}

/*
 * Set field i to value (copied; NULL is "") with status st; the entry is
 * then touched.
 */
void
entry_set(struct entry *e, int i, const char *value, enum field_status st)
{
	free(e->val[i]);
	e->val[i] = xstrdup(value != NULL ? value : "");
	e->st[i] = st;
	e->touched = 1;
}

/* Whether field i is one of the book's own: office, year, book. */
int
entry_in_book_key(const struct form *f, int i)
{
	return (i >= 0 && (i == f->regno_key[RK_OFFICE] ||
	    i == f->regno_key[RK_YEAR] || i == f->regno_key[RK_BOOK]));
}

/*
 * The registration number after s as the book writes them: the first run
 * of digits goes up by one, keeping its leading zeros and whatever is
 * written around it ("24" 25, "01/" "02/", "03/2008" "04/2008"). NULL if
 * s has no digits. The caller frees the result.
 */
char *
entry_next_number(const char *s)
{
	const char	*p, *q;
	char		*out, digits[32];
	int		 width;
	unsigned long	 n;

	for (p = s; *p != '\0' && !isdigit((u_char)*p); p++)
		;
	if (*p == '\0')
		return (NULL);
	for (q = p; isdigit((u_char)*q); q++)
		;
	width = (int)(q - p);
	if (width >= (int)sizeof digits - 1)
		return (NULL);
	memcpy(digits, p, width);
	digits[width] = '\0';
	n = strtoul(digits, NULL, 10) + 1;
	xasprintf(&out, "%.*s%0*lu%s", (int)(p - s), s, width, n, q);
	return (out);
}

/*
 * Start a new entry: the book's fields (office, year, book) from book,
 * carried fields from prev (the entry typed before, or NULL), the next
 * registration number after prev's, and the form's defaults for the
 * rest. Either record may be NULL. The cursor goes to the first field
 * that is neither the book's nor carried with a value. The new entry is
 * not touched: nothing in it was typed.
 */
void
entry_start(struct entry *e, const struct rec *book, const struct rec *prev)
{
	const struct form	*f = e->form;
	const struct form_field	*ff;
	const struct rec_val	*v;
	char			*next;
	size_t			 i;

	e->id = 0;
	e->created = 0;
	e->cur = -1;
	free(e->accepted);
	e->accepted = xstrdup("");
	for (i = 0; i < f->nfields; i++) {
		ff = &f->fields[i];
		entry_set(e, i, ff->defval, FS_OK);
		if (entry_in_book_key(f, i) && book != NULL &&
		    (v = rec_get(book, ff->key)) != NULL)
			entry_set(e, i, v->value, v->status);
		else if ((ff->flags & FF_CARRY) && prev != NULL &&
		    (v = rec_get(prev, ff->key)) != NULL)
			entry_set(e, i, v->value, v->status);
		else if ((ff->flags & FF_AUTOINC) && prev != NULL &&
		    (next = entry_next_number(rec_value(prev, ff->key))) !=
		    NULL) {
			entry_set(e, i, next, FS_OK);
			free(next);
		}
		if (e->cur == -1 && !entry_in_book_key(f, i) &&
		    !((ff->flags & FF_CARRY) && *e->val[i] != '\0'))
			e->cur = i;
	}
	if (e->cur == -1)
		e->cur = 0;
	e->touched = 0;
}

/*
 * Load a saved record or a draft: values, statuses, accepted warnings;
 * for a draft also the record it corrects and the field being typed.
 * The entry is not touched: it is what was stored.
 */
void
entry_load(struct entry *e, const struct rec *r)
{
	const struct form	*f = e->form;
	const struct rec_val	*v;
	const char		*s;
	size_t			 i;

	for (i = 0; i < f->nfields; i++) {
		if ((v = rec_get(r, f->fields[i].key)) != NULL)
			entry_set(e, i, v->value, v->status);
		else
			entry_set(e, i, "", FS_OK);
	}
	free(e->accepted);
	e->accepted = xstrdup(rec_value(r, ENTRY_KEY_ACCEPTED));
	e->id = r->id;
	e->created = r->created;
	if (*(s = rec_value(r, ENTRY_KEY_ID)) != '\0')
		e->id = strtoull(s, NULL, 10);
	e->cur = 0;
	if (*(s = rec_value(r, ENTRY_KEY_FIELD)) != '\0' &&
	    form_field_index(f, s) >= 0)
		e->cur = form_field_index(f, s);
	e->touched = 0;
}

/*
 * The entry as a record to save (draft 0), or as a draft that also keeps
 * the field being typed and the record corrected (draft 1). Free it with
 * rec_free.
 */
struct rec *
entry_rec(const struct entry *e, int draft)
{
	const struct form	*f = e->form;
	struct rec		*r;
	char			 buf[32];
	size_t			 i;

	r = rec_new(f->id);
	r->state = draft ? RS_DRAFT : RS_ENTERED;
	r->created = e->created;
	if (!draft)
		r->id = e->id;
	for (i = 0; i < f->nfields; i++)
		rec_set(r, f->fields[i].key, e->val[i], e->st[i]);
	if (*e->accepted != '\0')
		rec_set(r, ENTRY_KEY_ACCEPTED, e->accepted, FS_OK);
	if (draft) {
		rec_set(r, ENTRY_KEY_FIELD, f->fields[e->cur].key, FS_OK);
		if (e->id != 0) {
			snprintf(buf, sizeof buf, "%" PRIu64, e->id);
			rec_set(r, ENTRY_KEY_ID, buf, FS_OK);
		}
	}
	return (r);
}

static struct fvalue *
fvalues(const struct entry *e)
{
	struct fvalue	*fv;
	size_t		 i;

	fv = xcalloc(e->form->nfields, sizeof *fv);
	for (i = 0; i < e->form->nfields; i++) {
		fv[i].value = e->val[i];
		fv[i].status = e->st[i];
	}
	return (fv);
}

/* Check field i as the clerk leaves it; issues go into vr. Returns how
 * many there are. */
size_t
entry_check_field(const struct entry *e, int i, struct vresult *vr)
{
	struct fvalue	*fv;
	struct vdate	 today;
	size_t		 n;

	date_today(&today);
	fv = fvalues(e);
	n = validate_field(e->form, fv, i, &today, vr);
	free(fv);
	return (n);
}

/* Check the whole entry before it is saved. */
size_t
entry_check(const struct entry *e, struct vresult *vr)
{
	struct fvalue	*fv;
	struct vdate	 today;
	size_t		 n;

	date_today(&today);
	fv = fvalues(e);
	n = validate_record(e->form, fv, &today, vr);
	free(fv);
	return (n);
}

static void
accept_token(const struct entry *e, int i, const char *code, char *buf,
    size_t len)
{
	snprintf(buf, len, "%s:%s", i < 0 ? "*" : e->form->fields[i].key,
	    code);
}

/* Whether the warning code on field i (-1: the record) was accepted. */
int
entry_is_accepted(const struct entry *e, int i, const char *code)
{
	char		 tok[FORM_KEY_MAX + 128];
	const char	*p;
	size_t		 len;

	accept_token(e, i, code, tok, sizeof tok);
	len = strlen(tok);
	for (p = e->accepted; (p = strstr(p, tok)) != NULL; p += len) {
		if ((p == e->accepted || p[-1] == ' ') &&
		    (p[len] == '\0' || p[len] == ' '))
			return (1);
	}
	return (0);
}

/* Record that the clerk accepted warning code on field i. */
void
entry_accept(struct entry *e, int i, const char *code)
{
	char	 tok[FORM_KEY_MAX + 128], *s;

	if (entry_is_accepted(e, i, code))
		return;
	accept_token(e, i, code, tok, sizeof tok);
	xasprintf(&s, "%s%s%s", e->accepted, *e->accepted != '\0' ? " " : "",
	    tok);
	free(e->accepted);
	e->accepted = s;
	e->touched = 1;
}
