/*
 * form-t.c: the shipped forms load, carry the keys and columns outside
 * tools rely on, and the model's look-ups work.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errlist.h"
#include "form.h"
#include "i18n.h"
#include "tap.h"

/* The register type of each shipped form, and fields it must have. */
static const struct {
	const char	*id;
	const char	*reg;
	const char	*fields[4];
} shipped[] = {
	{ "ks", "KS", { "nks_ho_ten", "nks_ngay_sinh", "me_ho_ten", NULL } },
	{ "kt", "KT", { "nkt_ho_ten", "nkt_ngay_chet", "nkt_noi_chet", NULL } },
	{ "kh", "KH", { "chong_ho_ten", "vo_ho_ten", NULL } },
	{ "cmc", "CMC", { "cm_ho_ten", "nc_ho_ten", "loai_xac_nhan", NULL } },
	{ "tdcc", "TDCC", { "ntd_ho_ten", "viec_dang_ky", "gia_tri_moi",
	    NULL } },
};

/* The common header every form includes (domain reference 6.0). */
static const char *header[] = {
	"co_quan_dang_ky", "quyen_so", "nam_dang_ky", "so", "trang_so",
	"ngay_dang_ky", "loai_dang_ky", "nguon_so", "ghi_chu", NULL
};

static void
check_form(const struct form *f, const char *reg, const char *const *fields)
{
	const struct form_field	*ff;
	size_t			 i, j;
	int			 good;

	is_string(f->reg, reg, "%s: register %s", f->id, reg);
	for (i = 0; fields[i] != NULL; i++)
		ok(form_field_index(f, fields[i]) >= 0, "%s has %s", f->id,
		    fields[i]);
	for (i = 0; header[i] != NULL; i++)
		ok(form_field_index(f, header[i]) >= 0, "%s has header %s",
		    f->id, header[i]);

	good = 1;
	for (i = 0; i < RK_COUNT; i++)
		good &= (f->regno_key[i] >= 0);
	ok(good && f->regno_key[RK_NUMBER] == form_field_index(f, "so") &&
	    f->regno_key[RK_OFFICE] == form_field_index(f, "co_quan_dang_ky"),
	    "%s: the registration-number key is office, year, book, so",
	    f->id);
	ok(f->nperson_key >= 2, "%s: a person key of %zu fields", f->id,
	    f->nperson_key);

	good = 1;
	for (i = 0; i < f->nfields; i++) {
		ff = &f->fields[i];
		if (ff->label == NULL || ff->width == 0)
			good = 0;
		if (ff->type == FT_ENUM && ff->enm == NULL)
			good = 0;
		if (ff->type == FT_CODE && (ff->lookup == NULL ||
		    ff->lookup->list == NULL))
			good = 0;
		for (j = 0; j < i && ff->moj != NULL; j++)
			if (f->fields[j].moj != NULL &&
			    strcmp(f->fields[j].moj, ff->moj) == 0)
				good = 0;
	}
	ok(good, "%s: every field has a label, a width, its enum or list, "
	    "and its own Ministry column", f->id);

	good = 1;
	for (i = 0; i < f->nrules; i++)
		if (f->rules[i].expr == NULL || f->rules[i].message == NULL ||
		    f->rules[i].non == 0)
			good = 0;
	ok(good, "%s: every rule has a condition, a message and a field",
	    f->id);
}

int
main(void)
{
	struct errlist		 el;
	struct formset		 fs;
	const struct form	*f;
	struct form		*g;
	const struct form_option *o;
	enum field_type		 t;
	enum field_status	 st;
	size_t			 i;

	i18n_init("en");
	errlist_init(&el);
	formset_load(&fs, TEST_FORMS_DIR, &el);
	is_int((long)errlist_count(&el), 0, "the shipped forms load cleanly");
	for (i = 0; i < el.n; i++)
		diag("%s", el.v[i]);
	is_int((long)fs.n, 5, "five registers");
	for (i = 0; i < sizeof shipped / sizeof *shipped; i++) {
		if ((f = formset_find(&fs, shipped[i].id)) == NULL) {
			ok(0, "form %s is there", shipped[i].id);
			continue;
		}
		check_form(f, shipped[i].reg, shipped[i].fields);
	}
	ok(formset_find(&fs, "nope") == NULL, "an unknown id is not found");

	/* The birth form in detail: what the Ministry export relies on. */
	if ((f = formset_find(&fs, "ks")) != NULL) {
		i = (size_t)form_field_index(f, "nks_ho_ten");
		is_string(f->fields[i].moj, "nksHoTen", "nks_ho_ten is column "
		    "nksHoTen");
		i = (size_t)form_field_index(f, "nks_gioi_tinh");
		o = form_enum_find(f->fields[i].enm, "Nữ");
		ok(o != NULL && strcmp(o->code, "2") == 0 &&
		    o->meaning == OM_FEMALE, "Nữ is code 2, female");
		o = form_enum_find(f->fields[i].enm, "nam");
		ok(o != NULL && o->meaning == OM_MALE, "nam (any case) is "
		    "male");
		ok(form_enum_find(f->fields[i].enm, "4") == NULL, "no code 4");
		i = (size_t)form_field_index(f, "so");
		ok(f->fields[i].type == FT_REGNO && (f->fields[i].flags &
		    FF_AUTOINC), "so is a regno, proposed as previous + 1");
		i = (size_t)form_field_index(f, "co_quan_dang_ky");
		ok((f->fields[i].flags & (FF_CARRY | FF_REQUIRED)) ==
		    (FF_CARRY | FF_REQUIRED), "the office is required and "
		    "carried");
		i = (size_t)form_field_index(f, "me_ho_ten");
		ok(f->fields[i].required_if != NULL, "the mother's name is "
		    "required if the mother is known");
		ok(f->nsections >= 5, "ks has %zu sections", f->nsections);
	}
	formset_free(&fs);
	errlist_free(&el);

	/* Names of types and statuses are part of the file formats. */
	ok(form_type_from_name("id12", &t) == 0 && t == FT_ID12 &&
	    strcmp(form_type_name(t), "id12") == 0, "type names round-trip");
	ok(form_type_from_name("integer", &t) != 0, "no type 'integer'");
	ok(form_status_from_name("illegible", &st) == 0 &&
	    st == FS_ILLEGIBLE && strcmp(form_status_name(FS_STRUCK),
	    "struck") == 0, "status names round-trip");
	ok(form_status_from_name("OK", &st) != 0, "status names are "
	    "lower-case");

	/* Errors in an included file name that file. */
	errlist_init(&el);
	g = form_load(TEST_FORMS_DIR
	    "/../tests/forms/0036-lookup-errors/in.form", &el);
	ok(g == NULL && el.n >= 2 && strstr(el.v[0], "0036-lookup-errors/"
	    "bad.tsv:3: ") != NULL, "an error in a lookup list names the "
	    "list's file and line");
	form_free(g);
	errlist_free(&el);

	return (done_testing());
}
