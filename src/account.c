/*
 * account.c: users, their roles and passwords (see account.h).
 *
 * A password is hashed with yescrypt through libxcrypt (crypt_gensalt_ra
 * for a fresh salt, crypt_rn), and only the hash is kept; checking one
 * hashes the attempt with the stored setting and compares in constant
 * time. After ACCOUNT_TRIES failures in a row the account waits
 * ACCOUNT_WAIT seconds, twice as long after each further failure (a day
 * at most), and no attempt is looked at before then, right or wrong.
 */

#include "config.h"

#include <crypt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "i18n.h"
#include "number.h"
#include "utf8.h"
#include "xmalloc.h"

#define WAIT_MAX	86400		/* the longest wait, seconds */

static const char *role_names[ROLE_COUNT] = {
	"clerk", "reviewer", "supervisor", "admin"
};

static const char *action_names[ACT_COUNT] = {
	"type", "verify", "resolve", "approve", "unlock", "report", "export",
	"accounts", "backup", "audit", "settings"
};

/* Who may do what: a bit per role. */
#define R(r)	(1u << (r))
static const u_int allowed[ACT_COUNT] = {
	[ACT_TYPE] = R(ROLE_CLERK) | R(ROLE_REVIEWER) | R(ROLE_SUPERVISOR),
	[ACT_VERIFY] = R(ROLE_REVIEWER) | R(ROLE_SUPERVISOR),
	[ACT_RESOLVE] = R(ROLE_REVIEWER) | R(ROLE_SUPERVISOR),
	[ACT_APPROVE] = R(ROLE_SUPERVISOR),
	[ACT_UNLOCK] = R(ROLE_SUPERVISOR),
	[ACT_REPORT] = R(ROLE_SUPERVISOR),
	[ACT_EXPORT] = R(ROLE_SUPERVISOR),
	[ACT_ACCOUNTS] = R(ROLE_ADMIN),
	[ACT_BACKUP] = R(ROLE_ADMIN),
	[ACT_AUDIT] = R(ROLE_SUPERVISOR) | R(ROLE_ADMIN),
	[ACT_SETTINGS] = R(ROLE_ADMIN),
};
#undef R

/* Set *role from its name (clerk, ...). Returns 0, or -1 if unknown. */
int
account_role_parse(const char *s, enum role *role)
{
	int	i;

	for (i = 0; i < ROLE_COUNT; i++) {
		if (strcmp(s, role_names[i]) == 0) {
			*role = (enum role)i;
			return (0);
		}
	}
	return (-1);
}

/* The name of role, as account_role_parse reads it. */
const char *
account_role_name(enum role role)
{
	return ((u_int)role < ROLE_COUNT ? role_names[role] : "?");
}

/* The name of action. */
const char *
account_action_name(enum action act)
{
	return ((u_int)act < ACT_COUNT ? action_names[act] : "?");
}

/* Whether role may do act. */
int
account_may(enum role role, enum action act)
{
	if ((u_int)role >= ROLE_COUNT || (u_int)act >= ACT_COUNT)
		return (0);
	return ((allowed[act] >> role) & 1);
}

/*
 * Whether name can name an account: 1 to 32 characters of letters,
 * digits, '.', '_' and '-', starting with a letter (it is also the
 * account's key and what the audit log names). Returns 0, or -1 with
 * *cause set.
 */
