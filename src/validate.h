/*
 * validate.h: check a record's values against its form.
 *
 * The entry screens (when the clerk leaves a field, and on save), the CSV
 * importer and the tests all call this, so a value is judged the same way
 * wherever it comes from. Errors block saving; warnings may be accepted by
 * the clerk, and the acceptance is recorded by the caller under the
 * issue's code.
 */
#ifndef VALIDATE_H
#define VALIDATE_H

#include <stddef.h>

#include "form.h"

struct vdate;

enum vlevel {
	VL_OK,
	VL_WARNING,
	VL_ERROR
};

struct vissue {
	int		 field;		/* index, or -1 for the record */
	enum vlevel	 level;
	char		*code;		/* "required", "date", a rule id */
	char		*message;	/* translated, for the clerk */
};

struct vresult {
	struct vissue	*v;
	size_t		 n;
};

void		 vresult_init(struct vresult *);
void		 vresult_free(struct vresult *);
size_t		 vresult_count(const struct vresult *, enum vlevel);
enum vlevel	 validate_value(const struct form_field *, const char *,
		    const struct vdate *, char **);
int		 validate_is_check_code(const char *);
size_t		 validate_field(const struct form *, const struct fvalue *, int,
		    const struct vdate *, struct vresult *);
size_t		 validate_record(const struct form *, const struct fvalue *,
		    const struct vdate *, struct vresult *);

#endif
