/*
 * validate-t.c: the validation engine, one field type at a time, then
 * statuses, required-if, what the personal number's digits say, document
 * numbers, and rules.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "errlist.h"
#include "fixture.h"
#include "form.h"
#include "i18n.h"
#include "tap.h"
#include "validate.h"

static const char *form_text =
    "hotich-form 1\n"
    "form v\ntitle \"V\"\nregister KS\n"
    "lookup dan_toc \"lists/dan-toc.tsv\"\n"
    "enum sex\n"
    "  option 1 \"Nam\" male\n  option 2 \"Nữ\" female\n"
    "  option 3 \"Không xác định\"\n"
    "enum doc\n"
    "  option 1 \"CMND\" cmnd\n  option 2 \"Hộ chiếu\" passport\n"
    "  option 4 \"CCCD\" cccd\n  option 8 \"Khác\"\n"
    "section \"S\"\n"
    "field tx text\n  label \"Text\"\n  maxlen 10\n"
    "field nm name\n  label \"Name\"\n  required\n"
    "field pl place\n  label \"Place\"\n"
    "field dt date\n  label \"Date\"\n"
    "field fd date\n  label \"Full date\"\n  full\n"
    "field tm time\n  label \"Time\"\n"
    "field nu int\n  label \"Int\"\n  range 1 10\n"
    "field yr int\n  label \"Year\"\n  range 1800 now\n"
    "field sx enum sex\n  label \"Sex\"\n"
    "field dk code dan_toc\n  label \"Ethnic\"\n"
    "field id id12\n  label \"ID\"\n  sex sx\n  birth dt\n"
    "field dc enum doc\n  label \"Doc\"\n"
    "field cn idcard\n  label \"Card\"\n  doctype dc\n"
    "field rn regno\n  label \"No\"\n"
    "field ri text\n  label \"Req if\"\n  required-if sx = 2\n"
    "rule order error\n  assert dt <= fd\n  message \"Date after full date\"\n"
    "rule young warning\n  assert age(dt, fd) >= 10\n  message \"Too young\"\n"
    "  on fd\n"
    "regno-key tx yr tx rn\nperson-key nm\n";

enum { TX, NM, PL, DT, FD, TM, NU, YR, SX, DK, ID, DC, CN, RN, RI, NF };

static struct form	*form;
static struct fvalue	 vals[NF];
static struct vdate	 today = { 2026, 11, 21 };

/* Reset to a record with only the required name. */
static void
clear(void)
{
	fixture_clear(vals, NF);
	vals[NM].value = "Nguyễn Văn An";
}

/*
 * Validate field f holding value and expect the issues listed in want, a
 * space-separated list of "code:level" (level E or W), or "" for none.
 */
static void
check(int f, const char *value, const char *want, const char *why)
{
	struct vresult	 vr;
	char		 got[512] = "", item[64];
	size_t		 i;

	vals[f].value = value;
	vresult_init(&vr);
	validate_field(form, vals, f, &today, &vr);
	for (i = 0; i < vr.n; i++) {
		snprintf(item, sizeof item, "%s%s:%c", i > 0 ? " " : "",
		    vr.v[i].code, vr.v[i].level == VL_ERROR ? 'E' : 'W');
		strncat(got, item, sizeof got - strlen(got) - 1);
	}
	if (!is_string(got, want, "%s: '%s' gives [%s]", form->fields[f].key,
	    value != NULL ? value : "(empty)", want))
		diag("%s", why);
	for (i = 0; i < vr.n && strcmp(got, want) != 0; i++)
		diag("%s", vr.v[i].message);
	vresult_free(&vr);
}

/* Expect exactly one issue on field f with this message. */
static void
message(int f, const char *value, const char *want)
{
	struct vresult	vr;

	vals[f].value = value;
	vresult_init(&vr);
	validate_field(form, vals, f, &today, &vr);
	ok(vr.n >= 1 && strcmp(vr.v[vr.n - 1].message, want) == 0,
	    "message for '%s': %s", value, want);
	if (vr.n >= 1 && strcmp(vr.v[vr.n - 1].message, want) != 0)
		diag("got '%s'", vr.v[vr.n - 1].message);
	vresult_free(&vr);
}

