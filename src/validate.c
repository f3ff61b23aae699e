/*
 * validate.c: the validation engine.
 *
 * Three layers, each run only where the one before it allows:
 *
 *  1. the status: a field marked blank, illegible, partial or struck in
 *     the book satisfies "required" without a value, and its value is not
 *     type-checked (a partial reading such as "1?/03/1985" cannot be);
 *  2. the type of the value (dates that exist, ranges, enum codes, lookup
 *     lists, the 12-digit personal number and what its digits say);
 *  3. the form's rules (cross-field checks), which never fire on values
 *     that are missing or unreadable (see expr.c).
 *
 * Nothing here prints or keeps state; messages are translated strings the
 * result owns.
 */

#include "config.h"

#include <sys/types.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "date.h"
#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "lookup.h"
#include "number.h"
#include "utf8.h"
#include "validate.h"
#include "xmalloc.h"

/*
 * Province (or country) codes that can start a personal identification
 * number: the 63 provinces of QĐ 124/2004 with a leading 0. Numbers keep
 * the code of the province that registered the birth, so the codes of the
 * provinces merged in 2025 stay valid.
 */
static const char *id12_provinces =
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 "
    "027 030 031 033 034 035 036 037 038 040 042 044 045 046 048 049 051 "
    "052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 "
    "082 083 084 086 087 089 091 092 093 094 095 096";

/* Make an empty result. */
void
vresult_init(struct vresult *vr)
{
	vr->v = NULL;
	vr->n = 0;
}

/* Free the issues of vr; it is empty and reusable afterwards. */
void
vresult_free(struct vresult *vr)
{
	size_t	i;

	for (i = 0; i < vr->n; i++) {
		free(vr->v[i].code);
		free(vr->v[i].message);
	}
	free(vr->v);
	vresult_init(vr);
}

/* Return how many issues of vr have the given level. */
size_t
vresult_count(const struct vresult *vr, enum vlevel level)
{
	size_t	i, n = 0;

	for (i = 0; i < vr->n; i++)
		if (vr->v[i].level == level)
			n++;
	return (n);
}

static void issue(struct vresult *, int, enum vlevel, const char *,
    const char *, ...) __attribute__((format(printf, 5, 6)));

static void
issue(struct vresult *vr, int field, enum vlevel level, const char *code,
    const char *fmt, ...)
{
	struct vissue	*vi;
	va_list		 ap;

	vr->v = xreallocarray(vr->v, vr->n + 1, sizeof *vr->v);
	vi = &vr->v[vr->n++];
	vi->field = field;
	vi->level = level;
	vi->code = xstrdup(code);
	va_start(ap, fmt);
	xvasprintf(&vi->message, fmt, ap);
	va_end(ap);
}

static int
all_digits(const char *s)
{
	return (*s != '\0' && strspn(s, "0123456789") == strlen(s));
}

