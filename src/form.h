/*
 * form.h: the form model read from the forms directory (NAME.form files).
 *
 * A form describes one register (khai sinh, khai tử, ...): its sections,
 * its fields with their types and rules, the enumerations and lookup
 * lists the fields draw their values from, the cross-field checks, and
 * which fields make the registration-number key and the person key. The
 * language is documented in docs/hotich-forms.5; form-parse.c reads it.
 *
 * Everything here is plain data: no curses, no database.
 */
#ifndef FORM_H
#define FORM_H

#include <sys/types.h>
#include <stddef.h>

#include "errlist.h"

#define FORM_LANG_VERSION	1	/* the "hotich-form N" it reads */
#define FORM_KEY_MAX		48	/* longest field key */
#define FORM_WIDTH_MAX		200	/* widest field on screen */
#define FORM_LINES_MAX		10	/* tallest text field */
#define FORM_PERSON_KEY_MAX	8	/* fields in the person key */

struct expr;
struct lookup;

enum field_type {
	FT_TEXT,		/* free text */
	FT_NAME,		/* a person's name */
	FT_PLACE,		/* a place as written */
	FT_DATE,		/* dd/mm/yyyy, mm/yyyy or yyyy */
	FT_TIME,		/* hh:mm */
	FT_INT,			/* an integer, with an optional range */
	FT_ENUM,		/* one option of an enum */
	FT_CODE,		/* an entry of a lookup list */
	FT_ID12,		/* personal identification number */
	FT_IDCARD,		/* identity document number */
	FT_REGNO		/* registration number as written */
};

/* What the book shows for a field, beside its value. */
enum field_status {
	FS_OK,			/* written and read */
	FS_BLANK,		/* left blank in the book */
	FS_ILLEGIBLE,		/* cannot be read */
	FS_PARTIAL,		/* partly legible; ? for each unread letter */
	FS_STRUCK		/* struck out or corrected in the book */
};
#define FS_COUNT	5

/* What an enum option stands for, where a check needs to know. */
enum option_meaning {
	OM_NONE,
	OM_MALE,		/* sex: male */
	OM_FEMALE,		/* sex: female */
	OM_CMND,		/* document: 9 or 12 digit identity card */
	OM_CCCD,		/* document: 12 digit citizen identity card */
	OM_PASSPORT		/* document: passport */
};

enum rule_level {
	RL_WARNING,		/* the clerk may accept it */
	RL_ERROR		/* blocks saving */
};

/* Where something was defined, for messages. */
struct form_pos {
	const char	*file;		/* points into form->files */
	u_int		 line;
	u_int		 col;
};

struct form_option {
	char			*code;
	char			*label;
	enum option_meaning	 meaning;
};

struct form_enum {
	char			*name;
	struct form_option	*options;
	size_t			 noptions;
	int			 moj_label;	/* the template writes labels */
	struct form_pos		 pos;
};

struct form_lookup {
	char			*name;
	char			*path;		/* as resolved */
	struct lookup		*list;		/* NULL if it failed to load */
	struct form_pos		 pos;
};

#define FF_REQUIRED	0x01
#define FF_CARRY	0x02
#define FF_AUTOINC	0x04
#define FF_AUTOSKIP	0x08
#define FF_FULL		0x10	/* date: day, month and year needed */
#define FF_SCAN		0x20	/* text: the file name of the page scan */

struct form_field {
	char			*key;
	enum field_type		 type;
	char			*label;
	char			*help;
	char			*moj;		/* Ministry template column */
	char			*moj_else;	/*   filled when its field is empty */
	char			*defval;	/* default value, or NULL */
	int			 flags;		/* FF_* */
	u_int			 width;		/* display columns */
	u_int			 maxlen;	/* characters; 0 = no limit */
	u_int			 lines;		/* display lines (text) */
	size_t			 section;	/* index into form->sections */

	long			 min, max;	/* int: range */
	int			 has_range;
	int			 max_is_now;	/* int: max is this year */

