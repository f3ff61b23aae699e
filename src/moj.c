/*
 * moj.c: values to and from the Ministry of Justice's import template,
 * and one book written as the template's .xlsx file.
 *
 * The template (TeamplateDangKyKhaiSinh.xlsx, domain reference section
 * 2.3) writes every value as text: dates as dd.mm.yyyy (mm.yyyy and yyyy
 * when the book gives no more), codes as their digits, and the row number
 * STT as a number. Its header row holds the column codes. Reading back,
 * cells are forgiving the way earlier campaign files need: dates with
 * '/', '.' or '-', codes or labels in any case, "2.0" for a code that a
 * spreadsheet turned into a number, spaces around anything.
 */

#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xlsxwriter.h>

#include "date.h"
#include "form.h"
#include "i18n.h"
#include "moj.h"
#include "rec.h"
#include "xmalloc.h"

#define MOJ_COL_WIDTH	16	/* characters, every column */

/* A copy of s without the spaces around it. */
static char *
trimmed(const char *s)
{
	size_t	len;

	while (isspace((u_char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((u_char)s[len - 1]))
		len--;
	return (xstrndup(s, len));
}

/* s made fit for a cell: control characters but tab and newline, spaces. */
static char *
cell_text(const char *s)
{
	char	*c, *p;

	c = xstrdup(s);
	for (p = c; *p != '\0'; p++)
		if ((u_char)*p < 0x20 && *p != '\t' && *p != '\n')
			*p = ' ';
	return (c);
}

/*
 * Return the cell of the template for field fi of form f holding value v
 * (as stored): a date as dd.mm.yyyy, mm.yyyy or yyyy (a date read only in
 * part keeps its question marks, with dots); an option of an
 * enumeration as its code, or its label where the enumeration says
 * "moj-value label"; anything else as it is. The caller frees it.
 */
char *
moj_cell(const struct form *f, int fi, const char *v)
{
	const struct form_field		*ff = &f->fields[fi];
	const struct form_option	*o;
	struct vdate			 d;
	char				*s, *p, *cause;

	switch (ff->type) {
	case FT_ENUM:
		if (ff->enm == NULL || (o = form_enum_find(ff->enm, v)) == NULL)
			break;
		return (cell_text(ff->enm->moj_label ? o->label : o->code));
	case FT_DATE:
		/* A partial reading ("?5/12/1991") keeps its digits. */
		if (date_parse(v, &d, &cause) != 0) {
			free(cause);
			s = cell_text(v);
		} else
			s = date_format(&d);
		for (p = s; *p != '\0'; p++)
			if (*p == '/')
				*p = '.';
		return (s);
	default:
		break;
	}
	return (cell_text(v));
}

/* s without a spreadsheet's ".0" after a whole number; NULL if none. */
static char *
whole_number(const char *s)
{
	const char	*p = s, *dot;

	while (isdigit((u_char)*p))
		p++;
	if (p == s || *p != '.')
		return (NULL);
	for (dot = p++; *p == '0'; p++)
		;
	if (*p != '\0')
		return (NULL);
	return (xstrndup(s, dot - s));
}

/*
 * Return the value of field fi of form f that the template's cell s
 * holds: without the spaces around it; a date as dd/mm/yyyy (mm/yyyy,
 * yyyy); an enumeration's code, found by code or label. A date that does
 * not parse is returned as written, for validation to name it. Returns a
 * new string, or NULL with *cause set when s is no option of the field's
 * enumeration.
 */
char *
moj_value(const struct form *f, int fi, const char *s, char **cause)
{
	const struct form_field		*ff = &f->fields[fi];
	const struct form_option	*o;
	struct vdate			 d;
	char				*v, *w, *why, *list, *tmp;
	size_t				 i;

	v = trimmed(s);
	if (*v == '\0')
		return (v);
	switch (ff->type) {
	case FT_ENUM:
		if (ff->enm == NULL)
			break;
		if ((o = form_enum_find(ff->enm, v)) == NULL &&
		    (w = whole_number(v)) != NULL) {
			o = form_enum_find(ff->enm, w);
			free(w);
		}
		if (o != NULL) {
			free(v);
			return (xstrdup(o->code));
		}
		list = xstrdup("");
		for (i = 0; i < ff->enm->noptions; i++) {
			xasprintf(&tmp, "%s%s%s", list, i > 0 ? ", " : "",
			    ff->enm->moj_label ? ff->enm->options[i].label :
			    ff->enm->options[i].code);
			free(list);
			list = tmp;
		}
		xasprintf(cause, _("'%s' is not one of %s"), v, list);
		free(list);
		free(v);
		return (NULL);
	case FT_DATE:
		if (date_parse(v, &d, &why) != 0) {
			free(why);
			break;
		}
		free(v);
		return (date_format(&d));
	case FT_INT:
		if ((w = whole_number(v)) != NULL) {
			free(v);
			return (w);
		}
		break;
	default:
		break;
	}
	return (v);
}

/*
 * Return the index of the column of f's template that header cell h
 * names, or -1. The code is compared ignoring case, and whatever follows
 * it after a space or a line break is not read ("loaiDangKy \ni=[1,2]",
 * "NKSHOTEN" and "nksHoTen " are all column nksHoTen).
 */
int
moj_column(const struct form *f, const char *h)
{
	size_t	i, len;

	while (isspace((u_char)*h))
		h++;
	for (len = 0; h[len] != '\0' && !isspace((u_char)h[len]); len++)
		;
	if (len == 0)
		return (-1);
	for (i = 0; i < f->ncolumns; i++) {
		if (strlen(f->columns[i].name) == len &&
		    strncasecmp(f->columns[i].name, h, len) == 0)
			return ((int)i);
	}
	return (-1);
}

/* The value of field fi of r, or NULL if empty or marked blank. */
static const char *
filled(const struct form *f, int fi, const struct rec *r)
{
	const struct rec_val	*v;

	if (fi < 0 || (v = rec_get(r, f->fields[fi].key)) == NULL ||
	    *v->value == '\0' || v->status == FS_BLANK)
		return (NULL);
	return (v->value);
}

/*
 * Return the cell of column c of f's template for entry r: its field's
 * value, else (moj-else) the other field's; or NULL when both are empty.
 * The row column is the caller's. The caller frees the cell.
 */
char *
moj_column_cell(const struct form *f, const struct form_column *c,
    const struct rec *r)
{
	const char	*v;

	if ((v = filled(f, c->field, r)) != NULL)
		return (moj_cell(f, c->field, v));
	if ((v = filled(f, c->else_field, r)) != NULL)
		return (moj_cell(f, c->else_field, v));
	return (NULL);
}

/*
 * Read cell s of column c of f's template into *value, the value of the
 * column's field, and *other, the value of its moj-else field; each is
 * NULL when the cell gives that field nothing. A date column whose
 * moj-else field is a year gives the year to it, and the date itself only
 * when it has more than a year. Returns 0, or -1 with *cause set (the
 * cell is no option of the field's enumeration).
 */
int
moj_read_cell(const struct form *f, const struct form_column *c,
    const char *s, char **value, char **other, char **cause)
{
	struct vdate	 d;
	char		*v, *why;
	int		 fi = c->field;

	*value = *other = NULL;
	if (c->row || (fi < 0 && c->else_field < 0))
		return (0);
	if (fi < 0) {
		*other = moj_value(f, c->else_field, s, cause);
		return (*other == NULL ? -1 : 0);
	}
	if ((v = moj_value(f, fi, s, cause)) == NULL)
		return (-1);
	if (c->else_field >= 0 && f->fields[fi].type == FT_DATE &&
	    f->fields[c->else_field].type == FT_INT && *v != '\0') {
		if (date_parse(v, &d, &why) != 0)
			free(why);
		else {
			xasprintf(other, "%d", d.year);
			if (d.month == 0) {
				free(v);
				v = xstrdup("");
			}
		}
	}
	*value = v;
	return (0);
}

/* The header cell of column c: what the form gives, else its code. */
char *
moj_header(const struct form_column *c)
{
	return (xstrdup(c->header != NULL ? c->header : c->name));
}

/*
 * Write the n entries at recs, of form f, in this order, to path as the
 * template's workbook: the header row, then one row per entry, the row
 * column numbered from 1, the others as moj_column_cell gives them.
 * Returns 0, or -1 with *cause set (a file that could not be written
 * may be left at path: the caller writes to a temporary name).
 */
int
moj_write_book(const char *path, const struct form *f,
    struct rec *const *recs, size_t n, char **cause)
{
	lxw_workbook_options	 opt;
	lxw_workbook		*wb;
	lxw_worksheet		*ws;
	lxw_format		*head, *text;
	lxw_error		 err = LXW_NO_ERROR;
	const struct form_column *c;
	char			*cell;
	size_t			 i, k;

	memset(&opt, 0, sizeof opt);
	if ((wb = workbook_new_opt(path, &opt)) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(ENOMEM));
		return (-1);
	}
	ws = workbook_add_worksheet(wb, f->moj_sheet != NULL ? f->moj_sheet :
	    MOJ_SHEET);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_num_format(head, "@");
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	if (ws == NULL) {
		workbook_close(wb);
		xasprintf(cause, "%s: %s", path, strerror(ENOMEM));
		return (-1);
	}
	worksheet_set_column(ws, 0, (lxw_col_t)(f->ncolumns > 0 ?
	    f->ncolumns - 1 : 0), MOJ_COL_WIDTH, text);
	worksheet_freeze_panes(ws, 1, 0);
	for (k = 0; k < f->ncolumns && err == LXW_NO_ERROR; k++) {
		cell = moj_header(&f->columns[k]);
		err = worksheet_write_string(ws, 0, (lxw_col_t)k, cell, head);
		free(cell);
	}
	for (i = 0; i < n && err == LXW_NO_ERROR; i++) {
		for (k = 0; k < f->ncolumns && err == LXW_NO_ERROR; k++) {
			c = &f->columns[k];
			if (c->row) {
				err = worksheet_write_number(ws,
				    (lxw_row_t)(i + 1), (lxw_col_t)k,
				    (double)(i + 1), NULL);
				continue;
			}
			if ((cell = moj_column_cell(f, c, recs[i])) == NULL)
				continue;
			err = worksheet_write_string(ws, (lxw_row_t)(i + 1),
			    (lxw_col_t)k, cell, text);
			free(cell);
		}
	}
	if (err != LXW_NO_ERROR) {
		workbook_close(wb);
		xasprintf(cause, "%s: %s", path, lxw_strerror(err));
		return (-1);
	}
	errno = 0;
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		if (errno != 0)
			xasprintf(cause, "%s: %s (%s)", path,
			    lxw_strerror(err), strerror(errno));
		else
			xasprintf(cause, "%s: %s", path, lxw_strerror(err));
		return (-1);
	}
	return (0);
}