/* The check of one value by its type; see validate_value. */
static enum vlevel
check_value(const struct form_field *ff, const char *value,
    const struct vdate *today, const char **code, char **cause)
{
	const uint8_t			*u = (const uint8_t *)value;
	const char			*p;
	const struct form_option	*o;
	struct vdate			 d;
	ucs4_t				 uc;
	long				 v, lo, hi, max;
	char				*list, *s;
	size_t				 i, len;
	int				 n, m;

	*cause = NULL;
	*code = "encoding";
	if (utf8_invalid(value, strlen(value)) != NULL) {
		xasprintf(cause, _("the value is not valid UTF-8 text"));
		return (VL_ERROR);
	}
	*code = "length";
	len = utf8_len(value);
	if (ff->maxlen != 0 && len > ff->maxlen) {
		xasprintf(cause, _("too long: %zu characters, at most %u"),
		    len, ff->maxlen);
		return (VL_ERROR);
	}
	for (p = value; *p != '\0'; p++) {
		if ((u_char)*p < 0x20 && !(*p == '\n' && ff->lines > 1)) {
			*code = "text";
			xasprintf(cause, _("control characters are not "
			    "allowed"));
			return (VL_ERROR);
		}
	}

	switch (ff->type) {
	case FT_TEXT:
	case FT_PLACE:
		return (VL_OK);
	case FT_NAME:
		*code = "name";
		len = strlen(value);
		while (*u != '\0') {
			/* Letters and spaces of ASCII need no table. */
			if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' &&
			    *u <= 'Z') || *u == ' ') {
				u++;
				len--;
				continue;
			}
			n = u8_mbtouc(&uc, u, len);
			if (uc >= '0' && uc <= '9') {
				xasprintf(cause, _("a name cannot contain "
				    "digits"));
				return (VL_ERROR);
			}
			if (!uc_is_general_category(uc, UC_CATEGORY_L) &&
			    !uc_is_general_category(uc, UC_CATEGORY_M) &&
			    uc != ' ' && uc != '\'' && uc != '-' && uc != '.' &&
			    uc != '?') {
				xasprintf(cause, _("'%.*s' is not allowed in a "
				    "name"), n, (const char *)u);
				return (VL_ERROR);
			}
			u += n;
			len -= n;
		}
		return (VL_OK);
	case FT_DATE:
		*code = "date";
		if (date_parse(value, &d, cause) != 0)
			return (VL_ERROR);
		if ((ff->flags & FF_FULL) && d.day == 0) {
			*code = "full";
			xasprintf(cause, _("a full date is needed here: "
			    "dd/mm/yyyy"));
			return (VL_ERROR);
		}
		if (today != NULL) {
			date_range(&d, &lo, &hi);
			if (lo > date_daynum(today->year, today->month,
			    today->day)) {
				*code = "future";
				xasprintf(cause, _("%s is in the future"),
				    value);
				return (VL_ERROR);
			}
		}
		return (VL_OK);
	case FT_TIME:
		*code = "time";
		if (time_parse(value, &m, cause) != 0)
			return (VL_ERROR);
		return (VL_OK);
	case FT_INT:
		*code = "int";
		if (number_parse(value, &v) != 0) {
			xasprintf(cause, _("'%s' is not a whole number"),
			    value);
			return (VL_ERROR);
		}
		if (ff->has_range) {
			max = ff->max;
			if (ff->max_is_now)
				max = (today != NULL) ? today->year : ff->max;
			if (v < ff->min || v > max) {
				*code = "range";
				xasprintf(cause, _("%ld is out of range: %ld "
				    "to %ld"), v, ff->min, max);
				return (VL_ERROR);
			}
		}
		return (VL_OK);
	case FT_ENUM:
		*code = "enum";
		if (ff->enm == NULL)
			return (VL_OK);
		if (form_enum_find(ff->enm, value) != NULL)
			return (VL_OK);
		list = NULL;
		for (i = 0; i < ff->enm->noptions; i++) {
			o = &ff->enm->options[i];
			s = list;
			xasprintf(&list, "%s%s%s (%s)", s == NULL ? "" : s,
			    s == NULL ? "" : ", ", o->code, o->label);
			free(s);
		}
		xasprintf(cause, _("'%s' is not one of: %s"), value, list);
		free(list);
		return (VL_ERROR);
	case FT_CODE:
		*code = "lookup";
		if (ff->lookup == NULL || ff->lookup->list == NULL)
			return (VL_OK);
		if (lookup_find(ff->lookup->list, value, NULL) != NULL)
			return (VL_OK);
		xasprintf(cause, _("'%s' is not in the list '%s'"), value,
		    ff->lookup->name);
		return (VL_WARNING);
	case FT_ID12:
		*code = "id12";
		if (strlen(value) != 12 || !all_digits(value)) {
			xasprintf(cause, _("a personal identification number "
			    "has exactly 12 digits"));
			return (VL_ERROR);
		}
		if (strstr(id12_provinces, (s = xstrndup(value, 3))) == NULL) {
			*code = "id12-province";
			xasprintf(cause, _("%s is not a province code: the "
			    "first 3 digits name the province of birth "
			    "registration"), s);
			free(s);
			return (VL_WARNING);
		}
		free(s);
		return (VL_OK);
	case FT_IDCARD:
		*code = "idcard";
		for (p = value; *p != '\0'; p++) {
			if (!isalnum((u_char)*p)) {
				xasprintf(cause, _("a document number has only "
				    "letters and digits"));
				return (VL_ERROR);
			}
		}
		return (VL_OK);
	case FT_REGNO:
		*code = "regno";
		if (number_regno(value, &v) != 0 || v < 1) {
			xasprintf(cause, _("'%s' has no registration number"),
			    value);
			return (VL_ERROR);
		}
		return (VL_OK);
	}
	return (VL_OK);
}

/*
 * Check value (UTF-8) against the type and range of field ff, without
 * looking at other fields; today, if not NULL, is used for dates in the
 * future and ranges ending "now". Return the level; unless it is VL_OK,
 * *cause is set to a translated message the caller frees (else NULL).
 */
