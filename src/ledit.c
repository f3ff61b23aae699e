/*
 * ledit.c: the text of one field being edited; see ledit.h.
 */

#include "config.h"

#include <string.h>
#include <unistr.h>
#include <uninorm.h>

#include "ime.h"
#include "ledit.h"
#include "xmalloc.h"

/* Start an empty editor accepting at most max letters (0: any). */
void
ledit_init(struct ledit *le, size_t max)
{
	memset(le, 0, sizeof *le);
	le->max = max;
}

/* Free the editor's text (not its input method, which the caller owns). */
void
ledit_free(struct ledit *le)
{
	free(le->v);
	memset(le, 0, sizeof *le);
}

static void
grow(struct ledit *le, size_t n)
{
	size_t	size;

	if (n <= le->size)
		return;
	size = le->size == 0 ? 64 : le->size;
	while (size < n)
		size *= 2;
	le->v = xreallocarray(le->v, size, sizeof *le->v);
	le->size = size;
}

/* Insert the UTF-8 text s (NFC) at the cursor, which moves past it. */
static void
insert_text(struct ledit *le, const char *s)
{
	uint32_t	*u;
	size_t		 n;

	if (s == NULL || *s == '\0')
		return;
	u = u8_to_u32((const uint8_t *)s, strlen(s), NULL, &n);
	if (u == NULL)
		return;
	grow(le, le->n + n);
	memmove(le->v + le->cur + n, le->v + le->cur,
	    (le->n - le->cur) * sizeof *le->v);
	memcpy(le->v + le->cur, u, n * sizeof *u);
	le->n += n;
	le->cur += n;
	free(u);
}

/* Delete n letters before the cursor. */
static void
delete_before(struct ledit *le, size_t n)
{
	if (n > le->cur)
		n = le->cur;
	if (n == 0)
		return;
	memmove(le->v + le->cur - n, le->v + le->cur,
	    (le->n - le->cur) * sizeof *le->v);
	le->cur -= n;
	le->n -= n;
}

/* Apply an edit of the input method; keep within max letters. */
static void
apply(struct ledit *le, const struct ime_edit *ed)
{
	if (ed->del == 0 && (ed->text == NULL || *ed->text == '\0'))
		return;
	delete_before(le, ed->del);
	insert_text(le, ed->text);
	le->changed = 1;
	if (le->max != 0 && le->n > le->max) {
		delete_before(le, le->n - le->max);
		if (le->ime != NULL)
			ime_reset(le->ime);
	}
}

/* Replace the text with s (UTF-8, may be NULL); the cursor goes to its end. */
void
ledit_set(struct ledit *le, const char *s)
{
	le->n = le->cur = 0;
	insert_text(le, s);
	le->changed = 0;
	if (le->ime != NULL)
		ime_reset(le->ime);
}

/* The text as NFC UTF-8; the caller frees it. */
char *
ledit_text(const struct ledit *le)
{
	uint32_t	*nfc;
	uint8_t		*s;
	size_t		 n, len;
	char		*out;

	nfc = u32_normalize(UNINORM_NFC, le->v, le->n, NULL, &n);
	if (nfc == NULL)
		return (xstrdup(""));
	s = u32_to_u8(nfc, n, NULL, &len);
	free(nfc);
	if (s == NULL)
		return (xstrdup(""));
	out = xmalloc(len + 1);
	memcpy(out, s, len);
	out[len] = '\0';
	free(s);
	return (out);
}

/*
 * Type through ime from now on (NULL: letters go in as they are). The
 * word being typed is ended first. The caller keeps ime.
 */
void
ledit_set_ime(struct ledit *le, struct ime *ime)
{
	ledit_commit(le);
	le->ime = ime;
	if (ime != NULL)
		ime_reset(ime);
}

/*
 * A printable key typed at the cursor. Returns 1 if the text changed, 0
 * if the key was refused (the field is full).
 */
int
ledit_key(struct ledit *le, uint32_t cp)
{
	struct ime_edit	ed;
	char		buf[8];
	size_t		len;
	int		before = le->changed;

	if (le->ime != NULL) {
		if (le->max != 0 && le->n >= le->max &&
		    *ime_word(le->ime) == '\0')
			return (0);
		le->changed = 0;
		ime_key(le->ime, cp, &ed);
		apply(le, &ed);
		if (le->changed)
			return (1);
		le->changed = before;
		return (0);
	}
	if (le->max != 0 && le->n >= le->max)
		return (0);
	len = sizeof buf;
	if (u32_to_u8(&cp, 1, (uint8_t *)buf, &len) == NULL ||
	    len >= sizeof buf)
		return (0);
	buf[len] = '\0';
	insert_text(le, buf);
	le->changed = 1;
	return (1);
}

/* Delete the letter before the cursor (through the input method). */
void
ledit_backspace(struct ledit *le)
{
	struct ime_edit	ed;

	if (le->ime != NULL && ime_backspace(le->ime, &ed)) {
		apply(le, &ed);
		return;
	}
	if (le->cur > 0) {
		delete_before(le, 1);
		le->changed = 1;
	}
}

/* Delete the letter under the cursor. */
void
ledit_delete(struct ledit *le)
{
	ledit_commit(le);
	if (le->cur < le->n) {
		memmove(le->v + le->cur, le->v + le->cur + 1,
		    (le->n - le->cur - 1) * sizeof *le->v);
		le->n--;
		le->changed = 1;
	}
}

/* End the word the input method is composing. */
void
ledit_commit(struct ledit *le)
{
	struct ime_edit	ed;

	if (le->ime == NULL)
		return;
	ime_commit(le->ime, &ed);
	apply(le, &ed);
}

/* Move the cursor to letter pos (clamped), ending the word first. */
void
ledit_move(struct ledit *le, size_t pos)
{
	ledit_commit(le);
	le->cur = pos > le->n ? le->n : pos;
}

/* Empty the text. */
void
ledit_clear(struct ledit *le)
{
	if (le->ime != NULL)
		ime_reset(le->ime);
	if (le->n != 0)
		le->changed = 1;
	le->n = le->cur = 0;
}

/* Whether the text has as many letters as it may. */
int
ledit_full(const struct ledit *le)
{
	return (le->max != 0 && le->n >= le->max);
}
