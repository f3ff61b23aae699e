/*
 * moj-t.c: the Ministry template's cells, both ways: every option of
 * every enumeration a shipped form sends to the template is written as
 * its code (or its label where the form says so) and read back to the
 * same option, by code, label, any case or as a spreadsheet number;
 * dates, the moj-else year, and the header names of earlier campaigns.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "form.h"
#include "i18n.h"
#include "moj.h"
#include "tap.h"
#include "xmalloc.h"

/* Read cell s of column c; the field's value, or NULL on error. */
static char *
read1(const struct form *f, const struct form_column *c, const char *s,
    char **other)
{
	char	*v, *o, *cause;

	if (moj_read_cell(f, c, s, &v, &o, &cause) != 0) {
		free(cause);
		return (NULL);
	}
	if (other != NULL)
		*other = o;
	else
		free(o);
	return (v);
}

/* Every option of the enumeration of column c, both ways. */
static size_t
check_enum(const struct form *f, const struct form_column *c, int *bad)
{
	const struct form_enum	*e = f->fields[c->field].enm;
	const char		*want;
	char			*cell, *v, *w, upper[256];
	size_t			 i, k, n = 0;

	for (i = 0; i < e->noptions; i++) {
		want = e->moj_label ? e->options[i].label : e->options[i].code;
		cell = moj_cell(f, c->field, e->options[i].code);
		v = read1(f, c, cell, NULL);
		snprintf(upper, sizeof upper, "%s", e->options[i].label);
		for (k = 0; upper[k] != '\0'; k++)
			if (upper[k] >= 'a' && upper[k] <= 'z')
				upper[k] -= 'a' - 'A';
		w = read1(f, c, upper, NULL);
		if (strcmp(cell, want) != 0 || v == NULL ||
		    strcmp(v, e->options[i].code) != 0 || w == NULL ||
		    strcmp(w, e->options[i].code) != 0) {
			diag("%s %s option %s: cell '%s' (want '%s'), read "
			    "'%s', by label '%s'", f->id, c->name,
			    e->options[i].code, cell, want, v ? v : "(error)",
			    w ? w : "(error)");
			*bad = 1;
		}
		free(cell);
		free(v);
		free(w);
		n++;
	}
	return (n);
}

int
main(void)
{
	struct formset			 fs;
	const struct form		*f;
	const struct form_column	*c;
	char				*v, *o, *cause;
	size_t				 i, k, n;
	int				 bad, col;

	i18n_init("en");
	fixture_formset(&fs);

	for (i = 0; i < fs.n; i++) {
		f = fs.v[i];
		if (f->ncolumns == 0) {
			ok(strcmp(f->id, "tdcc") == 0, "%s: no template (only "
			    "tdcc has none)", f->id);
			continue;
		}
		bad = 0;
		n = 0;
		for (k = 0; k < f->ncolumns; k++) {
			c = &f->columns[k];
			if (c->field >= 0 &&
			    f->fields[c->field].type == FT_ENUM)
				n += check_enum(f, c, &bad);
		}
		ok(!bad && n > 20, "%s: %zu options of its enumerations "
		    "written and read back", f->id, n);
	}

	f = formset_find(&fs, "ks");
	is_int(f->ncolumns, 70, "ks: the birth template's 70 columns");
	ok(f->columns[0].row && strcmp(f->columns[0].name, "STT") == 0,
	    "ks: STT first, the row number");
	col = moj_column(f, "ngayDangKy");
	c = &f->columns[col];
	v = moj_cell(f, c->field, "5/3/2008");
	is_string(v, "05.03.2008", "a date is written dd.mm.yyyy");
	free(v);
	v = moj_cell(f, c->field, "03/2008");
	is_string(v, "03.2008", "a month as mm.yyyy");
	free(v);
	v = moj_cell(f, c->field, "?5/03/2008");
	is_string(v, "?5.03.2008", "a partial reading keeps its marks");
	free(v);
	v = read1(f, c, " 19/11/1999 ", &o);
	is_string(v, "19/11/1999", "19/11/1999 is read as it is");
	is_string(o, "1999", "... and gives nam_dang_ky its year");
	free(v);
	free(o);
	v = read1(f, c, "27.10.2008", &o);
	is_string(v, "27/10/2008", "27.10.2008 is read as 27/10/2008");
	free(v);
	free(o);
	c = &f->columns[moj_column(f, "meNgaySinh")];
	v = read1(f, c, "1981", &o);
	is_string(v, "", "a year alone is not a date of birth");
	is_string(o, "1981", "... it goes to me_nam_sinh");
	free(v);
	free(o);
	c = &f->columns[moj_column(f, "loaiDangKy")];
	v = read1(f, c, "2.0", NULL);
	is_string(v, "2", "a code a spreadsheet made 2.0 is read as 2");
	free(v);
	ok(moj_read_cell(f, c, "9", &v, &o, &cause) == -1,
	    "a code that is no option is refused");
	is_string(cause, "'9' is not one of 1, 2, 3, 4, 5, 6",
	    "... naming the codes allowed");
	free(cause);
	v = read1(f, c, "", NULL);
	is_string(v, "", "an empty cell gives an empty value");
	free(v);

	is_int(moj_column(f, "loaiDangKy \ni=[1,2,3,4,5,6]"),
	    moj_column(f, "loaiDangKy"), "a header with its codes below");
	is_int(moj_column(f, "NKSHOTEN"), moj_column(f, "nksHoTen"),
	    "a header in capitals (earlier campaigns)");
	is_int(moj_column(f, " so "), 1, "a header with spaces");
	is_int(moj_column(f, "DC_DVNHAPXA"), -1, "a column of no template");
	is_int(moj_column(f, ""), -1, "an empty header");

	f = formset_find(&fs, "kh");
	c = &f->columns[moj_column(f, "tinhTrangKetHon")];
	v = moj_cell(f, c->field, "DA_LY_HON");
	is_string(v, "Đã ly hôn", "kh: the marriage status in words");
	free(v);
	v = read1(f, c, "đã ly hôn", NULL);
	is_string(v, "DA_LY_HON", "... and read back from them");
	free(v);

	formset_free(&fs);
	return (done_testing());
}