enum vlevel
validate_value(const struct form_field *ff, const char *value,
    const struct vdate *today, char **cause)
{
	const char	*code;

	return (check_value(ff, value, today, &code, cause));
}

/*
 * Return 1 if code is one of the validator's own issue codes, which a
 * form's rule ids must not take.
 */
int
validate_is_check_code(const char *code)
{
	static const char *codes[] = {
		"encoding", "length", "text", "name", "date", "full",
		"future", "time", "int", "range", "enum", "lookup", "id12",
		"idcard", "regno", "required", "status", NULL
	};
	size_t	i;

	for (i = 0; codes[i] != NULL; i++)
		if (strcmp(code, codes[i]) == 0)
			return (1);
	return (0);
}

static const struct form_option *
enum_value(const struct form *f, const struct fvalue *vals, int field)
{
	const struct form_field	*ff = &f->fields[field];

	if (vals[field].status != FS_OK || vals[field].value == NULL ||
	    ff->enm == NULL)
		return (NULL);
	return (form_enum_find(ff->enm, vals[field].value));
}

/* What digits 4-6 of a personal number say against sex and birth year. */
static void
check_id12(const struct form *f, const struct fvalue *vals, int field,
    struct vresult *vr)
{
	const struct form_field		*ff = &f->fields[field];
	const struct form_option	*sex = NULL;
	const char			*id = vals[field].value;
	struct vdate			 d, d2;
	long				 lo, hi, y;
	int				 g, yy, century, year = 0, female;

	g = id[3] - '0';
	yy = (id[4] - '0') * 10 + (id[5] - '0');
	century = 1900 + (g / 2) * 100;
	female = g % 2;

	if (ff->sex_field >= 0)
		sex = enum_value(f, vals, ff->sex_field);
	if (sex != NULL && (sex->meaning == OM_MALE ||
	    sex->meaning == OM_FEMALE) &&
	    (sex->meaning == OM_FEMALE) != female) {
		issue(vr, field, VL_WARNING, "id12-sex", _("digit 4 of the "
		    "number (%d) means %s, but %s is %s"), g, female ?
		    _("female") : _("male"), f->fields[ff->sex_field].label,
		    sex->label);
	}
	if (ff->birth_field < 0 || vals[ff->birth_field].status != FS_OK ||
	    vals[ff->birth_field].value == NULL)
		return;
	if (f->fields[ff->birth_field].type == FT_DATE) {
		if (date_parse(vals[ff->birth_field].value, &d, NULL) != 0)
			return;
		date_range(&d, &lo, &hi);
		date_from_daynum(lo, &d2);
		year = d2.year;
	} else {
		if (number_parse(vals[ff->birth_field].value, &y) != 0)
			return;
		year = (int)y;
	}
	if (year < century || year >= century + 100) {
		issue(vr, field, VL_WARNING, "id12-century", _("digit 4 of the "
		    "number (%d) means born in %d-%d, but the birth year is "
		    "%d"), g, century, century + 99, year);
	} else if (year % 100 != yy) {
		issue(vr, field, VL_WARNING, "id12-year", _("digits 5-6 of the "
		    "number (%02d) do not match the birth year %d"), yy, year);
	}
}

/* Does an identity document number fit the kind of document? */
static void
check_idcard(const struct form *f, const struct fvalue *vals, int field,
    struct vresult *vr)
{
	const struct form_field		*ff = &f->fields[field];
	const struct form_option	*doc;
	const char			*v = vals[field].value;
	size_t				 len = strlen(v);

	if (ff->doctype_field < 0 ||
	    (doc = enum_value(f, vals, ff->doctype_field)) == NULL)
		return;
	switch (doc->meaning) {
	case OM_CMND:
		if (!all_digits(v) || (len != 9 && len != 12))
			issue(vr, field, VL_WARNING, "idcard-type",
			    _("%s should have 9 or 12 digits"), doc->label);
		break;
	case OM_CCCD:
		if (!all_digits(v) || len != 12)
			issue(vr, field, VL_WARNING, "idcard-type",
			    _("%s should have 12 digits"), doc->label);
		break;
	case OM_PASSPORT:
		if (len < 8 || len > 9 || !isupper((u_char)v[0]) ||
		    !all_digits(v + 1))
			issue(vr, field, VL_WARNING, "idcard-type", _("%s is "
			    "usually a capital letter and 7 or 8 digits"),
			    doc->label);
		break;
	default:
		break;
	}
}