int
main(void)
{
	struct vresult	vr;
	char		*cause;

	i18n_init("en");
	form = fixture_form("validate-t.form", form_text);
	clear();

	/* text */
	check(TX, "abc", "", "plain text");
	check(TX, "0123456789", "", "ten characters fit");
	check(TX, "Hòa Bình Hưng", "length:E", "13 characters are too many");
	check(TX, "a\tb", "text:E", "control characters");
	check(TX, "\xc3\x28", "encoding:E", "invalid UTF-8");
	message(TX, "Hòa Bình Hưng", "Text: too long: 13 characters, at "
	    "most 10");

	/* name */
	check(NM, "Nguyễn Thị Thủy", "", "a name");
	check(NM, "H'Hen Niê", "", "apostrophe");
	check(NM, "Ng. T. Lan", "", "abbreviations");
	check(NM, "Nguyen 2", "name:E", "digits");
	check(NM, "Trần@", "name:E", "symbols");
	message(NM, "Lê Văn 3", "Name: a name cannot contain digits");
	message(NM, "Trần@", "Name: '@' is not allowed in a name");
	check(NM, NULL, "required:E", "required and empty");
	message(NM, NULL, "Name is required: type it, or mark it blank or "
	    "illegible in the book");
	vals[NM].status = FS_BLANK;
	check(NM, NULL, "", "required but blank in the book");
	vals[NM].status = FS_ILLEGIBLE;
	check(NM, NULL, "", "required but illegible");
	check(NM, "An", "status:W", "illegible with a value");
	vals[NM].status = FS_PARTIAL;
	check(NM, "Lê Thị H?ng", "", "partly legible");
	check(NM, "Lê Thị Hồng", "status:W", "partial without ?");
	check(NM, NULL, "status:E", "partial and empty");
	check(NM, "Lê 4?", "", "partial values are not type-checked");
	vals[NM].status = FS_STRUCK;
	check(NM, "Lê 4", "", "struck values are kept as read");
	vals[NM].status = FS_OK;

	/* place */
	check(PL, "Bệnh viện Phụ sản Hải Phòng, số 1", "", "a place");

	/* date: full, partial, impossible, future */
	check(DT, "15/03/1985", "", "a full date");
	check(DT, "03/1985", "", "a month");
	check(DT, "1985", "", "a year");
	check(DT, "29/02/2024", "", "a leap day");
	check(DT, "29/02/2023", "date:E", "not a leap year");
	check(DT, "31/04/2020", "date:E", "April has 30 days");
	message(DT, "31/04/2020", "Date: 31/04/2020 does not exist: month 4 "
	    "has 30 days");
	check(DT, "21/11/2026", "", "today");
	check(DT, "22/11/2026", "future:E", "tomorrow");
	message(DT, "22/11/2026", "Date: 22/11/2026 is in the future");
	check(DT, "2026", "", "this year");
	check(DT, "11/2026", "", "this month");
	check(DT, "12/2026", "future:E", "next month");
	check(DT, "2027", "future:E", "next year");
	check(DT, "01/04/5005", "future:E", "a year typed wrong");
	check(DT, "5/5/85", "date:E", "two-digit year");
	check(FD, "15/03/1985", "", "full date");
	check(FD, "1985", "full:E", "partial where a full date is needed");
	vals[FD].value = NULL;

	/* time */
	check(TM, "14:30", "", "a time");
	check(TM, "25:00", "time:E", "no 25th hour");

	/* int and ranges */
	check(NU, "7", "", "in range");
	check(NU, "10", "", "the maximum");
	check(NU, "11", "range:E", "above");
	check(NU, "0", "range:E", "below");
	check(NU, "x7", "int:E", "not a number");
	check(NU, " 7", "int:E", "leading space");
	message(NU, "11", "Int: 11 is out of range: 1 to 10");
	check(YR, "2026", "", "this year");
	check(YR, "2027", "range:E", "next year, with range ... now");

	/* enum */
	check(SX, "1", "", "a code");
	check(SX, "Nữ", "", "a label");
	check(SX, "NAM", "", "a label in capitals");
	check(SX, "9", "enum:E", "not an option");
	message(SX, "9", "Sex: '9' is not one of: 1 (Nam), 2 (Nữ), 3 (Không "
	    "xác định)");

	/* code (lookup list): unknown values are a warning */
	check(DK, "Kinh", "", "a name");
	check(DK, "01", "", "a code");
	check(DK, "1", "", "a code without its zero");
	check(DK, "Mèo", "", "an old name of the Mông");
	check(DK, "Klingon", "lookup:W", "not in the list");

	/* id12: 12 digits; digit 4 is century and sex; 5-6 the year */
	vals[SX].value = "1";
	vals[DT].value = "15/03/1985";
	check(ID, "001085001234", "", "a man born 1985 in Hà Nội");
	check(ID, "00108500123", "id12:E", "11 digits");
	check(ID, "00108500123x", "id12:E", "a letter");
	check(ID, "001185001234", "id12-sex:W", "digit 4 says female");
	message(ID, "001185001234", "digit 4 of the number (1) means female, "
	    "but Sex is Nam");
	check(ID, "001086001234", "id12-year:W", "digits 5-6 say 1986");
	check(ID, "001285001234", "id12-century:W", "digit 4 says 2000s");
	check(ID, "099085001234", "id12-province:W", "no province 099");
	check(ID, "099185001234", "id12-province:W id12-sex:W", "after a "
	    "province warning the other digits are still checked");
	vals[SX].value = "2";
	vals[DT].value = "2005";
	vals[RI].value = "x";
	check(ID, "079305001234", "", "a woman born 2005");
	check(ID, "079205001234", "id12-sex:W", "digit 4 says male");
	vals[SX].value = "3";
	check(ID, "079205001234", "", "sex unknown: no sex check");
	vals[SX].value = NULL;
	vals[DT].value = NULL;
	vals[RI].value = NULL;
	check(ID, "079205001234", "", "no sex, no birth date: no check");

	/* idcard, by document type */
	vals[DC].value = "1";
	check(CN, "123456789", "", "CMND with 9 digits");
	check(CN, "123456789012", "", "CMND with 12 digits");
	check(CN, "12345678", "idcard-type:W", "CMND with 8 digits");
	vals[DC].value = "4";
	check(CN, "123456789", "idcard-type:W", "CCCD with 9 digits");
	vals[DC].value = "2";
	check(CN, "B1234567", "", "a passport");
	check(CN, "1234567", "idcard-type:W", "a passport without a letter");
	vals[DC].value = "8";
	check(CN, "GT12", "", "other documents are not checked");
	check(CN, "12-34", "idcard:E", "punctuation");
	vals[DC].value = NULL;

	/* regno */
	check(RN, "24", "", "a number");
	check(RN, "01/", "", "as the books write it");
	check(RN, "03/2008", "", "with its year");
	check(RN, "số", "regno:E", "no number");
	check(RN, "0", "regno:E", "number 0");

	/* required-if */
	vals[SX].value = "2";
	check(RI, NULL, "required:E", "required when sex is 2");
	vals[SX].value = "Nữ";
	check(RI, NULL, "required:E", "the label counts as the code");
	vals[SX].value = "1";
	check(RI, NULL, "", "not required when sex is 1");
	vals[SX].value = NULL;
	check(RI, NULL, "", "not required when sex is empty");

	/* Rules run when a field they read is left, and on save. */
	clear();
	vals[FD].value = "01/01/2000";
	check(DT, "02/01/2000", "order:E young:W", "after the full date");
	check(DT, "1995", "young:W", "five years old");
	check(DT, "2000", "young:W", "at most 0 years old");
	check(DT, "1990", "", "unsure: 9 or 10 years old");
	check(DT, "1980", "", "fine");
	vals[DT].value = "1995";
	check(FD, "01/01/2000", "young:W", "shown on fd");

	/* A whole record, as on save. */
	clear();
	vals[DT].value = "02/01/2000";
	vals[FD].value = "01/01/2000";
	vals[NU].value = "11";
	vresult_init(&vr);
	is_int((long)validate_record(form, vals, &today, &vr), 2, "two errors "
	    "in the record");
	ok(vr.n == 3 && vr.v[0].field == NU && strcmp(vr.v[1].code,
	    "order") == 0 && vr.v[1].field == DT && strcmp(vr.v[2].code,
	    "young") == 0 && vr.v[2].field == FD && vr.v[2].level == VL_WARNING,
	    "fields first, then rules in order, each on its field");
	vresult_free(&vr);
	clear();
	vresult_init(&vr);
	is_int((long)validate_record(form, vals, &today, &vr), 0, "a record "
	    "with only its name is valid");
	is_int((long)vr.n, 0, "and has no warnings");
	vresult_free(&vr);

	/* validate_value alone. */
	ok(validate_value(&form->fields[SX], "4", NULL, &cause) == VL_ERROR &&
	    cause != NULL, "validate_value refuses a bad code");
	free(cause);
	ok(validate_value(&form->fields[DT], "2099", NULL, &cause) == VL_OK &&
	    cause == NULL, "validate_value without today accepts any year");
	ok(validate_value(&form->fields[DT], "2099", &today, &cause) ==
	    VL_ERROR && cause != NULL, "and with today refuses the future");
	free(cause);

	form_free(form);
	return (done_testing());
}
