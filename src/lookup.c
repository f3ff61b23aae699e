/*
 * lookup.c: load lookup lists and find what a clerk typed in them.
 *
 * Every code, name and alias is folded (utf8_fold) into one sorted key
 * array, so a look-up is a binary search. A key that would point at two
 * different entries is an error in the list: the clerk's value must never
 * be matched by chance to the wrong ethnic group or country.
 *
 * Every form includes the same few lists, so lists read from files are
 * shared: lookup_load keeps each list that loaded without error in a
 * cache, keyed by the file's identity, size and time, and hands out
 * references; lookup_free drops one. The cache keeps its own reference
 * until lookup_cache_clear, so lists are read once per process.
 */

#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lines.h"
#include "lookup.h"
#include "utf8.h"
#include "xmalloc.h"

/* The shared lists; a list leaves it when its last reference goes. */
struct lookup_cached {
	struct lookup	*list;
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtime;
};
static struct lookup_cached	*lookup_cache;
static size_t			 lookup_ncache;

struct lookup_key {
	char		*key;		/* folded */
	size_t		 entry;
	enum lookup_how	 how;
	u_int		 line;
};

static int
lookup_key_cmp(const void *a, const void *b)
{
	const struct lookup_key	*ka = a, *kb = b;
	int			 r;

	if ((r = strcmp(ka->key, kb->key)) != 0)
		return (r);
	return ((ka->line > kb->line) - (ka->line < kb->line));
}

static void
lookup_add_key(struct lookup *lu, const char *text, size_t entry,
    enum lookup_how how, u_int line)
{
	struct lookup_key	*k;

	lu->keys = xreallocarray(lu->keys, lu->nkeys + 1, sizeof *lu->keys);
	k = &lu->keys[lu->nkeys++];
	k->key = utf8_fold(text);
	k->entry = entry;
	k->how = how;
	k->line = line;
}

/* Strip spaces at both ends of s in place; return s. */
static char *
lookup_trim(char *s)
{
	char	*e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && e[-1] == ' ')
		*--e = '\0';
	return (s);
}

static void
lookup_parse_line(struct lookup *lu, const char *file, char *line, u_int ln,
    struct errlist *el)
{
	struct lookup_entry	*e;
	char			*f[3], *p, *a, *code, *name;
	size_t			 nf = 0;
	const char		*c;

	for (p = line; nf < 3; nf++) {
		f[nf] = p;
		if ((p = strchr(p, '\t')) == NULL) {
			nf++;
			break;
		}
		*p++ = '\0';
	}
	if (p != NULL) {
		errlist_add(el, file, ln, 0, _("too many columns: write "
		    "CODE, NAME and ALIASES separated by tabs"));
		return;
	}
	if (nf < 2) {
		errlist_add(el, file, ln, 0, _("missing name: write CODE, "
		    "a tab, then NAME"));
		return;
	}
	code = lookup_trim(f[0]);
	name = lookup_trim(f[1]);
	if (*code == '\0') {
		errlist_add(el, file, ln, 1, _("empty code"));
		return;
	}
	for (c = code; *c != '\0'; c++) {
		if (!isalnum((u_char)*c)) {
			errlist_add(el, file, ln, 1 + (c - code), _("code "
			    "'%s' may only have ASCII letters and digits"),
			    code);
			return;
		}
	}
	if (*name == '\0') {
		errlist_add(el, file, ln, 0, _("empty name for code '%s'"),
		    code);
		return;
	}

	lu->v = xreallocarray(lu->v, lu->n + 1, sizeof *lu->v);
	e = &lu->v[lu->n];
	e->code = xstrdup(code);
	e->name = utf8_nfc(name);
	e->aliases = NULL;
	e->naliases = 0;
	lookup_add_key(lu, e->code, lu->n, LK_CODE, ln);
	/* A numeric code "01" may be typed "1". */
	for (c = code; *c == '0' && isdigit((u_char)c[1]); c++)
		/* nothing */;
	if (c != code && strspn(c, "0123456789") == strlen(c))
		lookup_add_key(lu, c, lu->n, LK_CODE, ln);
	lookup_add_key(lu, e->name, lu->n, LK_NAME, ln);
	if (nf == 3) {
		for (p = f[2]; (a = strsep(&p, ";")) != NULL;) {
			a = lookup_trim(a);
			if (*a == '\0')
				continue;
			e->aliases = xreallocarray(e->aliases,
			    e->naliases + 1, sizeof *e->aliases);
			e->aliases[e->naliases++] = utf8_nfc(a);
			lookup_add_key(lu, a, lu->n, LK_ALIAS, ln);
		}
	}
	lu->n++;
}

/*
 * Parse a lookup list held in buf (len bytes), naming it file in
 * messages. Problems are added to el; the lines that were sound are kept.
 * Returns a list the caller frees with lookup_free.
 */
struct lookup *
lookup_parse_buffer(const char *file, const char *buf, size_t len,
    struct errlist *el)
{
	struct lookup		*lu;
	struct lines		 l;
	struct lookup_key	*a, *b;
	size_t			 i, j;
	char			*s;