/* Is field i required for this record? */
static int
is_required(const struct form *f, const struct fvalue *vals, int i,
    const struct vdate *today)
{
	const struct form_field	*ff = &f->fields[i];

	if (ff->flags & FF_REQUIRED)
		return (1);
	if (ff->required_if != NULL &&
	    expr_eval(ff->required_if, f, vals, today) == TRI_TRUE)
		return (1);
	return (0);
}

/* Status, required and type checks of field i alone. */
static void
check_field(const struct form *f, const struct fvalue *vals, int i,
    const struct vdate *today, struct vresult *vr)
{
	const struct form_field	*ff = &f->fields[i];
	const struct fvalue	*v = &vals[i];
	const char		*code;
	char			*cause;
	enum vlevel		 level;
	int			 empty;

	empty = (v->value == NULL || *v->value == '\0');
	switch (v->status) {
	case FS_OK:
		if (empty) {
			if (is_required(f, vals, i, today))
				issue(vr, i, VL_ERROR, "required", _("%s is "
				    "required: type it, or mark it blank or "
				    "illegible in the book"), ff->label);
			return;
		}
		break;
	case FS_BLANK:
	case FS_ILLEGIBLE:
		if (!empty)
			issue(vr, i, VL_WARNING, "status", _("%s is marked %s "
			    "but has a value"), ff->label, v->status ==
			    FS_BLANK ? _("blank") : _("illegible"));
		return;
	case FS_PARTIAL:
		if (empty)
			issue(vr, i, VL_ERROR, "status", _("%s is partly "
			    "legible: type what can be read, with ? for each "
			    "unread letter"), ff->label);
		else if (strchr(v->value, '?') == NULL)
			issue(vr, i, VL_WARNING, "status", _("%s is marked "
			    "partly legible but has no ?"), ff->label);
		return;
	case FS_STRUCK:
		return;
	}

	level = check_value(ff, v->value, today, &code, &cause);
	if (level != VL_OK) {
		issue(vr, i, level, code, "%s: %s", ff->label, cause);
		free(cause);
	}
	if (level == VL_ERROR)
		return;
	if (ff->type == FT_ID12)
		check_id12(f, vals, i, vr);
	else if (ff->type == FT_IDCARD)
		check_idcard(f, vals, i, vr);
}

static void
check_rule(const struct form *f, const struct form_rule *r,
    const struct fvalue *vals, const struct vdate *today,
    struct vresult *vr)
{
	if (r->expr == NULL)
		return;
	if (expr_eval(r->expr, f, vals, today) != TRI_FALSE)
		return;
	issue(vr, r->non > 0 ? r->on[0] : -1,
	    r->level == RL_ERROR ? VL_ERROR : VL_WARNING, r->id, "%s",
	    r->message);
}

/*
 * Check field (an index) of the record vals (one per field of f), as when
 * the clerk leaves it: its status, type and requirement, what its digits
 * say against the fields it names, and every rule that reads it or is
 * shown on it. Issues are appended to vr. Return the number of errors
 * added.
 */
size_t
validate_field(const struct form *f, const struct fvalue *vals, int field,
    const struct vdate *today, struct vresult *vr)
{
	const struct form_rule	*r;
	size_t			 i, j, before = vresult_count(vr, VL_ERROR);
	int			 on;

	check_field(f, vals, field, today, vr);
	for (i = 0; i < f->nrules; i++) {
		r = &f->rules[i];
		on = expr_uses_field(r->expr, field);
		for (j = 0; j < r->non && !on; j++)
			on = (r->on[j] == field);
		if (on)
			check_rule(f, r, vals, today, vr);
	}
	return (vresult_count(vr, VL_ERROR) - before);
}

/*
 * Check every field and every rule of the record vals, as on save.
 * Issues are appended to vr in field order, then rule order. Return the
 * number of errors added: the record may be saved only if it is 0.
 */
size_t
validate_record(const struct form *f, const struct fvalue *vals,
    const struct vdate *today, struct vresult *vr)
{
	size_t	i, before = vresult_count(vr, VL_ERROR);

	for (i = 0; i < f->nfields; i++)
		check_field(f, vals, (int)i, today, vr);
	for (i = 0; i < f->nrules; i++)
		check_rule(f, &f->rules[i], vals, today, vr);
	return (vresult_count(vr, VL_ERROR) - before);
}