int
account_name_ok(const char *name, char **cause)
{
	size_t	i, n = strlen(name);

	if (n == 0 || n > 32) {
		xasprintf(cause, _("an account name has 1 to 32 characters"));
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if ((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (i > 0 && ((name[i] >= '0' && name[i] <= '9') ||
		    strchr("._-", name[i]) != NULL)))
			continue;
		xasprintf(cause, _("'%s' is not an account name: letters, "
		    "then letters, digits, '.', '_' or '-'"), name);
		return (-1);
	}
	return (0);
}

/* A new account called name with role, no password yet. Free it. */
struct account *
account_new(const char *name, enum role role)
{
	struct account	*a;

	a = xcalloc(1, sizeof *a);
	a->name = xstrdup(name);
	a->role = role;
	a->hash = xstrdup("");
	return (a);
}

/*
 * Set a's password to pass: a new salt, the yescrypt hash kept, the
 * failures forgotten. Returns 0, or -1 with *cause set (too short, or
 * libxcrypt failed).
 */
int
account_set_password(struct account *a, const char *pass, char **cause)
{
	struct crypt_data	*cd;
	char			*setting;

	if (utf8_len(pass) < ACCOUNT_MIN_PASSWORD) {
		xasprintf(cause, _("a password has %d characters at least"),
		    ACCOUNT_MIN_PASSWORD);
		return (-1);
	}
	if ((setting = crypt_gensalt_ra("$y$", 0, NULL, 0)) == NULL) {
		xasprintf(cause, _("cannot make a salt for the password"));
		return (-1);
	}
	cd = xcalloc(1, sizeof *cd);
	if (crypt_rn(pass, setting, cd, sizeof *cd) == NULL ||
	    cd->output[0] == '*') {
		free(setting);
		free(cd);
		xasprintf(cause, _("cannot hash the password"));
		return (-1);
	}
	free(a->hash);
	a->hash = xstrdup(cd->output);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	free(setting);
	a->failures = 0;
	a->locked_until = 0;
	return (0);
}

/* Whether strings a and b are equal, in a time that does not tell where. */
static int
same_secret(const char *a, const char *b)
{
	size_t		 la = strlen(a), lb = strlen(b), i;
	u_char		 diff = la != lb;

	for (i = 0; i < la && i < lb; i++)
		diff |= (u_char)a[i] ^ (u_char)b[i];
	return (diff == 0);
}

/*
 * Check pass against a at time now (seconds since the epoch), updating
 * a's failures and wait: the caller saves a afterwards. A disabled
 * account, or one waiting, is refused without looking at pass.
 */
enum account_check
account_check(struct account *a, const char *pass, int64_t now)
{
	struct crypt_data	*cd;
	int64_t			 wait;
	u_int			 n;
	int			 ok;

	if (a->disabled)
		return (AC_DISABLED);
	if (now < a->locked_until)
		return (AC_WAIT);
	cd = xcalloc(1, sizeof *cd);
	ok = *a->hash != '\0' && crypt_rn(pass, a->hash, cd,
	    sizeof *cd) != NULL && cd->output[0] != '*' &&
	    same_secret(cd->output, a->hash);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	if (ok) {
		a->failures = 0;
		a->locked_until = 0;
		return (AC_OK);
	}
	if (++a->failures >= ACCOUNT_TRIES) {
		n = a->failures - ACCOUNT_TRIES;
		wait = n >= 16 ? WAIT_MAX : (int64_t)ACCOUNT_WAIT << n;
		a->locked_until = now + (wait < WAIT_MAX ? wait : WAIT_MAX);
	}
	return (AC_WRONG);
}

static void
set_num(struct rec *r, const char *key, int64_t v)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	rec_set(r, key, buf, FS_OK);
}

/* The record the store keeps for a. Free it with rec_free. */
struct rec *
account_to_rec(const struct account *a)
{
	struct rec	*r;

	r = rec_new(ACCOUNT_FORM);
	rec_set(r, "name", a->name, FS_OK);
	rec_set(r, "role", account_role_name(a->role), FS_OK);
	rec_set(r, "hash", a->hash, FS_OK);
	rec_set(r, "osuser", a->osuser != NULL ? a->osuser : "", FS_OK);
	set_num(r, "disabled", a->disabled);
	set_num(r, "failures", a->failures);
	set_num(r, "locked_until", a->locked_until);
	set_num(r, "created", a->created);
	return (r);
}

static int64_t
get_num(const struct rec *r, const char *key)
{
	long	v;

	return (number_parse(rec_value(r, key), &v) == 0 ? v : 0);
}

/*
 * The account name from its record r. Returns it (free with
 * account_free), or NULL with *cause set if r is not an account's.
 */
struct account *
account_from_rec(const char *name, const struct rec *r, char **cause)
{
	struct account	*a;
	enum role	 role;

	if (strcmp(r->form, ACCOUNT_FORM) != 0 ||
	    account_role_parse(rec_value(r, "role"), &role) != 0) {
		xasprintf(cause, _("account %s: damaged"), name);
		return (NULL);
	}
	a = account_new(name, role);
	free(a->hash);
	a->hash = xstrdup(rec_value(r, "hash"));
	if (*rec_value(r, "osuser") != '\0')
		a->osuser = xstrdup(rec_value(r, "osuser"));
	a->disabled = get_num(r, "disabled") != 0;
	a->failures = (u_int)get_num(r, "failures");
	a->locked_until = get_num(r, "locked_until");
	a->created = get_num(r, "created");
	return (a);
}

/* Free a; NULL is fine. */
void
account_free(struct account *a)
{
	if (a == NULL)
		return;
	free(a->name);
	if (a->hash != NULL)
		explicit_bzero(a->hash, strlen(a->hash));
	free(a->hash);
	free(a->osuser);
	free(a);
}
