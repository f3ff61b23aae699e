/*
 * policy.c: what may be done to an entry, and by whom (see policy.h).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "policy.h"
#include "xmalloc.h"

static const char *const setting_keys[] = {
	"grace-hours", "verify-rate", "verify-all-above", "verify-min",
	"export-dir", NULL
};

/* Fill s with the defaults. */
void
policy_defaults(struct policy_settings *s)
{
	memset(s, 0, sizeof *s);
	s->grace = POLICY_GRACE;
	s->rate = POLICY_RATE;
	s->high = POLICY_HIGH;
	s->min_checked = POLICY_MIN_CHECKED;
}

/* Free what s holds (not s). */
void
policy_settings_free(struct policy_settings *s)
{
	free(s->export_dir);
	s->export_dir = NULL;
}

/* The names of the settings, NULL-terminated. */
const char *const *
policy_setting_keys(void)
{
	return (setting_keys);
}

/* Read a whole number from lo to hi. */
static int
number(const char *key, const char *v, long lo, long hi, long *out,
    char **cause)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || n < lo || n > hi) {
		xasprintf(cause, _("%s: \"%s\" is not a number from %ld to "
		    "%ld"), key, v, lo, hi);
		return (-1);
	}
	*out = n;
	return (0);
}

/*
 * Set setting key of s from its text value. Returns 0, or -1 with *cause
 * set (free it) naming the key, and s unchanged.
 */
int
policy_setting_set(struct policy_settings *s, const char *key,
    const char *value, char **cause)
{
	long	n;

	if (strcmp(key, "grace-hours") == 0) {
		if (number(key, value, 0, 24 * 365, &n, cause) != 0)
			return (-1);
		s->grace = (int64_t)n * 3600;
	} else if (strcmp(key, "verify-rate") == 0) {
		if (number(key, value, 0, 100, &n, cause) != 0)
			return (-1);
		s->rate = (u_int)n;
	} else if (strcmp(key, "verify-all-above") == 0) {
		if (number(key, value, 0, 100, &n, cause) != 0)
			return (-1);
		s->high = (u_int)n;
	} else if (strcmp(key, "verify-min") == 0) {
		if (number(key, value, 1, 1000000, &n, cause) != 0)
			return (-1);
		s->min_checked = (u_int)n;
	} else if (strcmp(key, "export-dir") == 0) {
		if (*value != '\0' && *value != '/') {
			xasprintf(cause, _("%s: \"%s\" is not an absolute "
			    "path"), key, value);
			return (-1);
		}
		free(s->export_dir);
		s->export_dir = *value != '\0' ? xstrdup(value) : NULL;
	} else {
		xasprintf(cause, _("no setting \"%s\""), key);
		return (-1);
	}
	return (0);
}

/* The value of setting key as text (free it), or NULL if no such key. */
char *
policy_setting_get(const struct policy_settings *s, const char *key)
{
	char	*v;

	if (strcmp(key, "grace-hours") == 0)
		xasprintf(&v, "%lld", (long long)(s->grace / 3600));
	else if (strcmp(key, "verify-rate") == 0)
		xasprintf(&v, "%u", s->rate);
	else if (strcmp(key, "verify-all-above") == 0)
		xasprintf(&v, "%u", s->high);
	else if (strcmp(key, "verify-min") == 0)
		xasprintf(&v, "%u", s->min_checked);
	else if (strcmp(key, "export-dir") == 0)
		v = xstrdup(s->export_dir != NULL ? s->export_dir : "");
	else
		v = NULL;
	return (v);
}