	lu = xcalloc(1, sizeof *lu);
	lu->refs = 1;
	lu->path = xstrdup(file);
	lines_init(&l, buf, len);
	while (lines_next(&l)) {
		if (l.bad != NULL) {
			errlist_add(el, file, l.lineno,
			    utf8_column(l.line, l.bad - l.line),
			    _("invalid UTF-8"));
			continue;
		}
		for (s = l.line; *s == ' ' || *s == '\t'; s++)
			/* nothing */;
		if (*s == '\0' || *s == '#')
			continue;
		lookup_parse_line(lu, file, l.line, l.lineno, el);
	}
	lines_done(&l);
	if (lu->n == 0)
		errlist_add(el, file, 0, 0, _("the list has no entries"));

	/* Sort the keys; the same key for two entries is ambiguous. */
	if (lu->nkeys > 0)
		qsort(lu->keys, lu->nkeys, sizeof *lu->keys, lookup_key_cmp);
	for (i = j = 0; i < lu->nkeys; i++) {
		a = &lu->keys[i];
		b = (j > 0) ? &lu->keys[j - 1] : NULL;
		if (b != NULL && strcmp(a->key, b->key) == 0) {
			if (a->entry != b->entry)
				errlist_add(el, file, a->line, 0, _("'%s' "
				    "already stands for '%s' (line %u)"),
				    a->key, lu->v[b->entry].name, b->line);
			free(a->key);
			continue;
		}
		lu->keys[j++] = *a;
	}
	lu->nkeys = j;
	return (lu);
}

/*
 * Load the lookup list at path. If the file cannot be read, add the
 * reason to el and return NULL; otherwise as lookup_parse_buffer. A list
 * that loads without error is shared with later callers for the same
 * unchanged file; each caller frees its reference with lookup_free.
 */
struct lookup *
lookup_load(const char *path, struct errlist *el)
{
	struct lookup_cached	*c;
	struct lookup		*lu;
	struct stat		 sb;
	char			*buf;
	size_t			 len, i, before = errlist_count(el);

	if (stat(path, &sb) == 0) {
		for (i = 0; i < lookup_ncache; i++) {
			c = &lookup_cache[i];
			if (c->dev == sb.st_dev && c->ino == sb.st_ino &&
			    c->size == sb.st_size &&
			    c->mtime.tv_sec == sb.st_mtim.tv_sec &&
			    c->mtime.tv_nsec == sb.st_mtim.tv_nsec) {
				c->list->refs++;
				return (c->list);
			}
		}
	}
	if ((buf = lines_load(path, &len, el)) == NULL)
		return (NULL);
	lu = lookup_parse_buffer(path, buf, len, el);
	free(buf);
	if (errlist_count(el) == before && stat(path, &sb) == 0) {
		lookup_cache = xreallocarray(lookup_cache, lookup_ncache + 1,
		    sizeof *lookup_cache);
		c = &lookup_cache[lookup_ncache++];
		c->list = lu;
		c->dev = sb.st_dev;
		c->ino = sb.st_ino;
		c->size = sb.st_size;
		c->mtime = sb.st_mtim;
		lu->refs++;	/* the cache's own, dropped by lookup_free */
	}
	return (lu);
}

/*
 * Drop the cache's references to the shared lists, so that lists nobody
 * else holds are freed; later loads read the files again.
 */
void
lookup_cache_clear(void)
{
	size_t	i;

	for (i = 0; i < lookup_ncache; i++)
		lookup_free(lookup_cache[i].list);
	free(lookup_cache);
	lookup_cache = NULL;
	lookup_ncache = 0;
}

/*
 * Drop a reference to lu, freeing it and everything in it with the last;
 * NULL is allowed.
 */
void
lookup_free(struct lookup *lu)
{
	size_t	i, j;

	if (lu == NULL || --lu->refs > 0)
		return;
	for (i = 0; i < lu->n; i++) {
		free(lu->v[i].code);
		free(lu->v[i].name);
		for (j = 0; j < lu->v[i].naliases; j++)
			free(lu->v[i].aliases[j]);
		free(lu->v[i].aliases);
	}
	for (i = 0; i < lu->nkeys; i++)
		free(lu->keys[i].key);
	free(lu->keys);
	free(lu->v);
	free(lu->path);
	free(lu);
}

/*
 * Find value (UTF-8) in lu by code, name or alias, ignoring case and
 * extra spaces. Return the entry (owned by lu) and set *how if not NULL,
 * or return NULL if nothing matches.
 */
const struct lookup_entry *
lookup_find(const struct lookup *lu, const char *value, enum lookup_how *how)
{
	struct lookup_key	*r = NULL;
	size_t			 lo = 0, hi = lu->nkeys, mid;
	char			*f;
	int			 c;

	if ((f = utf8_fold(value)) == NULL)
		return (NULL);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(lu->keys[mid].key, f)) == 0) {
			r = &lu->keys[mid];
			break;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	free(f);
	if (r == NULL)
		return (NULL);
	if (how != NULL)
		*how = r->how;
	return (&lu->v[r->entry]);
}