	char			*enum_name;	/* enum: as written */
	struct form_enum	*enm;		/* enum: resolved */
	char			*lookup_name;	/* code: as written */
	struct form_lookup	*lookup;	/* code: resolved */

	struct expr		*required_if;	/* or NULL */

	/* Fields other checks read, by index (-1 for none). */
	int			 sex_field;	/* id12 */
	int			 birth_field;	/* id12 */
	int			 doctype_field;	/* idcard */
	char			*sex_name;	/* as written, until resolved */
	char			*birth_name;
	char			*doctype_name;

	struct form_pos		 pos;
};

/* A column of the Ministry's import template, in the template's order. */
struct form_column {
	char			*name;		/* its code: nksHoTen */
	char			*header;	/* the header cell, or NULL: name */
	int			 field;		/* the field naming it, or -1 */
	int			 else_field;	/* moj-else: when field is empty */
	int			 row;		/* holds the entry's place (STT) */
	struct form_pos		 pos;
};

struct form_section {
	char			*title;
	struct form_pos		 pos;
};

struct form_rule {
	char			*id;
	enum rule_level		 level;
	struct expr		*expr;		/* must not be false */
	char			*message;
	int			*on;		/* fields it is shown on */
	size_t			 non;
	char			**on_names;	/* as written */
	int			 broken;	/* a line was refused */
	struct form_pos		 pos;
};

/* One field of one record as the validator and the rules see it. */
struct fvalue {
	const char		*value;		/* as typed, NFC; or NULL */
	enum field_status	 status;
};

/*
 * The field of common-tail.inc that says an entry is struck out in the
 * book, and its code for that: such entries are typed so the book's
 * numbers reconcile, but never counted, paired or exported.
 */
#define FORM_STRUCK_FIELD	"trang_thai_ban_ghi"
#define FORM_STRUCK_CODE	"DA_GACH_BO"

/* The registration-number key: office, year, book and number fields. */
enum regno_part { RK_OFFICE, RK_YEAR, RK_BOOK, RK_NUMBER, RK_COUNT };

struct form {
	char			*id;
	char			*title;
	char			*reg;		/* register code: KS, KT, ... */
	char			*path;		/* the .form file */
	int			 langver;

	struct form_section	*sections;
	size_t			 nsections;
	struct form_field	*fields;
	size_t			 nfields;
	struct form_enum	*enums;
	size_t			 nenums;
	struct form_lookup	*lookups;
	size_t			 nlookups;
	struct form_rule	*rules;
	size_t			 nrules;

	char			*moj_sheet;	/* the template's sheet, or NULL */
	struct form_column	*columns;	/* the template's, in order */
	size_t			 ncolumns;
	int			 scan_field;	/* the FF_SCAN field, or -1 */

	int			 regno_key[RK_COUNT];	/* field indexes */
	int			 person_key[FORM_PERSON_KEY_MAX];
	size_t			 nperson_key;

	char			**files;	/* every file read, for pos */
	size_t			 nfiles;
};

/* Every form of a directory, in file-name order. */
struct formset {
	struct form	**v;
	size_t		  n;
};

/* form-parse.c */
struct form	*form_load(const char *, struct errlist *);
struct form	*form_parse_buffer(const char *, const char *, size_t,
		    struct errlist *);

/* form.c */
void		 form_free(struct form *);
int		 form_field_index(const struct form *, const char *);
const char	*form_type_name(enum field_type);
int		 form_type_from_name(const char *, enum field_type *);
const char	*form_status_name(enum field_status);
int		 form_status_from_name(const char *, enum field_status *);
const struct form_option *form_enum_find(const struct form_enum *,
		    const char *);


/* form-dir.c */
size_t		 formset_load(struct formset *, const char *,
		    struct errlist *);
int		 formset_add(struct formset *, struct form *,
		    struct errlist *);
void		 formset_free(struct formset *);
const struct form *formset_find(const struct formset *, const char *);

#endif