/* What an action is called in a refusal. */
static const char *
action_text(enum action act)
{
	switch (act) {
	case ACT_TYPE:
		return (_("type entries"));
	case ACT_VERIFY:
		return (_("verify entries"));
	case ACT_RESOLVE:
		return (_("decide duplicate flags"));
	case ACT_APPROVE:
		return (_("approve entries"));
	case ACT_UNLOCK:
		return (_("unlock approved entries"));
	case ACT_REPORT:
		return (_("print statistics"));
	case ACT_EXPORT:
		return (_("export"));
	case ACT_ACCOUNTS:
		return (_("change accounts"));
	case ACT_BACKUP:
		return (_("back the database up"));
	case ACT_AUDIT:
		return (_("read the audit log"));
	case ACT_SETTINGS:
		return (_("change settings"));
	default:
		return ("?");
	}
}

/*
 * Whether who may do act: PA_OK, or PA_REFUSED with *cause set (free it)
 * naming the user, the role and the action.
 */
enum policy_answer
policy_may(const struct actor *who, enum action act, char **cause)
{
	if (who->open)
		return (PA_OK);
	if (who->name == NULL || *who->name == '\0') {
		xasprintf(cause, _("nobody is logged in: only a user may %s"),
		    action_text(act));
		return (PA_REFUSED);
	}
	if (account_may(who->role, act))
		return (PA_OK);
	xasprintf(cause, _("%s (%s) may not %s"), who->name,
	    account_role_name(who->role), action_text(act));
	return (PA_REFUSED);
}

/*
 * Whether entry r may change at all: PA_OK, or PA_REFUSED with *cause set
 * (free it) if it is approved and waits for a supervisor's unlock.
 */
enum policy_answer
policy_locked(const struct rec *r, char **cause)
{
	if (r->state != RS_APPROVED)
		return (PA_OK);
	xasprintf(cause, _("entry %llu is approved: a supervisor must unlock "
	    "it before it changes"), (unsigned long long)r->id);
	return (PA_REFUSED);
}

/*
 * Whether who may replace the stored entry old, at time now, with reason
 * (NULL or "" for none). PA_OK: the correction is allowed, and the entry
 * is to be "entered" again. PA_NEED_REASON: allowed only with a reason.
 * PA_REFUSED: *cause says why (free it).
 */
enum policy_answer
policy_correct(const struct actor *who, const struct rec *old,
    const char *reason, int64_t now, const struct policy_settings *set,
    char **cause)
{
	int	 own, fresh;

	if (policy_locked(old, cause) != PA_OK)
		return (PA_REFUSED);
	if (policy_may(who, ACT_TYPE, cause) != PA_OK) {
		free(*cause);
		if (policy_may(who, ACT_VERIFY, cause) != PA_OK)
			return (PA_REFUSED);
	}
	own = who->name != NULL && strcmp(old->user, who->name) == 0;
	fresh = now - old->created < set->grace && now >= old->created;
	if (own && fresh && old->state <= RS_ENTERED)
		return (PA_OK);
	if (reason != NULL && *reason != '\0')
		return (PA_OK);
	if (old->state == RS_VERIFIED)
		xasprintf(cause, _("entry %llu is verified: say why it is "
		    "corrected"), (unsigned long long)old->id);
	else if (!own)
		xasprintf(cause, _("entry %llu was typed by %s: say why it is "
		    "corrected"), (unsigned long long)old->id, old->user);
	else
		xasprintf(cause, _("entry %llu was typed more than %lld hours "
		    "ago: say why it is corrected"),
		    (unsigned long long)old->id,
		    (long long)(set->grace / 3600));
	return (PA_NEED_REASON);
}

/*
 * Whether who may move entry r to state to, with reason (NULL or ""):
 * verified by a reviewer who did not type it (rekey says how: 1 re-keyed
 * blind, 0 not, and with must 1 the sample wants it re-keyed), approved
 * by a supervisor once verified, unlocked ("entered" again from
 * approved) by a supervisor with a reason. PA_OK, PA_NEED_REASON, or
 * PA_REFUSED with *cause set (free it).
 */
