/*
 * ops.c: the table of operations and the names of the key contexts.
 *
 * op_info[] is generated from OPS_LIST in ops.h, so the keymap parser,
 * the help screen and the key bar read the same names, contexts and help
 * lines as the enum the screens switch on.
 */

#include "config.h"

#include <string.h>

#include "ops.h"

const struct op_info op_info[OP_COUNT] = {
#define OP(id, name, ctx, label, help) [id] = { name, ctx, label, help },
	OPS_LIST
#undef OP
};

static const char *keyctx_names[KC_COUNT] = {
	[KC_GLOBAL] = "global",
	[KC_FORM] = "form",
	[KC_LIST] = "list"
};

/* Return the operation called name (exact, lower case), or OP_NONE. */
enum op
op_from_name(const char *name)
{
	int	i;

	for (i = 0; i < OP_COUNT; i++)
		if (strcmp(op_info[i].name, name) == 0)
			return ((enum op)i);
	return (OP_NONE);
}

/*
 * Return the name of context ctx as the keymap language spells it
 * ("global", "form", "list"); a static string. An out-of-range ctx gives
 * "?".
 */
const char *
keyctx_name(enum keyctx ctx)
{
	if ((int)ctx < 0 || ctx >= KC_COUNT)
		return ("?");
	return (keyctx_names[ctx]);
}

/*
 * Set *ctx to the context called name (exact, lower case). Return 0, or
 * -1 if there is none (*ctx is unchanged).
 */
int
keyctx_from_name(const char *name, enum keyctx *ctx)
{
	int	i;

	for (i = 0; i < KC_COUNT; i++) {
		if (strcmp(keyctx_names[i], name) == 0) {
			*ctx = (enum keyctx)i;
			return (0);
		}
	}
	return (-1);
}
