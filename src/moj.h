/*
 * moj.h: the Ministry of Justice's import template: how a form's entries
 * are written into it and read back from it.
 *
 * The form file says which columns the template has, in which order, and
 * which field fills each (form.h: moj-sheet, moj-column, moj). This module
 * turns a field's value into the template's cell and a cell back into a
 * value, and writes one book's entries as an .xlsx file with
 * libxlsxwriter. Dates are written dd.mm.yyyy as the template writes
 * them, enumerations by their codes or their labels. No curses, no
 * database, no printing.
 */
#ifndef MOJ_H
#define MOJ_H

#include <stddef.h>

#include "form.h"
#include "rec.h"

#define MOJ_SHEET	"DL Import"	/* when the form names none */

char	*moj_cell(const struct form *, int, const char *);
char	*moj_value(const struct form *, int, const char *, char **);
char	*moj_column_cell(const struct form *, const struct form_column *,
	     const struct rec *);
int	 moj_read_cell(const struct form *, const struct form_column *,
	     const char *, char **, char **, char **);
int	 moj_column(const struct form *, const char *);
char	*moj_header(const struct form_column *);
int	 moj_write_book(const char *, const struct form *,
	     struct rec *const *, size_t, char **);

#endif
