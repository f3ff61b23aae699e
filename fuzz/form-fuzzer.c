/*
 * form-fuzzer.c: libFuzzer target for the form and lookup-list parsers.
 *
 * The input is parsed as a form definition living in the shipped forms
 * directory (so "include" and "lookup" lines reach real files) and as a
 * lookup list. A form that parses is then validated with empty values and
 * with its defaults, and every rule is printed and read back: the text
 * printed must read back to the same text.
 */

#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "errlist.h"
#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "lookup.h"
#include "tok.h"
#include "validate.h"

#define FUZZ_MAX_INPUT	(64 * 1024)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

/* Print e, read it back against f, print again: both must agree. */
static void
roundtrip(const struct form *f, const struct expr *e)
{
	struct errlist	 el;
	struct tokline	 tl;
	struct expr	*e2 = NULL;
	char		*s1, *s2 = NULL, *cause;
	u_int		 col;

	s1 = expr_format(e);
	errlist_init(&el);
	if (tok_split(s1, &tl, &cause, &col) == 0) {
		e2 = expr_parse(&tl, 0, "rt", 1, &el);
		if (e2 != NULL && expr_resolve(e2, f, "rt", &el) == 0)
			s2 = expr_format(e2);
	} else
		free(cause);
	tok_free(&tl);
	assert(s2 != NULL && strcmp(s1, s2) == 0);
	free(s1);
	free(s2);
	expr_free(e2);
	errlist_free(&el);
}

/* Values of every kind, put in every field in turn. */
static const char *samples[] = {
	"1", "2", "01/01/2000", "03/1999", "1985", "14:30", "Nguyễn Văn An",
	"Kinh", "001085001234", "24/2008", "?", "", "\xff", NULL
};

static void
exercise(const struct form *f)
{
	struct fvalue	*vals;
	struct vresult	 vr;
	struct vdate	 today = { 2026, 11, 21 };
	size_t		 i, s;

	vals = calloc(f->nfields, sizeof *vals);
	assert(vals != NULL);
	vresult_init(&vr);
	validate_record(f, vals, &today, &vr);
	for (i = 0; i < f->nfields; i++)
		vals[i].value = f->fields[i].defval;
	validate_record(f, vals, &today, &vr);
	for (i = 0; i < f->nfields; i++)
		validate_field(f, vals, (int)i, &today, &vr);
	for (s = 0; samples[s] != NULL; s++) {
		for (i = 0; i < f->nfields; i++) {
			vals[i].value = samples[(s + i) % 13];
			vals[i].status =
			    (enum field_status)((s + i) % FS_COUNT);
		}
		validate_record(f, vals, &today, &vr);
		for (i = 0; i < f->nfields; i++)
			vals[i].status = FS_OK;
		validate_record(f, vals, &today, &vr);
		vresult_free(&vr);
	}
	vresult_free(&vr);
	free(vals);
	for (i = 0; i < f->nrules; i++)
		if (f->rules[i].expr != NULL)
			roundtrip(f, f->rules[i].expr);
	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].required_if != NULL)
			roundtrip(f, f->fields[i].required_if);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	i18n_init("en");
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errlist	 el;
	struct form	*f;
	struct lookup	*lu;

	if (size > FUZZ_MAX_INPUT)
		return (0);
	errlist_init(&el);
	f = form_parse_buffer(FUZZ_FORMS_DIR "/fuzz.form", (const char *)data,
	    size, &el);
	assert((f == NULL) == (errlist_count(&el) > 0));
	if (f != NULL)
		exercise(f);
	form_free(f);
	errlist_free(&el);

	lu = lookup_parse_buffer("fuzz.tsv", (const char *)data, size, &el);
	if (lu != NULL && lu->n > 0)
		(void)lookup_find(lu, lu->v[0].name, NULL);
	lookup_free(lu);
	errlist_free(&el);
	return (0);
}
