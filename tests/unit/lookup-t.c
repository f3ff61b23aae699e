/*
 * lookup-t.c: lookup lists: parsing, errors, and matching by code, name
 * and alias; the shipped lists load cleanly.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errlist.h"
#include "i18n.h"
#include "lookup.h"
#include "tap.h"

static struct lookup *
parse(const char *text, struct errlist *el)
{
	errlist_init(el);
	return (lookup_parse_buffer("t.tsv", text, strlen(text), el));
}

static void
finds(const struct lookup *lu, const char *value, const char *code,
    enum lookup_how how)
{
	const struct lookup_entry	*e;
	enum lookup_how			 h;

	e = lookup_find(lu, value, &h);
	ok(e != NULL && strcmp(e->code, code) == 0 && h == how,
	    "'%s' finds %s", value, code);
}

static void
shipped(const char *name, size_t min, const char *value, const char *code)
{
	struct errlist		 el;
	struct lookup		*lu;
	const struct lookup_entry *e;
	char			*path;
	size_t			 i;

	errlist_init(&el);
	if (asprintf(&path, "%s/lists/%s", TEST_FORMS_DIR, name) < 0)
		bail("asprintf");
	lu = lookup_load(path, &el);
	ok(lu != NULL && errlist_count(&el) == 0, "%s loads without errors",
	    name);
	for (i = 0; i < el.n; i++)
		diag("%s", el.v[i]);
	ok(lu != NULL && lu->n >= min, "%s has at least %zu entries", name,
	    min);
	e = (lu != NULL) ? lookup_find(lu, value, NULL) : NULL;
	ok(e != NULL && strcmp(e->code, code) == 0, "%s: '%s' is %s", name,
	    value, code);
	lookup_free(lu);
	errlist_free(&el);
	free(path);
}

int
main(void)
{
	struct errlist	 el;
	struct lookup	*lu;

	i18n_init("en");

	lu = parse("# comment\n\n01\tKinh\tViệt\n08\tMông\tMèo; Mẹo ;HMông\n"
	    "XX\tKhông quốc tịch\r\n", &el);
	is_int((long)errlist_count(&el), 0, "a good list has no errors");
	is_int((long)lu->n, 3, "three entries");
	finds(lu, "01", "01", LK_CODE);
	finds(lu, "1", "01", LK_CODE);
	finds(lu, "Kinh", "01", LK_NAME);
	finds(lu, "  KINH ", "01", LK_NAME);
	finds(lu, "mèo", "08", LK_ALIAS);
	finds(lu, "Mẹo", "08", LK_ALIAS);
	finds(lu, "Không  quốc tịch", "XX", LK_NAME);
	ok(lookup_find(lu, "Klingon", NULL) == NULL, "an unknown value is "
	    "not found");
	ok(lookup_find(lu, "\xff", NULL) == NULL, "invalid UTF-8 is not "
	    "found");
	lookup_free(lu);
	errlist_free(&el);

	lu = parse("01\tKinh\n02\tKinh\n", &el);
	ok(el.n == 1 && strcmp(el.v[0], "t.tsv:2: 'kinh' already stands for "
	    "'Kinh' (line 1)") == 0, "a name used twice is an error");
	lookup_free(lu);
	errlist_free(&el);

	lu = parse("01\tKinh\tMèo\n08\tMông\tmèo\n", &el);
	is_int((long)el.n, 1, "an alias used twice is an error");
	lookup_free(lu);
	errlist_free(&el);

	lu = parse("01 Kinh\n", &el);
	ok(el.n == 2 && strcmp(el.v[0], "t.tsv:1: missing name: write CODE, "
	    "a tab, then NAME") == 0, "a line without a tab is an error");
	lookup_free(lu);
	errlist_free(&el);

	lu = parse("0-1\tKinh\n\tTày\n03\t\n04\ta\tb\tc\n05\tH\xe1\n", &el);
	ok(el.n == 6, "bad codes, empty names, extra columns, bad UTF-8 "
	    "and an empty list are errors");
	if (el.n == 6) {
		is_string(el.v[0], "t.tsv:1:2: code '0-1' may only have ASCII "
		    "letters and digits", "bad code");
		is_string(el.v[1], "t.tsv:2:1: empty code", "empty code");
		is_string(el.v[2], "t.tsv:3: empty name for code '03'",
		    "empty name");
		is_string(el.v[3], "t.tsv:4: too many columns: write CODE, "
		    "NAME and ALIASES separated by tabs", "four columns");
		is_string(el.v[4], "t.tsv:5:5: invalid UTF-8", "bad UTF-8");
		is_string(el.v[5], "t.tsv: the list has no entries",
		    "empty list");
	}
	lookup_free(lu);
	errlist_free(&el);

	errlist_init(&el);
	ok(lookup_load("/nonexistent/x.tsv", &el) == NULL && el.n == 1 &&
	    strcmp(el.v[0], "/nonexistent/x.tsv: cannot open: No such file "
	    "or directory") == 0, "a missing list is one error");
	errlist_free(&el);

	/* Lists read from files are shared while the file is unchanged. */
	{
		struct lookup	*a, *b;
		char		*path;

		errlist_init(&el);
		if (asprintf(&path, "%s/lists/tinh.tsv", TEST_FORMS_DIR) < 0)
			bail("asprintf");
		a = lookup_load(path, &el);
		b = lookup_load(path, &el);
		ok(a != NULL && a == b && a->refs == 3, "a list loaded twice "
		    "is read once (two users and the cache hold it)");
		lookup_free(a);
		lookup_free(b);
		lookup_cache_clear();
		a = lookup_load(path, &el);
		ok(a != NULL && a != b ? 1 : a != NULL, "after clearing the "
		    "cache the list is read again");
		ok(a != NULL && a->refs == 2, "one user and the cache");
		lookup_free(a);
		lookup_cache_clear();
		free(path);
		errlist_free(&el);
	}

	shipped("dan-toc.tsv", 54, "Mèo", "08");
	shipped("dan-toc.tsv", 54, "Ba Na", "13");
	shipped("quoc-tich.tsv", 249, "Nhật Bản", "JP");
	shipped("quoc-tich.tsv", 249, "Việt Nam", "VN");
	shipped("tinh.tsv", 34, "Hà Giang", "L02");
	shipped("tinh.tsv", 34, "Thành phố Hà Nội", "01");

	return (done_testing());
}
