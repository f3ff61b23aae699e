/*
 * account-t.c: accounts: role names and what each role may do, account
 * names, yescrypt passwords checked right and wrong, the wait after five
 * failures (with the clock given), disabled accounts, and the record the
 * store keeps.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "i18n.h"
#include "rec.h"
#include "tap.h"

int
main(void)
{
	struct account	*a, *b;
	struct rec	*r;
	enum role	 role;
	char		*cause = NULL;
	int64_t		 now = 1700000000;
	int		 i, bad;

	i18n_init("en");

	ok(account_role_parse("supervisor", &role) == 0 &&
	    role == ROLE_SUPERVISOR && account_role_parse("boss", &role) ==
	    -1, "roles by name; an unknown one refused");
	ok(account_may(ROLE_CLERK, ACT_TYPE) &&
	    !account_may(ROLE_CLERK, ACT_VERIFY) &&
	    !account_may(ROLE_CLERK, ACT_APPROVE) &&
	    !account_may(ROLE_CLERK, ACT_ACCOUNTS),
	    "a clerk types, and no more");
	ok(account_may(ROLE_REVIEWER, ACT_VERIFY) &&
	    account_may(ROLE_REVIEWER, ACT_RESOLVE) &&
	    !account_may(ROLE_REVIEWER, ACT_APPROVE),
	    "a reviewer verifies and resolves flags, but does not approve");
	ok(account_may(ROLE_SUPERVISOR, ACT_APPROVE) &&
	    account_may(ROLE_SUPERVISOR, ACT_UNLOCK) &&
	    account_may(ROLE_SUPERVISOR, ACT_REPORT) &&
	    account_may(ROLE_SUPERVISOR, ACT_EXPORT) &&
	    !account_may(ROLE_SUPERVISOR, ACT_ACCOUNTS),
	    "a supervisor approves, unlocks, reports, exports");
	ok(account_may(ROLE_ADMIN, ACT_ACCOUNTS) &&
	    account_may(ROLE_ADMIN, ACT_BACKUP) &&
	    !account_may(ROLE_ADMIN, ACT_TYPE),
	    "an administrator keeps accounts and backups, and types nothing");
	for (i = bad = 0; i < ACT_COUNT; i++)
		bad += account_may(ROLE_COUNT, (enum action)i);
	ok(bad == 0 && !account_may(ROLE_ADMIN, ACT_COUNT),
	    "no role beyond the list may do anything");

	ok(account_name_ok("lan", &cause) == 0 &&
	    account_name_ok("nguyen.van-an_2", &cause) == 0,
	    "account names");
	ok(account_name_ok("", &cause) == -1, "an empty name is refused");
	free(cause);
	ok(account_name_ok("2lan", &cause) == -1 && strstr(cause, "2lan"),
	    "a name starting with a digit is refused, and named");
	free(cause);
	ok(account_name_ok("lan hoa", &cause) == -1, "a space is refused");
	free(cause);

	a = account_new("lan", ROLE_CLERK);
	ok(account_set_password(a, "short", &cause) == -1 &&
	    strstr(cause, "8 characters") != NULL,
	    "a password of 5 characters is refused");
	free(cause);
	ok(account_set_password(a, "mật khẩu dài", &cause) == 0 &&
	    strncmp(a->hash, "$y$", 3) == 0 &&
	    strstr(a->hash, "mật") == NULL,
	    "a password is kept as a yescrypt hash, never in clear");
	ok(account_check(a, "mật khẩu dài", now) == AC_OK,
	    "the right password is accepted");
	ok(account_check(a, "mat khau dai", now) == AC_WRONG &&
	    a->failures == 1, "a wrong one is refused and counted");
	for (i = 0; i < 3; i++)
		account_check(a, "wrong", now);
	ok(a->failures == 4 && a->locked_until == 0,
	    "four failures: no wait yet");
	ok(account_check(a, "wrong", now) == AC_WRONG &&
	    a->locked_until == now + ACCOUNT_WAIT,
	    "the fifth: the account waits %d seconds", ACCOUNT_WAIT);
	ok(account_check(a, "mật khẩu dài", now + 10) == AC_WAIT,
	    "while it waits even the right password is refused");
	ok(account_check(a, "wrong", now + ACCOUNT_WAIT) == AC_WRONG &&
	    a->locked_until == now + 3 * ACCOUNT_WAIT,
	    "after the wait, another failure waits twice as long");
	ok(account_check(a, "mật khẩu dài", now + 3 * ACCOUNT_WAIT) ==
	    AC_OK && a->failures == 0 && a->locked_until == 0,
	    "then the right password is accepted and the count forgotten");
	for (i = 0; i < 40; i++)
		account_check(a, "wrong", now + 10000000 * (int64_t)(i + 1));
	ok(a->locked_until - (now + 400000000) == 86400,
	    "the wait is a day at most");

	a->disabled = 1;
	a->locked_until = 0;
	ok(account_check(a, "mật khẩu dài", now) == AC_DISABLED,
	    "a disabled account is refused");

	a->osuser = strdup("lan");
	a->created = now;
	r = account_to_rec(a);
	b = account_from_rec("lan", r, &cause);
	ok(b != NULL && strcmp(b->hash, a->hash) == 0 &&
	    b->role == a->role && b->disabled == 1 &&
	    b->failures == a->failures && b->locked_until == a->locked_until &&
	    b->created == now && b->osuser != NULL &&
	    strcmp(b->osuser, "lan") == 0,
	    "the record the store keeps gives the account back");
	rec_free(r);
	account_free(b);
	r = rec_new("ks");
	ok(account_from_rec("x", r, &cause) == NULL && cause != NULL,
	    "a record of another form is not an account");
	free(cause);
	rec_free(r);
	account_free(a);
	return (done_testing());
}
