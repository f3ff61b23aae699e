/*
 * regcheck.c: check an entry's registration number against its book.
 *
 * Everything is read from the number index: its key is the book key (the
 * office as written, folded, the form, the year and the book) followed
 * by the number as 4 bytes big-endian, built by idxkey.c from the number
 * as written ("24", "01/", "03/2008"). So a repeat is a look-up of the
 * entry's own key, and the number before it is the key just below it;
 * only the entries found are read. The previous entry and the book's
 * closing note come from the caller and the books database.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "idxkey.h"
#include "number.h"
#include "regcheck.h"
#include "xmalloc.h"


/* What the index callbacks need. */
struct regctx {
	const struct form	*f;
	const struct rec	*r;
	const char		*written;	/* r's number as written */
	long			 number;
	size_t			 booklen;	/* the book key's length */
	struct regfindings	*out;
	long			 below;		/* the number found below */
	int			 found;
};

static long
get_number(const void *key, size_t booklen)
{
	const u_char	*p = (const u_char *)key + booklen;
	long		 v = 0;
	int		 i;

	for (i = 0; i < IDXKEY_NUMBER_LEN; i++)
		v = v << 8 | p[i];
	return (v);
}

/* Add a finding to out; it takes message. */
static struct regfinding *
add(struct regfindings *out, enum regcheck_kind kind, long number,
    char *message)
{
	struct regfinding	*rf;

	out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
	rf = &out->v[out->n++];
	memset(rf, 0, sizeof *rf);
	rf->kind = kind;
	rf->number = number;
	rf->message = message;
	return (rf);
}

/* Another entry with the same key: a repeat, unless it is r itself. */
static int
repeat_cb(const struct rec *o, void *arg)
{
	struct regctx		*ctx = arg;
	struct regfinding	*rf;
	const char		*v;
	char			*msg;

	if (ctx->r->id != 0 && o->id == ctx->r->id)
		return (0);
	v = rec_field_ok(o, ctx->f, ctx->f->regno_key[RK_NUMBER]);
	xasprintf(&msg, _("Number %s is already used in this book by "
	    "entry %llu (number %s)."), ctx->written,
	    (unsigned long long)o->id, v != NULL ? v : "?");
	rf = add(ctx->out, RC_REPEAT, ctx->number, msg);
	rf->other = o->id;
	return (0);
}

/* The first key below r's of the same book that is not r's own. */
static int
below_cb(const void *key, size_t len, uint64_t id, void *arg)
{
	struct regctx	*ctx = arg;

	if (len != ctx->booklen + IDXKEY_NUMBER_LEN)
		return (0);	/* another book whose key extends this one */
	if (ctx->r->id != 0 && id == ctx->r->id)
		return (0);
	ctx->below = get_number(key, ctx->booklen);
	ctx->found = 1;
	return (1);
}

/*
 * The length of the start of a book key k that names the office, the
 * register and the year (see idxkey.c); 0 if k is not a book key.
 */
static size_t
year_prefix(const u_char *k, size_t len)
{
	size_t	i;
	int	nul = 0;

	for (i = 0; i < len; i++) {
		if (k[i] == '\0' && ++nul == 2)
			return (i + 3 <= len ? i + 3 : 0);
	}
	return (0);
}

/* What the walks over the other books of the year look for. */
struct yearwalk {
	size_t		 yplen;		/* the year prefix */
	const u_char	*book;		/* r's book key */
	size_t		 booklen;
	long		 number;
	long		 last;		/* the previous book's last number */
	uint64_t	 other;		/* an entry of another book with it */
	int		 found;
};

/* The first key below r's book: the previous book's last entry. */
static int
prev_book_cb(const void *key, size_t len, uint64_t id, void *arg)
{
	struct yearwalk	*yw = arg;

	(void)id;
	if (len < yw->yplen + IDXKEY_NUMBER_LEN)
		return (0);
	yw->last = get_number(key, len - IDXKEY_NUMBER_LEN);
	yw->found = 1;
	return (1);
}

/* An entry of another book of the year with r's number. */
static int
other_book_cb(const void *key, size_t len, uint64_t id, void *arg)
{
	struct yearwalk	*yw = arg;

	if (len < yw->yplen + IDXKEY_NUMBER_LEN ||
	    get_number(key, len - IDXKEY_NUMBER_LEN) != yw->number)
		return (0);
	if (len == yw->booklen + IDXKEY_NUMBER_LEN &&
	    memcmp(key, yw->book, yw->booklen) == 0)
		return (0);	/* r's own book */
	yw->other = id;
	return (1);
}

/*
 * Look at the other books of the year of r's book key k: the last number
 * of the book before it in *last (with *found), and in *other an entry
 * of another book numbered number (0 if none). Several books of a year
 * continue one numbering; a book that starts again at 01 is allowed but
 * said (domain reference, section 2.4). Returns 0, or -1 with *cause.
 */