enum policy_answer
policy_move(const struct actor *who, const struct rec *r, enum rec_state to,
    const char *reason, int rekey, char **cause)
{
	unsigned long long	id = r->id;
	int			rekeyed = rekey & 1, must = rekey & 2;

	switch (to) {
	case RS_VERIFIED:
		if (policy_may(who, ACT_VERIFY, cause) != PA_OK)
			return (PA_REFUSED);
		if (r->state != RS_ENTERED) {
			xasprintf(cause, _("entry %llu is %s, not entered: "
			    "there is nothing to verify"), id,
			    rec_state_name(r->state));
			return (PA_REFUSED);
		}
		if (!who->open && strcmp(r->user, who->name) == 0) {
			xasprintf(cause, _("entry %llu was typed by %s: "
			    "someone else verifies it"), id, who->name);
			return (PA_REFUSED);
		}
		if (must && !rekeyed) {
			xasprintf(cause, _("entry %llu is in the sample: "
			    "re-key it to verify it"), id);
			return (PA_REFUSED);
		}
		return (PA_OK);
	case RS_APPROVED:
		if (policy_may(who, ACT_APPROVE, cause) != PA_OK)
			return (PA_REFUSED);
		if (r->state != RS_VERIFIED) {
			xasprintf(cause, _("entry %llu is %s: only a verified "
			    "entry is approved"), id,
			    rec_state_name(r->state));
			return (PA_REFUSED);
		}
		return (PA_OK);
	case RS_ENTERED:
		if (policy_may(who, ACT_UNLOCK, cause) != PA_OK)
			return (PA_REFUSED);
		if (r->state != RS_APPROVED) {
			xasprintf(cause, _("entry %llu is %s: only an "
			    "approved entry is unlocked"), id,
			    rec_state_name(r->state));
			return (PA_REFUSED);
		}
		if (reason == NULL || *reason == '\0') {
			xasprintf(cause, _("say why entry %llu is unlocked"),
			    id);
			return (PA_NEED_REASON);
		}
		return (PA_OK);
	default:
		xasprintf(cause, _("entry %llu cannot be made %s"), id,
		    rec_state_name(to));
		return (PA_REFUSED);
	}
}

/*
 * Whether entry id is in the blind sample: the same answer every time,
 * for about rate percent of the entries of every book.
 */
int
policy_sampled(uint64_t id, const struct policy_settings *set)
{
	uint64_t	h = id;

	/* A 64-bit mix (splitmix64's finaliser) spreads consecutive ids. */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return (h % 100 < set->rate);
}

/*
 * Whether a clerk's measured errors are high enough that all their
 * entries are re-keyed: more than set->high percent of the entries
 * checked wrong, once enough are checked.
 */
int
policy_high(const struct policy_errors *e, const struct policy_settings *set)
{
	if (e->checked < set->min_checked)
		return (0);
	return (e->wrong * 100 > e->checked * set->high);
}

/*
 * Whether a file may be written at path: anywhere without an export
 * folder; with one, only inside it, and not through a symbolic link.
 * Returns 0, or -1 with *cause set (free it).
 */
int
policy_path_ok(const struct policy_settings *set, const char *path,
    char **cause)
{
	struct stat	 sb;
	char		*copy, *dir, rdir[PATH_MAX], rroot[PATH_MAX];
	size_t		 n;

	if (set->export_dir == NULL)
		return (0);
	if (realpath(set->export_dir, rroot) == NULL) {
		xasprintf(cause, _("%s: %s (the export folder)"),
		    set->export_dir, strerror(errno));
		return (-1);
	}
	copy = xstrdup(path);
	dir = dirname(copy);
	if (realpath(dir, rdir) == NULL) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		free(copy);
		return (-1);
	}
	free(copy);
	n = strlen(rroot);
	if ((strncmp(rdir, rroot, n) != 0 || (rdir[n] != '\0' &&
	    rdir[n] != '/' && strcmp(rroot, "/") != 0))) {
		xasprintf(cause, _("%s: files are written only in %s"), path,
		    set->export_dir);
		return (-1);
	}
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		xasprintf(cause, _("%s: a symbolic link; not followed"),
		    path);
		return (-1);
	}
	return (0);
}
