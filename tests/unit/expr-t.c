/*
 * expr-t.c: the rule expression language: syntax errors, type errors,
 * three-valued evaluation over partial and missing values, printing.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "errlist.h"
#include "expr.h"
#include "fixture.h"
#include "form.h"
#include "i18n.h"
#include "tap.h"
#include "tok.h"

static const char *form_text =
    "hotich-form 1\n"
    "form t\n"
    "title \"T\"\n"
    "register KS\n"
    "lookup dan_toc \"lists/dan-toc.tsv\"\n"
    "enum sex\n"
    "  option 1 \"Nam\" male\n"
    "  option 2 \"Nữ\" female\n"
    "enum cap\n"
    "  option XA \"Xã\"\n"
    "  option HUYEN \"Huyện\"\n"
    "section \"S\"\n"
    "field d1 date\n  label \"D1\"\n"
    "field d2 date\n  label \"D2\"\n"
    "field n int\n  label \"N\"\n"
    "field y int\n  label \"Y\"\n"
    "field e enum sex\n  label \"E\"\n"
    "field t text\n  label \"T\"\n"
    "field r regno\n  label \"R\"\n"
    "field tm time\n  label \"Tm\"\n"
    "field dk code dan_toc\n  label \"Dk\"\n"
    "field c enum cap\n  label \"C\"\n"
    "regno-key t n t r\n"
    "person-key t\n";

enum { D1, D2, N, Y, E, T, R, TM, DK, C, NF };

static struct form	*form;
static struct fvalue	 vals[NF];
static struct vdate	 today = { 2026, 11, 21 };

static void
clear(void)
{
	fixture_clear(vals, NF);
}

/* Parse and resolve s; return NULL and fill el on error. */
static struct expr *
compile(const char *s, struct errlist *el)
{
	struct tokline	 tl;
	struct expr	*e;
	char		*cause;
	u_int		 col;

	errlist_init(el);
	if (tok_split(s, &tl, &cause, &col) != 0) {
		errlist_add(el, "x", 1, col, "%s", cause);
		free(cause);
		tok_free(&tl);
		return (NULL);
	}
	e = expr_parse(&tl, 0, "x", 1, el);
	tok_free(&tl);
	if (e != NULL && expr_resolve(e, form, "x", el) != 0) {
		expr_free(e);
		e = NULL;
	}
	return (e);
}

static void
eval_is(const char *s, enum tri want, const char *why)
{
	struct errlist	 el;
	struct expr	*e;
	static const char *names[] = { "false", "true", "unknown" };
	enum tri	 got;

	if ((e = compile(s, &el)) == NULL) {
		ok(0, "%s: %s compiles", why, s);
		if (el.n > 0)
			diag("%s", el.v[0]);
		errlist_free(&el);
		return;
	}
	got = expr_eval(e, form, vals, &today);
	ok(got == want, "%s: %s is %s", why, s, names[want]);
	if (got != want)
		diag("got %s", names[got]);
	expr_free(e);
	errlist_free(&el);
}

static void
refused(const char *s, const char *want)
{
	struct errlist	 el;
	struct expr	*e;

	e = compile(s, &el);
	ok(e == NULL && el.n == 1 && strcmp(el.v[0], want) == 0,
	    "'%s' is refused", s);
	if (el.n > 0 && strcmp(el.v[0], want) != 0)
		diag("got '%s', want '%s'", el.v[0], want);
	expr_free(e);
	errlist_free(&el);
}

static void
prints(const char *s, const char *want)
{
	struct errlist	 el;
	struct expr	*e, *e2;
	char		*out, *out2;

	if ((e = compile(s, &el)) == NULL) {
		ok(0, "'%s' compiles", s);
		errlist_free(&el);
		return;
	}
	out = expr_format(e);
	is_string(out, want, "'%s' prints as '%s'", s, want);
	errlist_free(&el);
	e2 = compile(out, &el);
	out2 = (e2 != NULL) ? expr_format(e2) : NULL;
	is_string(out2, out, "'%s' reads back the same", out);
	free(out);
	free(out2);
	expr_free(e);
	expr_free(e2);
	errlist_free(&el);
}