static int
other_books(struct store *s, const u_char *k, size_t booklen, long number,
    long *last, int *found, uint64_t *other, char **cause)
{
	struct yearwalk	 yw;
	u_char		*end;
	int		 ret;

	*found = 0;
	*other = 0;
	memset(&yw, 0, sizeof yw);
	if ((yw.yplen = year_prefix(k, booklen)) == 0)
		return (0);
	yw.book = k;
	yw.booklen = booklen;
	yw.number = number;
	if (store_index_before(s, SI_REGNO, k, booklen, yw.yplen,
	    prev_book_cb, &yw, cause) != 0)
		return (-1);
	*last = yw.last;
	*found = yw.found;
	/* Every entry of the year, from above its last key down. */
	end = xmalloc(yw.yplen + 1);
	memcpy(end, k, yw.yplen);
	end[yw.yplen] = 0xff;
	ret = store_index_before(s, SI_REGNO, end, yw.yplen + 1, yw.yplen,
	    other_book_cb, &yw, cause);
	free(end);
	*other = yw.other;
	return (ret);
}

/* The only key r gives the number index, or NULL; the caller frees it. */
static void *
regno_key(struct store *s, const struct rec *r, size_t *len)
{
	void	*k;

	if ((k = store_index_key(s, SI_REGNO, r, len)) != NULL &&
	    *len <= IDXKEY_NUMBER_LEN) {
		free(k);
		k = NULL;
	}
	return (k);
}

/* The registration date of r as an interval of days; -1 if unknown. */
static int
reg_date(const struct rec *r, long *lo, long *hi)
{
	const struct rec_val	*rv;
	struct vdate		 d;

	rv = rec_get(r, IDXKEY_REGDATE);
	if (rv == NULL || rv->status != FS_OK ||
	    date_parse(rv->value, &d, NULL) != 0)
		return (-1);
	date_range(&d, lo, hi);
	return (0);
}

/*
 * The book of r in *bp, or NULL if it has none yet (or no office or
 * year). Returns 0, or -1 with *cause set.
 */
static int
get_book(struct store *s, const struct form *f, const struct rec *r,
    struct book **bp, char **cause)
{
	const char	*office, *year, *number;
	long		 y;

	*bp = NULL;
	office = rec_field_ok(r, f, f->regno_key[RK_OFFICE]);
	year = rec_field_ok(r, f, f->regno_key[RK_YEAR]);
	number = rec_field_ok(r, f, f->regno_key[RK_BOOK]);
	if (office == NULL || year == NULL || number_parse(year, &y) != 0)
		return (0);
	if (store_book_get(s, office, f->id, y, number != NULL ? number : "",
	    bp, cause) < 0)
		return (-1);
	return (0);
}

/* The first number of book b: its closing note's, else 1. */
static long
closing_first(const struct book *b)
{
	return (b != NULL && b->closing_first > 0 ? b->closing_first : 1);
}

/* The last number of book b by its closing note; 0 if it says none. */
static long
closing_limit(const struct book *b)
{
	if (b == NULL)
		return (0);
	if (b->closing_last > 0)
		return (b->closing_last);
	if (b->closing_count > 0)
		return (closing_first(b) + b->closing_count - 1);
	return (0);
}

/*
 * Add a finding if prev, the entry typed before r, has a higher number in
 * the same book and an earlier registration date.
 */
static void
check_backwards(struct store *s, struct regctx *ctx, const void *k,
    const struct rec *prev)
{
	struct regfinding	*rf;
	void			*pk;
	size_t			 plen;
	long			 pn, lo, hi, plo, phi;
	char			*msg;

	if (prev == NULL || (ctx->r->id != 0 && prev->id == ctx->r->id))
		return;
	if ((pk = regno_key(s, prev, &plen)) == NULL)
		return;
	if (plen != ctx->booklen + IDXKEY_NUMBER_LEN ||
	    memcmp(pk, k, ctx->booklen) != 0) {
		free(pk);
		return;
	}
	pn = get_number(pk, ctx->booklen);
	free(pk);
	if (ctx->number >= pn || reg_date(ctx->r, &lo, &hi) != 0 ||
	    reg_date(prev, &plo, &phi) != 0 || lo <= phi)
		return;
	xasprintf(&msg, _("Number %s is lower than the previous entry's "
	    "(%ld), while its registration date is later."), ctx->written, pn);
	rf = add(ctx->out, RC_BACKWARDS, ctx->number, msg);
	rf->other = prev->id;
}

