/*
 * policy.h: what may be done to an entry, and by whom.
 *
 * An entry moves draft -> entered -> verified -> approved. Its clerk
 * fixes it freely within a grace window after typing it; after that, or
 * once it is verified, a correction needs a reason and sends it back to
 * "entered" for review; an approved entry changes only after a
 * supervisor unlocks it, with a reason. A reviewer verifies other
 * people's entries, re-keying blind those the sample picks: a share of
 * every book, and every entry of a clerk whose measured error rate is
 * high.
 *
 * Pure decisions, no database: the store asks them on every write, with
 * the clock passed in, so tests control time.
 */
#ifndef POLICY_H
#define POLICY_H

#include <stdint.h>

#include "account.h"
#include "rec.h"

/* Who is acting. */
struct actor {
	const char	*name;		/* "" when nobody is logged in */
	enum role	 role;
	int		 open;		/* no accounts: every role at once */
};

/* A database's settings (hotich config). */
struct policy_settings {
	int64_t		 grace;		/* seconds a clerk fixes freely */
	u_int		 rate;		/* percent of each book re-keyed */
	u_int		 high;		/* error percent: re-key everything */
	u_int		 min_checked;	/* entries checked before it counts */
	char		*export_dir;	/* exports only under it, or NULL */
};
#define POLICY_GRACE		(24 * 3600)
#define POLICY_RATE		10
#define POLICY_HIGH		5
#define POLICY_MIN_CHECKED	20

/* What a decision says. */
enum policy_answer {
	PA_OK,
	PA_REFUSED,		/* not allowed; *cause says why */
	PA_NEED_REASON		/* allowed with a reason, and none given */
};

/* A clerk's measured keying: entries checked and found wrong. */
struct policy_errors {
	u_long		 checked;
	u_long		 wrong;		/* entries with a keying error */
};

void		 policy_defaults(struct policy_settings *);
void		 policy_settings_free(struct policy_settings *);
int		 policy_setting_set(struct policy_settings *, const char *,
		    const char *, char **);
char		*policy_setting_get(const struct policy_settings *,
		    const char *);
const char *const *policy_setting_keys(void);

enum policy_answer policy_may(const struct actor *, enum action, char **);
enum policy_answer policy_locked(const struct rec *, char **);
enum policy_answer policy_correct(const struct actor *, const struct rec *,
		    const char *, int64_t, const struct policy_settings *,
		    char **);
enum policy_answer policy_move(const struct actor *, const struct rec *,
		    enum rec_state, const char *, int, char **);
int		 policy_sampled(uint64_t, const struct policy_settings *);
int		 policy_high(const struct policy_errors *,
		    const struct policy_settings *);
int		 policy_path_ok(const struct policy_settings *, const char *,
		    char **);

#endif
