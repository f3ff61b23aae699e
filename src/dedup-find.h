/*
 * dedup-find.h: the stored entries that may be the person of one record,
 * found through the store's person index and scored; what the entry
 * screens show beside an entry while it is typed, and what hotich dedup
 * --across looks up in the other databases.
 */
#ifndef DEDUP_FIND_H
#define DEDUP_FIND_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#include "dedup.h"
#include "rec.h"
#include "store.h"

#define DEDUP_FIND_READ	100	/* entries read for one look-up at most */
#define DEDUP_FIND_KEY	10	/* entries of a second key read at most */
#define DEDUP_FIND_WALK	5000	/* entries of one key walked at most */

/* A stored entry that may be the same person. */
struct dedup_cand {
	uint64_t		 id;
	double			 score;
	struct dedup_why	 why;
};

/* What one look-up did. */
struct dedup_find_stats {
	u_long			 read;		/* entries read and scored */
	u_long			 lookups;	/* index look-ups */
};

int	dedup_find(struct store *, const struct dedup_form *,
	    const struct rec *, double, struct dedup_cand *, size_t,
	    struct dedup_find_stats *, char **);
int	dedup_find_other(struct store *, const struct dedup_form *,
	    const struct dedup_freq *, const struct rec *, double,
	    struct dedup_cand *, size_t, struct dedup_find_stats *, char **);
int	dedup_flag_pair(struct store *, const struct dedup_form *, uint64_t,
	    uint64_t, double, const struct dedup_why *, const char *,
	    char **);

#endif
