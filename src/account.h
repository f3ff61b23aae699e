/*
 * account.h: hotich's users: a name, a role, a password kept only as a
 * yescrypt hash (libxcrypt), the operating-system login tied to the
 * account if any, and the count of failed attempts that makes the account
 * wait. What each role may do is decided here, so that the command line
 * and the screens obey the same rules.
 *
 * No database: the store keeps accounts as records of the form "@user"
 * (account_to_rec, account_from_rec).
 */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include <stdint.h>

#include "rec.h"

#define ACCOUNT_TRIES	5	/* failed attempts before a wait */
#define ACCOUNT_WAIT	300	/* seconds of the first wait; doubles */
#define ACCOUNT_MIN_PASSWORD 8	/* characters of a password at least */
#define ACCOUNT_FORM	"@user"	/* the form of an account's record */

enum role {
	ROLE_CLERK,		/* types entries, fixes their own */
	ROLE_REVIEWER,		/* verifies, resolves flags */
	ROLE_SUPERVISOR,	/* approves, unlocks, reports, exports */
	ROLE_ADMIN,		/* accounts, backup */
	ROLE_COUNT
};

/* What a role may be allowed to do. */
enum action {
	ACT_TYPE,		/* type and save entries */
	ACT_VERIFY,		/* re-key entries blind, decide mismatches */
	ACT_RESOLVE,		/* decide duplicate flags */
	ACT_APPROVE,		/* approve entries */
	ACT_UNLOCK,		/* unlock an approved entry */
	ACT_REPORT,		/* print statistics */
	ACT_EXPORT,		/* export for the national system */
	ACT_ACCOUNTS,		/* add, change and disable accounts */
	ACT_BACKUP,		/* back the database up */
	ACT_AUDIT,		/* read the audit log */
	ACT_SETTINGS,		/* change the database's settings */
	ACT_COUNT
};

struct account {
	char		*name;
	enum role	 role;
	char		*hash;		/* crypt(3) string, or "" */
	char		*osuser;	/* the login tied to it, or NULL */
	int		 disabled;
	u_int		 failures;	/* failed attempts in a row */
	int64_t		 locked_until;	/* no attempt before (epoch s) */
	int64_t		 created;
};

/* What account_check says of a password. */
enum account_check {
	AC_OK,
	AC_WRONG,		/* the password is not this account's */
	AC_WAIT,		/* too many failures: wait until locked_until */
	AC_DISABLED
};

int		 account_role_parse(const char *, enum role *);
const char	*account_role_name(enum role);
const char	*account_action_name(enum action);
int		 account_may(enum role, enum action);
int		 account_name_ok(const char *, char **);
struct account	*account_new(const char *, enum role);
int		 account_set_password(struct account *, const char *,
		    char **);
enum account_check account_check(struct account *, const char *, int64_t);
struct rec	*account_to_rec(const struct account *);
struct account	*account_from_rec(const char *, const struct rec *,
		    char **);
void		 account_free(struct account *);

#endif