/*
 * Check the registration number of r (an entry of form f, with its id
 * set if it corrects a saved one, which is then not compared with
 * itself) against the store s: other entries with the number (REPEAT,
 * one finding each), numbers skipped after the greatest number below it
 * in the book, or, for the first entry of a book, before the first number
 * of its closing note, after the last number of the year's book before it
 * (which it continues), or before 01 (GAP), a number lower than that of
 * prev (the entry typed before r, or NULL) while r's registration date is
 * later (BACKWARDS), a number beyond the total of the book's closing note
 * (BEYOND_CLOSING), and an entry of another book of the year with the
 * number (OTHER_BOOK, one finding at most). An entry
 * without a number, an office or a year is not checked. Findings are
 * added to out (start it with regcheck_init, free it with
 * regcheck_clear). Returns 0, or -1 with *cause set (the caller frees
 * it; out may hold some findings).
 */
int
regcheck(struct store *s, const struct form *f, const struct rec *r,
    const struct rec *prev, struct regfindings *out, char **cause)
{
	struct regctx		 ctx;
	struct regfinding	*rf;
	struct book		*b = NULL;
	void			*k;
	size_t			 klen;
	long			 first, limit, prevlast = 0;
	uint64_t		 other;
	int			 prevfound;
	char			*msg;
	int			 ret = -1;

	if ((k = regno_key(s, r, &klen)) == NULL)
		return (0);
	memset(&ctx, 0, sizeof ctx);
	ctx.f = f;
	ctx.r = r;
	ctx.written = rec_field_ok(r, f, f->regno_key[RK_NUMBER]);
	ctx.booklen = klen - IDXKEY_NUMBER_LEN;
	ctx.number = get_number(k, ctx.booklen);
	ctx.out = out;
	if (ctx.written == NULL)
		ctx.written = "?";

	if (store_lookup(s, SI_REGNO, k, klen, 0, repeat_cb, &ctx,
	    cause) != 0)
		goto out;
	if (get_book(s, f, r, &b, cause) != 0)
		goto out;

	if (store_index_before(s, SI_REGNO, k, klen, ctx.booklen, below_cb,
	    &ctx, cause) != 0)
		goto out;
	if (other_books(s, k, ctx.booklen, ctx.number, &prevlast, &prevfound,
	    &other, cause) != 0)
		goto out;
	if (ctx.found)
		first = ctx.below + 1;
	else if (b != NULL && b->closing_first > 0)
		first = b->closing_first;
	else if (prevfound && ctx.number > prevlast)
		first = prevlast + 1;	/* it continues the book before */
	else
		first = 1;
	if (other != 0) {
		xasprintf(&msg, _("Number %s is also used in another book of "
		    "this year (entry %llu)."), ctx.written,
		    (unsigned long long)other);
		rf = add(out, RC_OTHER_BOOK, ctx.number, msg);
		rf->other = other;
	}
	if (ctx.number > first) {
		if (ctx.number - 1 == first)
			xasprintf(&msg, _("Gap: number %ld is not in the book "
			    "before number %s."), first, ctx.written);
		else
			xasprintf(&msg, _("Gap: numbers %ld to %ld are not in "
			    "the book before number %s."), first,
			    ctx.number - 1, ctx.written);
		rf = add(out, RC_GAP, ctx.number, msg);
		rf->first = first;
		rf->last = ctx.number - 1;
	}

	check_backwards(s, &ctx, k, prev);

	if (b != NULL) {
		limit = closing_limit(b);
		if (limit > 0 && ctx.number > limit) {
			if (b->closing_count > 0)
				xasprintf(&msg, _("Number %s is beyond the "
				    "book's closing note: %ld entries, the "
				    "last numbered %ld."), ctx.written,
				    b->closing_count, limit);
			else
				xasprintf(&msg, _("Number %s is beyond the "
				    "book's closing note, whose last number "
				    "is %ld."), ctx.written, limit);
			rf = add(out, RC_BEYOND_CLOSING, ctx.number, msg);
			rf->last = limit;
		}
	}
	ret = 0;
out:
	store_book_free(b);
	free(k);
	return (ret);
}

/* Start an empty list of findings. */
void
regcheck_init(struct regfindings *out)
{
	out->v = NULL;
	out->n = 0;
}

/* Free the findings of out (and their messages); it is empty again. */
void
regcheck_clear(struct regfindings *out)
{
	size_t	i;

	for (i = 0; i < out->n; i++)
		free(out->v[i].message);
	free(out->v);
	regcheck_init(out);
}

/*
 * The stable code of a kind of finding, under which the entry records
 * that the clerk accepted it (entry_accept). A static string; its hyphen
 * keeps it apart from a form's rule ids, which cannot have one.
 */
const char *
regcheck_code(enum regcheck_kind kind)
{
	switch (kind) {
	case RC_REPEAT:
		return ("regno-repeat");
	case RC_GAP:
		return ("regno-gap");
	case RC_BACKWARDS:
		return ("regno-backwards");
	case RC_BEYOND_CLOSING:
		return ("regno-closing");
	case RC_OTHER_BOOK:
		return ("regno-other-book");
	}
	return ("regno");
}

