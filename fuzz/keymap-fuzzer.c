/*
 * keymap-fuzzer.c: libFuzzer target for the key-binding language and the
 * key names.
 *
 * The input is parsed as a .keys file twice: into an empty keymap, and on
 * top of the built-in bindings (so unbind and rebinding meet real
 * bindings). Whatever the bytes, the parser must not crash, every error
 * must read "fuzz.keys:LINE:COL: ..." and the count it returns must be
 * the number of errors. Then every binding must be found by lookup, and
 * every bound key must read back from its name. Finally the first line
 * of the input is taken as a key name: if it is one, its canonical name
 * must read back to the same key and name itself.
 */

#include "config.h"

#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "errlist.h"
#include "i18n.h"
#include "keymap.h"

#define FUZZ_MAX_INPUT	(64 * 1024)
#define FUZZ_NAME	"fuzz.keys"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

/* Does s start with "fuzz.keys:LINE:COL: ", both numbers positive? */
static int
well_placed(const char *s)
{
	size_t	i;

	if (strncmp(s, FUZZ_NAME ":", sizeof FUZZ_NAME) != 0)
		return (0);
	s += sizeof FUZZ_NAME;
	for (i = 0; i < 2; i++) {
		if (*s < '1' || *s > '9')
			return (0);
		while (isdigit((u_char)*s))
			s++;
		if (*s++ != ':')
			return (0);
	}
	return (*s == ' ');
}

/* The key of name must come back from its canonical name. */
static void
check_name(keycode key)
{
	char	name[KEYMAP_NAME_MAX], again[KEYMAP_NAME_MAX];
	keycode	k;

	keymap_key_name(key, name, sizeof name);
	assert(strlen(name) < sizeof name - 1);
	assert(keymap_key_parse(name, &k) == 0 && k == key);
	keymap_key_name(k, again, sizeof again);
	assert(strcmp(name, again) == 0);
}

static void
check_keymap(const struct keymap *km)
{
	keycode	keys[64];
	size_t	n, i, all;
	int	ctx, op;

	for (op = 0; op < OP_COUNT; op++) {
		all = 0;
		for (ctx = 0; ctx < KC_COUNT; ctx++) {
			n = keymap_keys_in(km, ctx, op, keys, 64);
			all += n;
			for (i = 0; i < n && i < 64; i++) {
				check_name(keys[i]);
				assert(keymap_lookup(km, ctx, keys[i]) == op);
			}
			n = keymap_keys_active(km, ctx, op, keys, 64);
			for (i = 0; i < n && i < 64; i++)
				assert(keymap_lookup(km, ctx, keys[i]) == op);
		}
		assert(keymap_keys_for(km, op, NULL, 0) <= all);
	}
}

static void
parse(struct keymap *km, const char *buf, size_t len)
{
	struct errlist	el;
	size_t		i;
	int		n;

	errlist_init(&el);
	n = keymap_parse_buffer(km, FUZZ_NAME, buf, len, &el);
	assert(n >= 0 && (size_t)n == errlist_count(&el));
	for (i = 0; i < el.n; i++)
		assert(well_placed(el.v[i]));
	errlist_free(&el);
	check_keymap(km);
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
	struct keymap	*km;
	char		*line;
	keycode		 key;
	size_t		 n;

	if (size > FUZZ_MAX_INPUT)
		return (0);

	km = keymap_new();
	parse(km, (const char *)data, size);
	keymap_free(km);

	km = keymap_new();
	errlist_init(&el);
	assert(keymap_load_default(km, &el) == 0);
	errlist_free(&el);
	parse(km, (const char *)data, size);
	keymap_free(km);

	for (n = 0; n < size && data[n] != '\n' && data[n] != '\0'; n++)
		;
	if ((line = malloc(n + 1)) == NULL)
		abort();
	memcpy(line, data, n);
	line[n] = '\0';
	if (keymap_key_parse(line, &key) == 0)
		check_name(key);
	free(line);
	return (0);
}
