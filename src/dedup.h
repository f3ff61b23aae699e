/*
 * dedup.h: probable duplicate people, scored pair by pair.
 *
 * A record of a register is reduced to a profile: the names of its
 * person key (and the parents' names where the form has them) as three
 * keys each, the dates of the person key, the sex, the personal ID
 * number, the office and the registration number. Two profiles of one form are compared rule by
 * rule, each rule adding the weight of its evidence (the log-odds of
 * "same person" against "two people", as in record linkage): names equal
 * as written, but for the spelling (tone placement, i/y), without
 * diacritics, but for Telex keys typed in with the input method off,
 * without the middle name, or close by a Jaro-Winkler
 * similarity tuned for Vietnamese names; dates equal, equal as far as
 * written, or with the day and month swapped; sex; the personal ID
 * number; office; the same registration number. Agreement on a name
 * counts for less the more common the name is in the data set (struct
 * dedup_freq). The sum gives a score from 0 to 1 and a short reason.
 *
 * Re-registrations, re-issues, foreign registrations written into the
 * book, archive copies and entries struck out in the book are exempt:
 * their profiles say so and are never paired.
 *
 * No curses, no database: the batch command and the entry screens use
 * the same functions.
 */
#ifndef DEDUP_H
#define DEDUP_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#include "form.h"
#include "rec.h"

#define DEDUP_MIN_SCORE	0.5	/* the least score of a probable pair */
#define DEDUP_NAMES	3	/* name slots a form gives at most */
#define DEDUP_DATES	4	/* date slots */
#define DEDUP_BLOCKS	8	/* blocking keys of one profile at most */

/* How two names compare, best first. */
enum dedup_name_level {
	DN_MISSING,		/* one or both not written */
	DN_SAME,		/* the same, ignoring case */
	DN_SPELLING,		/* the same but for tone placement or i/y */
	DN_LOOSE,		/* the same without diacritics */
	DN_TELEX,		/* the same but for Telex keys left in */
	DN_NOMIDDLE,		/* the same surname and given name */
	DN_SIMILAR,		/* close (Jaro-Winkler) */
	DN_DIFFERENT
};

/* How two dates compare. */
enum dedup_date_level {
	DD_MISSING,
	DD_SAME,		/* equal, written alike (day, month or year) */
	DD_PARTIAL,		/* equal as far as the vaguer is written */
	DD_SWAP,		/* full dates with day and month swapped */
	DD_NEAR,		/* same year, another day */
	DD_DIFFERENT
};

/* Why a profile is never paired. */
enum dedup_exempt {
	DX_NONE,
	DX_REGTYPE,		/* re-registration, re-issue, foreign */
	DX_COPY,		/* an archive copy of the book */
	DX_STRUCK		/* struck out in the book */
};

/* What a form gives the scoring: its slots, labels and exemptions. */
struct dedup_form;

/* What the scoring knows of one record. */
struct dedup_prof {
	uint64_t		 id;
	uint64_t		 office;	/* hash of the folded office, or 0 */
	uint64_t		 regno;		/* hash of book key and number, or 0 */
	uint64_t		 pid;		/* hash of the personal number, or 0 */
	struct {
		/*
		 * The loose key with Telex keys left in a word taken out
		 * (Nguyeenx, Hungf) and y as i where the spelling allows
		 * either (Sỹ, Sĩ), or NULL if the name is not written.
		 */
		const char	*loose;
		uint64_t	 hloose;	/* its hash, with the slot */
		uint32_t	 same;		/* hashes: case-folded NFC, */
		uint32_t	 spell;		/*   spelling-variant key, */
		uint32_t	 raw;		/*   plain loose key */
	}			 name[DEDUP_NAMES];
	struct {
		int16_t		 year;		/* 0: no date */
		int8_t		 month, day;	/* 0: not written */
	}			 date[DEDUP_DATES];
	int8_t			 sex;		/* 0 unknown, 1 male, 2 female */
	int8_t			 exempt;	/* enum dedup_exempt */
};

/* The outcome of each rule for one pair. */
struct dedup_why {
	enum dedup_name_level	 name[DEDUP_NAMES];
	enum dedup_date_level	 date[DEDUP_DATES];
	int			 sex;		/* 1 same, -1 different, 0 */
	int			 office;	/* likewise */
	int			 regno;		/* 1 same registration number */
	int			 pid;		/* personal number: 1 same, -1 not */
	double			 weight;	/* the sum of the evidence, bits */
};

/* How common each name is, counted over profiles. */
struct dedup_freq;

struct dedup_form	*dedup_form_new(const struct form *);
void			 dedup_form_free(struct dedup_form *);
const struct form	*dedup_form_form(const struct dedup_form *);

struct dedup_prof	*dedup_profile(const struct dedup_form *,
			    const struct rec *);
void			 dedup_prof_free(struct dedup_prof *);
size_t			 dedup_blocks(const struct dedup_form *,
			    const struct dedup_prof *, uint64_t *);
int			 dedup_year(const struct dedup_form *,
			    const struct dedup_prof *);
int			 dedup_rec_year(const struct dedup_form *,
			    const struct rec *);

struct dedup_freq	*dedup_freq_new(void);
void			 dedup_freq_add(struct dedup_freq *,
			    const struct dedup_prof *);
u_long			 dedup_freq_count(const struct dedup_freq *, uint64_t);
void			 dedup_freq_free(struct dedup_freq *);

double			 dedup_score(const struct dedup_form *,
			    const struct dedup_freq *, const struct dedup_prof *,
			    const struct dedup_prof *, struct dedup_why *);
char			*dedup_reason(const struct dedup_form *,
			    const struct dedup_why *, int);
double			 dedup_jaro_winkler(const char *, const char *);
double			 dedup_name_similarity(const char *, const char *);

#endif