int
main(void)
{
	i18n_init("en");
	form = fixture_form("expr-t.form", form_text);

	/* Partial dates compare as intervals. */
	clear();
	vals[D1].value = "1985";
	vals[D2].value = "15/03/1985";
	eval_is("d1 <= d2", TRI_UNKNOWN, "a year against a day in it");
	vals[D1].value = "01/1985";
	vals[D2].value = "1986";
	eval_is("d1 <= d2", TRI_TRUE, "a month before a later year");
	eval_is("d1 > d2", TRI_FALSE, "a month before a later year");
	vals[D1].value = "1990";
	vals[D2].value = "15/03/1985";
	eval_is("d1 <= d2", TRI_FALSE, "a later year");
	eval_is("d1 = d2", TRI_FALSE, "disjoint dates differ");
	eval_is("d1 != d2", TRI_TRUE, "disjoint dates differ");
	vals[D1].value = "15/03/1985";
	eval_is("d1 >= d2", TRI_TRUE, "the same day");
	eval_is("d1 = d2", TRI_TRUE, "the same day");
	eval_is("d1 < d2", TRI_FALSE, "the same day");
	eval_is("d2 <= today", TRI_TRUE, "a past date");
	eval_is("d1 = date(\"15/03/1985\")", TRI_TRUE, "a date literal");
	eval_is("d1 = \"15.03.1985\"", TRI_TRUE, "a date in quotes");

	/* Missing, illegible and malformed values are unknown. */
	clear();
	vals[D2].value = "15/03/1985";
	eval_is("d1 <= d2", TRI_UNKNOWN, "an empty field");
	vals[D1].value = "1/1/1980";
	vals[D1].status = FS_ILLEGIBLE;
	eval_is("d1 <= d2", TRI_UNKNOWN, "an illegible field");
	vals[D1].status = FS_OK;
	vals[D1].value = "31/04/1980";
	eval_is("d1 <= d2", TRI_UNKNOWN, "an impossible date");

	/* Ages and day counts. */
	clear();
	vals[D1].value = "15/03/1960";
	vals[D2].value = "14/03/1980";
	eval_is("age(d1, d2) = 19", TRI_TRUE, "the day before a birthday");
	vals[D2].value = "15/03/1980";
	eval_is("age(d1, d2) = 20", TRI_TRUE, "on the birthday");
	vals[Y].value = "1960";
	eval_is("age(y, d2) between 10 and 60", TRI_TRUE, "a birth year");
	eval_is("age(y, d2) = 20", TRI_UNKNOWN, "19 or 20 from a year");
	vals[Y].value = "1975";
	eval_is("age(y, d2) between 10 and 60", TRI_FALSE, "a mother of 4");
	vals[Y].value = "1970";
	eval_is("age(y, d2) >= 10", TRI_UNKNOWN, "9 or 10 is not sure");
	vals[Y].value = "1971";
	eval_is("age(y, d2) >= 10", TRI_FALSE, "8 or 9 is under 10");
	eval_is("age(y, d2) < 10", TRI_TRUE, "under 10 for sure");
	vals[D1].value = "01/01/2000";
	vals[D2].value = "01/03/2000";
	eval_is("days(d1, d2) = 60", TRI_TRUE, "60 days in a leap year");
	vals[D2].value = "03/2000";
	eval_is("days(d1, d2) <= 60", TRI_UNKNOWN, "a month away");
	eval_is("days(d1, d2) <= 90", TRI_TRUE, "within 90 days");
	eval_is("year(d2) = 2000", TRI_TRUE, "year of a month");
	vals[N].value = "42";
	eval_is("n between 40 and 50", TRI_TRUE, "between");
	eval_is("n between 43 and 50", TRI_FALSE, "between");
	eval_is("n in (1, 42)", TRI_TRUE, "in a number list");
	eval_is("n not in (1, 42)", TRI_FALSE, "not in");
	vals[R].value = "24/2008";
	eval_is("r = 24", TRI_TRUE, "a registration number's number");
	vals[N].value = "4x";
	eval_is("n = 4", TRI_UNKNOWN, "a malformed int");
	vals[N].value = " 4";
	eval_is("n = 4", TRI_UNKNOWN, "a number with a space is no number, "
	    "as the validator says");

	/* Enums compare by code; a label means its code. */
	clear();
	vals[E].value = "Nữ";
	eval_is("e = 2", TRI_TRUE, "a label is its code");
	eval_is("e in (1)", TRI_FALSE, "not in the list");
	eval_is("e not in (1)", TRI_TRUE, "not in");
	eval_is("e = \"nữ\"", TRI_TRUE, "a label in the rule is its code");
	eval_is("2 = e", TRI_TRUE, "the literal on the left");
	vals[E].value = "9";
	eval_is("e = 2", TRI_UNKNOWN, "a value that is no option");
	vals[C].value = "xa";
	eval_is("c = XA", TRI_TRUE, "a bare code; the value in any case");
	eval_is("XA = c", TRI_TRUE, "a bare code on the left");
	eval_is("c in (HUYEN)", TRI_FALSE, "a bare code in a list");
	vals[T].value = "Nguyễn Văn A";
	eval_is("t = \"NGUYỄN  văn a\"", TRI_TRUE, "text ignores case");
	eval_is("len(t) = 12", TRI_TRUE, "len counts letters");
	vals[D1].value = "15/03/1985";
	vals[N].value = "42";
	eval_is("len(d1) = 10 and len(n) = 2", TRI_TRUE, "len of a date and "
	    "a number counts what was typed");
	vals[D1].value = "1985";
	eval_is("len(d1) = 4", TRI_TRUE, "len of a year");

	/* Times compare as times. */
	vals[TM].value = "14h45";
	eval_is("tm > \"14:30\"", TRI_TRUE, "a time literal");
	eval_is("tm between \"08:00\" and \"12:00\"", TRI_FALSE,
	    "a time range");

	/* A lookup field compares by the entry found, however typed. */
	vals[DK].value = "Kinh";
	eval_is("dk = \"01\"", TRI_TRUE, "Kinh is 01");
	eval_is("dk = \"1\"", TRI_TRUE, "and 1 too");
	vals[DK].value = "Mèo";
	eval_is("dk in (\"Mông\", \"Dao\")", TRI_TRUE, "an old name is its "
	    "entry");
	vals[DK].value = "Klingon";
	eval_is("dk = \"Kinh\"", TRI_FALSE, "a value not in the list");

	/* filled() looks at the book, not the type. */
	clear();
	eval_is("filled(t)", TRI_FALSE, "an empty field");
	vals[T].status = FS_BLANK;
	eval_is("filled(t)", TRI_FALSE, "blank in the book");
	vals[T].status = FS_ILLEGIBLE;
	eval_is("filled(t)", TRI_TRUE, "something illegible is written");
	vals[T].status = FS_OK;
	vals[T].value = "x";
	eval_is("filled(t)", TRI_TRUE, "a value");

	/* Kleene logic. */
	clear();
	vals[N].value = "5";
	eval_is("d1 < d2 and n = 6", TRI_FALSE, "unknown and false");
	eval_is("d1 < d2 or n = 5", TRI_TRUE, "unknown or true");
	eval_is("d1 < d2 or n = 6", TRI_UNKNOWN, "unknown or false");
	eval_is("not (d1 < d2)", TRI_UNKNOWN, "not unknown");
	eval_is("not n = 5 or n = 5", TRI_TRUE, "not binds tighter");
	eval_is("n = 5 and (n = 6 or n = 5)", TRI_TRUE, "parentheses");

	/* Errors are found when the form is read. */
	refused("d1 <=", "x:1:6: expression ends too soon");
	refused("(d1 < d2", "x:1:9: expected ')' at end of line");
	refused("d1 < d2 d2", "x:1:9: unexpected 'd2' after the expression");
	refused("d1 < t", "x:1:4: cannot compare a date with text");
	refused("t < t", "x:1:3: text can only be compared with = or !=, "
	    "not '<'");
	refused("nx = 1", "x:1:1: unknown field 'nx'");
	refused("d1", "x:1:1: the expression must be a condition, not a date");
	refused("days(n, d1) > 1", "x:1:6: the argument of days() must be a "
	    "date");
	refused("age(t, d1) > 1", "x:1:5: the argument of age() must be a "
	    "date or a year");
	refused("n between 1 and d1", "x:1:3: the limits of between must be "
	    "a number");
	refused("d1 = \"31/04/2000\"", "x:1:6: bad date literal: 31/04/2000 "
	    "does not exist: month 4 has 30 days");
	refused("d1 < date(1999)", "x:1:11: date() takes a date in quotes, "
	    "such as date(\"01/01/1999\")");
	refused("n in (1, x2)", "x:1:10: 'x2' cannot be compared with a "
	    "number");
	refused("n = 4 and", "x:1:10: expression ends too soon");
	refused("n == 4", "x:1:4: unexpected '='");
	refused("filled(n = 4)", "x:1:10: filled() takes a field name");
	refused("n = 4 & n = 5", "x:1:7: unexpected character '&'");
	refused("not not not not not not not not not not not not not not not "
	    "not not not not not not not not not not not not not not not not "
	    "not not n = 4",
	    "x:1:125: expression is nested too deeply");
	refused("n = 99999999999999999999", "x:1:5: '99999999999999999999' "
	    "is not a number");
	refused("e = 9", "x:1:5: '9' is not a code of enum 'sex'");
	refused("e in (1, 9)", "x:1:10: '9' is not a code of enum 'sex'");
	refused("\"x\" = e", "x:1:1: 'x' is not a code of enum 'sex'");
	refused("c = XX", "x:1:5: 'XX' is neither a field nor a code of enum "
	    "'cap'");
	refused("dk = \"Klingon\"", "x:1:6: 'Klingon' is not in the list "
	    "'dan_toc'");
	refused("tm > \"25:00\"", "x:1:6: bad time literal: 25:00 is not a "
	    "time of day");
	refused("tm > 1430", "x:1:6: write a time in quotes, such as "
	    "\"14:30\", not 1430");
	ok(expr_is_reserved("between") && !expr_is_reserved("nam"),
	    "reserved words");

	/* Printing reads back the same. */
	prints("d1<=d2", "d1 <= d2");
	prints("not (n = 1 or n = 2) and e in (1,2)",
	    "not (n = 1 or n = 2) and e in (1, 2)");
	prints("age(y,d2) between 10 and 60", "age(y, d2) between 10 and 60");
	prints("d1 > date(\"03/1999\")", "d1 > date(\"03/1999\")");
	prints("t = \"a \\\"b\\\"\"", "t = \"a \\\"b\\\"\"");
	prints("e = \"Nữ\" or c in (xa)", "e = 2 or c in (XA)");
	prints("dk = \"Kinh\"", "dk = 01");

	form_free(form);
	return (done_testing());
}