/* A numbered entry of a book, as the number index gives it. */
struct numbered {
	long		 number;
	uint64_t	 id;
};

struct bookwalk {
	size_t		 booklen;
	struct numbered	*v;
	size_t		 n;
};

/* Collect the entries of the book (walked from the last, down). */
static int
numbered_cb(const void *key, size_t len, uint64_t id, void *arg)
{
	struct bookwalk	*w = arg;

	if (len != w->booklen + IDXKEY_NUMBER_LEN)
		return (0);	/* another book whose key extends this one */
	w->v = xreallocarray(w->v, w->n + 1, sizeof *w->v);
	w->v[w->n].number = get_number(key, w->booklen);
	w->v[w->n].id = id;
	w->n++;
	return (0);
}

/* Add a line (it takes text) about entry id (0: none) to out. */
static void
add_line(struct regbook *out, char *text, uint64_t id)
{
	out->lines = xreallocarray(out->lines, out->n + 1,
	    sizeof *out->lines);
	out->ids = xreallocarray(out->ids, out->n + 1, sizeof *out->ids);
	out->lines[out->n] = text;
	out->ids[out->n] = id;
	out->n++;
}

/* Say that numbers lo to hi are missing. */
static void
add_gap(struct regbook *out, long lo, long hi)
{
	char	*t;

	if (lo == hi)
		xasprintf(&t, _("Gap: number %ld"), lo);
	else
		xasprintf(&t, _("Gap: numbers %ld to %ld (%ld)"), lo, hi,
		    hi - lo + 1);
	add_line(out, t, 0);
	out->missing += hi - lo + 1;
}

/*
 * The numbers of the book whose office, year and book fields are those of
 * book (a record of form f), for reconciling it with its closing note:
 * the gaps (from the closing note's first number, or 1, to its last, or
 * the highest number), the repeated numbers (one line each, with an
 * entry to open) and the closing note's count against the entries.
 * Only the number index and the book are read. Fills out (free it with
 * regcheck_book_free); returns 0, or -1 with *cause set.
 */
int
regcheck_book(struct store *s, const struct form *f, const struct rec *book,
    struct regbook *out, char **cause)
{
	struct bookwalk	 w;
	struct book	*b = NULL;
	u_char		*k;
	size_t		 len, i, j;
	long		 next, limit;
	char		*bk, *t;

	memset(out, 0, sizeof *out);
	memset(&w, 0, sizeof w);
	if ((bk = store_book_key(book, f, &len)) == NULL)
		return (0);
	/* From just above the book's greatest possible key, down. */
	k = xmalloc(len + IDXKEY_NUMBER_LEN + 1);
	memcpy(k, bk, len);
	memset(k + len, 0xff, IDXKEY_NUMBER_LEN + 1);
	w.booklen = len;
	if (store_index_before(s, SI_REGNO, k, len + IDXKEY_NUMBER_LEN + 1, len,
	    numbered_cb, &w, cause) != 0 || get_book(s, f, book, &b,
	    cause) != 0) {
		free(k);
		free(bk);
		free(w.v);
		return (-1);
	}
	free(k);
	free(bk);

	out->entries = w.n;
	next = closing_first(b);
	limit = closing_limit(b);
	/* The walk went down: go up. */
	for (i = w.n; i > 0; i = j) {
		j = i - 1;
		if (w.v[j].number > next && (limit == 0 || next <= limit))
			add_gap(out, next, limit > 0 && w.v[j].number - 1 >
			    limit ? limit : w.v[j].number - 1);
		while (j > 0 && w.v[j - 1].number == w.v[i - 1].number)
			j--;
		if (i - j > 1) {
			xasprintf(&t, _("Repeat: number %ld, %zu entries"),
			    w.v[i - 1].number, i - j);
			add_line(out, t, w.v[i - 1].id);
			out->repeated++;
		}
		if (w.v[i - 1].number >= next)
			next = w.v[i - 1].number + 1;
		out->highest = w.v[i - 1].number;
	}
	if (limit > 0 && next <= limit)
		add_gap(out, next, limit);
	if (b != NULL && b->closing_count > 0 &&
	    (u_long)b->closing_count != out->entries) {
		xasprintf(&t, _("Closing note: %ld entries; %lu typed"),
		    b->closing_count, out->entries);
		add_line(out, t, 0);
	}
	store_book_free(b);
	free(w.v);
	return (0);
}

/* Free what regcheck_book put in rb. */
void
regcheck_book_free(struct regbook *rb)
{
	size_t	i;

	for (i = 0; i < rb->n; i++)
		free(rb->lines[i]);
	free(rb->lines);
	free(rb->ids);
	memset(rb, 0, sizeof *rb);
}
