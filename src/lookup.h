/*
 * lookup.h: lookup lists (ethnic groups, nationalities, provinces ...).
 *
 * A list is a tab-separated file beside the forms: CODE, NAME and an
 * optional ";"-separated list of aliases (old names, other spellings).
 * A value typed by a clerk matches an entry by its code, its name or an
 * alias, ignoring case and extra spaces.
 */
#ifndef LOOKUP_H
#define LOOKUP_H

#include <stddef.h>

#include "errlist.h"

struct lookup_entry {
	char	 *code;
	char	 *name;
	char	**aliases;
	size_t	  naliases;
};

struct lookup_key;

struct lookup {
	char			*path;
	int			 refs;		/* see lookup_load */
	struct lookup_entry	*v;
	size_t			 n;
	struct lookup_key	*keys;		/* sorted folded keys */
	size_t			 nkeys;
};

enum lookup_how { LK_CODE, LK_NAME, LK_ALIAS };

struct lookup	*lookup_load(const char *, struct errlist *);
struct lookup	*lookup_parse_buffer(const char *, const char *, size_t,
		    struct errlist *);
void		 lookup_free(struct lookup *);
void		 lookup_cache_clear(void);
const struct lookup_entry *lookup_find(const struct lookup *, const char *,
		    enum lookup_how *);

#endif
