/*
 * policy-t.c: who may do what to an entry. The grace window with a clock
 * the test sets; the review states; the blind sample and a clerk's error
 * rate; the export folder; and the permission matrix, every role against
 * every operation, through a real store in a temporary directory, with
 * the expected answers written out here rather than read from the code
 * under test.
 */

#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "date.h"
#include "fixture.h"
#include "policy.h"
#include "rec.h"
#include "report-count.h"
#include "report.h"
#include "store.h"
#include "tap.h"
#include "xmalloc.h"

#define OFFICE	"UBND xã Tân Phú"
#define T0	1700000000	/* the clock of the pure tests */
#define HOUR	3600

static struct store	*s;
static struct formset	 fs;
static char		*dir;
static long		 number;

/* An entry of clerk user in state st, typed at created. */
static struct rec *
entry(const char *user, enum rec_state st, int64_t created)
{
	struct rec	*r;
	char		 buf[32];

	r = rec_new("ks");
	free(r->user);
	r->user = xstrdup(user);
	r->state = st;
	r->created = created;
	r->id = 42;
	rec_set(r, "co_quan_dang_ky", OFFICE, FS_OK);
	rec_set(r, "nam_dang_ky", "2024", FS_OK);
	rec_set(r, "quyen_so", "01", FS_OK);
	snprintf(buf, sizeof buf, "%ld", ++number);
	rec_set(r, "so", buf, FS_OK);
	rec_set(r, "ngay_dang_ky", "05/03/2024", FS_OK);
	rec_set(r, "nks_ho_ten", "Nguyễn Văn An", FS_OK);
	rec_set(r, "nks_ngay_sinh", "01/03/2024", FS_OK);
	rec_set(r, "nks_gioi_tinh", "1", FS_OK);
	return (r);
}

static enum policy_answer
correct(const struct actor *a, const struct rec *r, const char *why,
    int64_t now, const struct policy_settings *set)
{
	enum policy_answer	 pa;
	char			*cause = NULL;

	pa = policy_correct(a, r, why, now, set, &cause);
	free(cause);
	return (pa);
}

static enum policy_answer
move(const struct actor *a, const struct rec *r, enum rec_state to,
    const char *why, int rekey)
{
	enum policy_answer	 pa;
	char			*cause = NULL;

	pa = policy_move(a, r, to, why, rekey, &cause);
	free(cause);
	return (pa);
}

static void
pure(void)
{
	struct actor		 lan = { "lan", ROLE_CLERK, 0 };
	struct actor		 minh = { "minh", ROLE_CLERK, 0 };
	struct actor		 hoa = { "hoa", ROLE_REVIEWER, 0 };
	struct actor		 sup = { "giamsat", ROLE_SUPERVISOR, 0 };
	struct actor		 adm = { "quantri", ROLE_ADMIN, 0 };
	struct actor		 open = { "", ROLE_CLERK, 1 };
	struct policy_settings	 set;
	struct policy_errors	 e;
	struct rec		*r;
	char			*cause, path[256], *root;
	u_int			 i, n;

	policy_defaults(&set);
	r = entry("lan", RS_ENTERED, T0);
	ok(correct(&lan, r, NULL, T0 + HOUR, &set) == PA_OK,
	    "a clerk fixes their own entry an hour later without a reason");
	ok(correct(&lan, r, NULL, T0 + 24 * HOUR - 1, &set) == PA_OK,
	    "and a second before 24 hours");
	ok(correct(&lan, r, NULL, T0 + 24 * HOUR, &set) == PA_NEED_REASON,
	    "at 24 hours a reason is needed");
	ok(correct(&lan, r, "sai ngày sinh", T0 + 48 * HOUR, &set) == PA_OK,
	    "and with one the correction is allowed");
	ok(correct(&lan, r, NULL, T0 - HOUR, &set) == PA_NEED_REASON,
	    "a clock set back gives no free window");
	ok(correct(&minh, r, NULL, T0 + 60, &set) == PA_NEED_REASON,
	    "another clerk's entry needs a reason at once");
	ok(policy_setting_set(&set, "grace-hours", "2", &cause) == 0 &&
	    correct(&lan, r, NULL, T0 + 2 * HOUR - 1, &set) == PA_OK &&
	    correct(&lan, r, NULL, T0 + 2 * HOUR, &set) == PA_NEED_REASON,
	    "the window is configurable: 2 hours");
	ok(correct(&adm, r, "x", T0, &set) == PA_REFUSED,
	    "an administrator corrects no entry");
	ok(correct(&open, r, NULL, T0, &set) == PA_NEED_REASON,
	    "without accounts the window still applies to others' entries");
	r->state = RS_VERIFIED;
	ok(correct(&lan, r, NULL, T0 + 60, &set) == PA_NEED_REASON,
	    "a verified entry needs a reason even within the window");
	r->state = RS_APPROVED;
	ok(correct(&sup, r, "lý do", T0 + 60, &set) == PA_REFUSED,
	    "an approved entry is refused even with a reason");

	r->state = RS_ENTERED;
	ok(move(&lan, r, RS_VERIFIED, NULL, 1) == PA_REFUSED,
	    "a clerk verifies nothing");
	ok(move(&hoa, r, RS_VERIFIED, NULL, 0) == PA_OK,
	    "a reviewer verifies another's entry");
	ok(move(&hoa, r, RS_VERIFIED, NULL, 2) == PA_REFUSED &&
	    move(&hoa, r, RS_VERIFIED, NULL, 3) == PA_OK,
	    "one the sample picks only by re-keying it");
	free(r->user);
	r->user = xstrdup("hoa");
	ok(move(&hoa, r, RS_VERIFIED, NULL, 1) == PA_REFUSED,
	    "nobody verifies their own entry");
	ok(move(&sup, r, RS_APPROVED, NULL, 0) == PA_REFUSED,
	    "an entry not verified is not approved");
	r->state = RS_VERIFIED;
	ok(move(&hoa, r, RS_APPROVED, NULL, 0) == PA_REFUSED &&
	    move(&sup, r, RS_APPROVED, NULL, 0) == PA_OK,
	    "a supervisor approves a verified entry, a reviewer does not");
	r->state = RS_APPROVED;
	ok(move(&sup, r, RS_ENTERED, NULL, 0) == PA_NEED_REASON &&
	    move(&sup, r, RS_ENTERED, "", 0) == PA_NEED_REASON,
	    "an unlock needs a reason");
	ok(move(&sup, r, RS_ENTERED, "huyện cho phép", 0) == PA_OK &&
	    move(&hoa, r, RS_ENTERED, "x", 0) == PA_REFUSED,
	    "a supervisor unlocks with one; a reviewer cannot");
	rec_free(r);

	policy_defaults(&set);
	for (i = 1, n = 0; i <= 10000; i++)
		n += policy_sampled(i, &set);
	ok(n > 900 && n < 1100, "the sample is about 10%% of ids (%u)", n);
	for (i = 1, n = 0; i <= 100; i++)
		n += policy_sampled(i, &set) == policy_sampled(i, &set);
	ok(n == 100, "and the same every time");
	set.rate = 0;
	for (i = 1, n = 0; i <= 1000; i++)
		n += policy_sampled(i, &set);
	ok(n == 0, "a rate of 0 samples nothing");
	set.rate = 100;
	for (i = 1, n = 0; i <= 1000; i++)
		n += policy_sampled(i, &set);
	ok(n == 1000, "a rate of 100 samples everything");
	policy_defaults(&set);
	e.checked = 19;
	e.wrong = 19;
	ok(!policy_high(&e, &set), "19 entries checked are too few to judge");
	e.checked = 20;
	e.wrong = 2;
	ok(policy_high(&e, &set), "2 wrong of 20 is above 5%%");
	e.checked = 100;
	e.wrong = 5;
	ok(!policy_high(&e, &set), "5 of 100 is not above 5%%");

	ok(policy_setting_set(&set, "verify-rate", "101", &cause) == -1 &&
	    strstr(cause, "verify-rate") != NULL,
	    "a rate over 100 is refused, naming the setting");
	free(cause);
	ok(policy_setting_set(&set, "grace-hours", "2h", &cause) == -1,
	    "hours are a number");
	free(cause);
	ok(policy_setting_set(&set, "colour", "1", &cause) == -1 &&
	    strstr(cause, "colour") != NULL, "an unknown setting is refused");
	free(cause);
	ok(policy_setting_set(&set, "export-dir", "xuat", &cause) == -1,
	    "the export folder is an absolute path");
	free(cause);

	xasprintf(&root, "/tmp/policy-t.%ld", (long)getpid());
	mkdir(root, 0700);
	snprintf(path, sizeof path, "%s/out", root);
	mkdir(path, 0700);
	ok(policy_path_ok(&set, "/etc/passwd", &cause) == 0,
	    "without an export folder any path goes");
	snprintf(path, sizeof path, "%s/out", root);
	policy_setting_set(&set, "export-dir", path, &cause);
	snprintf(path, sizeof path, "%s/out/so.csv", root);
	ok(policy_path_ok(&set, path, &cause) == 0, "a file in the folder");
	snprintf(path, sizeof path, "%s/out/../so.csv", root);
	ok(policy_path_ok(&set, path, &cause) == -1 &&
	    strstr(cause, "only in") != NULL, "not one out of it through ..");
	free(cause);
	ok(policy_path_ok(&set, "/etc/cron.d/x", &cause) == -1,
	    "nor elsewhere");
	free(cause);
	snprintf(path, sizeof path, "%s/out/link", root);
	symlink("/etc/passwd", path);
	ok(policy_path_ok(&set, path, &cause) == -1 &&
	    strstr(cause, "symbolic") != NULL, "nor through a symbolic link");
	free(cause);
	unlink(path);
	snprintf(path, sizeof path, "%s/out", root);
	rmdir(path);
	rmdir(root);
	free(root);
	policy_settings_free(&set);
}

/* Log in as name (an account of the store). */
static void
login(const char *name)
{
	struct account	*a;
	char		*cause;

	if (store_user_get(s, name, &a, &cause) != 0)
		bail("no account %s", name);
	store_login(s, a);
	account_free(a);
}

/* A new entry of lan's, in state st, made by the roles that may. */
static uint64_t
fresh(enum rec_state st)
{
	struct rec	*r;
	uint64_t	 id;
	char		*cause;

	login("lan");
	r = entry("lan", RS_ENTERED, 0);
	r->id = 0;
	id = fixture_save(s, r);
	if (st >= RS_VERIFIED) {
		login("hoa");
		if (store_move(s, &id, 1, RS_VERIFIED, NULL, &cause) != 0)
			bail("verify: %s", cause);
	}
	if (st >= RS_APPROVED) {
		login("giamsat");
		if (store_move(s, &id, 1, RS_APPROVED, NULL, &cause) != 0)
			bail("approve: %s", cause);
	}
	return (id);
}

static int
audit_cb(const struct store_audit_entry *e, void *arg)
{
	(void)e;
	(void)arg;
	return (1);
}

enum op {
	OP_TYPE, OP_CORRECT, OP_FLAG, OP_RESOLVE, OP_VERIFY, OP_APPROVE,
	OP_UNLOCK, OP_DELETE, OP_REPORT, OP_ACCOUNTS, OP_BACKUP, OP_AUDIT,
	OP_SETTINGS, OP_COUNT
};
static const char *op_names[OP_COUNT] = {
	"type", "correct", "flag", "resolve", "verify", "approve", "unlock",
	"delete", "report", "accounts", "backup", "audit", "settings"
};

/* Try op as name: 1 if the store allowed it, 0 if it refused. */
static int
try(const char *name, enum op op)
{
	struct store_pair	 sp;
	struct report_query	 q;
	struct report		*rep;
	struct account		*a;
	struct rec		*r;
	uint64_t		 id = 0, id2 = 0;
	char			*cause = NULL, path[256], acct[32];
	static int		 seq;
	int			 ret;

	/* What the operation works on, made by those who may. */
	switch (op) {
	case OP_CORRECT:
	case OP_VERIFY:
	case OP_FLAG:
	case OP_RESOLVE:
	case OP_DELETE:
		id = fresh(RS_ENTERED);
		id2 = fresh(RS_ENTERED);
		break;
	case OP_APPROVE:
		id = fresh(RS_VERIFIED);
		break;
	case OP_UNLOCK:
		id = fresh(RS_APPROVED);
		break;
	default:
		id = id2 = 0;
		break;
	}
	login(name);
	memset(&sp, 0, sizeof sp);
	sp.a = id;
	sp.b = id2;
	sp.score = 0.9;
	sp.reason = (char *)"test";
	switch (op) {
	case OP_TYPE:
		r = entry(name, RS_ENTERED, 0);
		r->id = 0;
		ret = store_write(s, &r, 1, 0, &id, &cause);
		rec_free(r);
		break;
	case OP_CORRECT:
		store_get(s, id, &r, &cause);
		rec_set(r, "nks_ho_ten", "Nguyễn Văn Ân", FS_OK);
		ret = store_correct(s, r, 0, "sổ ghi Ân", &cause);
		rec_free(r);
		break;
	case OP_FLAG:
		sp.decision = (char *)PAIR_OPEN;
		ret = store_pair_put(s, &sp, name, &cause);
		break;
	case OP_RESOLVE:
		sp.decision = (char *)PAIR_NOT_DUPLICATE;
		ret = store_pair_put(s, &sp, name, &cause);
		break;
	case OP_VERIFY:
		ret = store_move(s, &id, 1, RS_VERIFIED, NULL, &cause);
		break;
	case OP_APPROVE:
		ret = store_move(s, &id, 1, RS_APPROVED, NULL, &cause);
		break;
	case OP_UNLOCK:
		ret = store_move(s, &id, 1, RS_ENTERED, "sai tên", &cause);
		break;
	case OP_DELETE:
		ret = store_delete(s, id, name, "typed twice", &cause);
		break;
	case OP_REPORT:
		memset(&q, 0, sizeof q);
		q.from = 0;
		q.to = 1000000;
		q.views = RV_EVENTS;
		q.period = "test";
		ret = report_count(s, &fs, &q, &rep, &cause);
		if (ret == 0)
			report_free(rep);
		break;
	case OP_ACCOUNTS:
		snprintf(acct, sizeof acct, "moi%d", ++seq);
		a = account_new(acct, ROLE_CLERK);
		account_set_password(a, "mật khẩu dài", &cause);
		ret = store_user_put(s, a, name, "add", &cause);
		account_free(a);
		break;
	case OP_BACKUP:
		snprintf(path, sizeof path, "%s.bak%d", dir, ++seq);
		ret = store_backup(s, path, &cause);
		if (ret == 0)
			fixture_rmdir(path);
		break;
	case OP_AUDIT:
		ret = store_audit_each(s, audit_cb, NULL, &cause);
		break;
	case OP_SETTINGS:
		ret = store_setting_put(s, "grace-hours", "24", &cause);
		break;
	default:
		ret = -1;
	}
	if (ret != 0 && cause == NULL)
		diag("%s %s: refused without a cause", name, op_names[op]);
	free(cause);
	return (ret == 0);
}

static void
matrix(void)
{
	/* What each role may do, as the issue sets it out. */
	static const struct {
		const char	*name;
		const char	*may;	/* one letter per op: y or n */
	} roles[] = {
		{ "lan",	"yyynnnnnnnnnn" },	/* clerk */
		{ "hoa",	"yyyyynnynnnnn" },	/* reviewer */
		{ "giamsat",	"yyyyyyyyynnyn" },	/* supervisor */
		{ "quantri",	"nnnnnnnnnyyyy" },	/* admin */
	};
	static const struct {
		const char	*name;
		enum role	 role;
	} accounts[] = {
		{ "quantri", ROLE_ADMIN }, { "lan", ROLE_CLERK },
		{ "hoa", ROLE_REVIEWER }, { "giamsat", ROLE_SUPERVISOR }
	};
	struct account	*a;
	struct rec	*r;
	uint64_t	 id;
	char		*cause, got[OP_COUNT + 1];
	size_t		 i;
	int		 k;

	fixture_formset(&fs);
	s = fixture_store("policy-t", OFFICE, &fs, &dir);
	ok(store_is_open(s), "a new database has no account: it is open");
	for (i = 0; i < sizeof accounts / sizeof accounts[0]; i++) {
		a = account_new(accounts[i].name, accounts[i].role);
		if (account_set_password(a, "mật khẩu dài", &cause) != 0 ||
		    store_user_put(s, a, "setup", "add", &cause) != 0)
			bail("account: %s", cause);
		account_free(a);
		if (i == 0) {
			ok(!store_is_open(s), "the first account closes it");
			login("quantri");
		}
	}
	store_login(s, NULL);
	r = entry("x", RS_ENTERED, 0);
	r->id = 0;
	ok(store_write(s, &r, 1, 0, &id, &cause) == -1 &&
	    strstr(cause, "nobody is logged in") != NULL,
	    "once accounts exist, nobody logged in types nothing");
	free(cause);
	rec_free(r);
	login("quantri");
	if (store_setting_put(s, "verify-rate", "0", &cause) != 0)
		bail("setting: %s", cause);

	for (i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		for (k = 0; k < OP_COUNT; k++)
			got[k] = try(roles[i].name, (enum op)k) ? 'y' : 'n';
		got[OP_COUNT] = '\0';
		is_string(got, roles[i].may, "%s: %s", roles[i].name,
		    "type correct flag resolve verify approve unlock delete "
		    "report accounts backup audit settings");
	}
}

/* The audit detail of the last entry of the log. */
static int
last_cb(const struct store_audit_entry *e, void *arg)
{
	char	**d = arg;

	free(*d);
	xasprintf(d, "%s %s %s", e->user, e->op, e->detail);
	return (0);
}

static char *
last_audit(void)
{
	char	*d = NULL, *cause;

	login("giamsat");
	if (store_audit_each(s, last_cb, &d, &cause) != 0)
		bail("audit: %s", cause);
	return (d);
}

/* Value col of row key of table key of rep, or -2 if there is none. */
static double
cell(const struct report *rep, const char *table, const char *row,
    const char *col)
{
	const struct report_table	*t;
	size_t				 i, j, k;

	for (i = 0; i < rep->ntables; i++) {
		t = &rep->tables[i];
		if (strcmp(t->key, table) != 0)
			continue;
		for (j = 0; j < t->nrows; j++) {
			if (strcmp(t->rows[j].key, row) != 0)
				continue;
			for (k = 0; k < t->ncols; k++)
				if (strcmp(t->cols[k].key, col) == 0)
					return (t->rows[j].v[k]);
		}
	}
	return (-2);
}

/* The work view of today, after hoa re-keyed one of lan's entries. */
static void
work_view(void)
{
	struct report_query	 q;
	struct report		*rep;
	struct tm		 tm;
	time_t			 now = time(NULL);
	char			*cause;

	login("giamsat");
	localtime_r(&now, &tm);
	memset(&q, 0, sizeof q);
	q.from = q.to = date_daynum(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
	q.views = RV_WORK;
	q.period = "test";
	if (report_count(s, &fs, &q, &rep, &cause) != 0)
		bail("report: %s", cause);
	ok(cell(rep, "review_by_clerk", "lan", "rekeyed") == 1 &&
	    cell(rep, "review_by_clerk", "lan", "with_error") == 1 &&
	    cell(rep, "review_by_clerk", "lan", "fields") == 9 &&
	    cell(rep, "review_by_clerk", "lan", "fields_wrong") == 1,
	    "the report: lan's entry re-keyed, one field of nine wrong");
	ok(cell(rep, "review_by_clerk", "lan", "verified") >= 1 &&
	    cell(rep, "review_by_clerk", "lan", "approved") >= 1 &&
	    cell(rep, "review_by_clerk", "lan", "entered") >= 1,
	    "lan's entries typed today, by state: entered, verified, "
	    "approved");
	ok(cell(rep, "review_by_verifier", "hoa", "rekeyed") == 1 &&
	    cell(rep, "review_by_verifier", "hoa", "verifier_wrong") == 0,
	    "hoa re-keyed one, and got nothing wrong");
	ok(cell(rep, "review_by_field", "nks_ho_ten", "keyer_wrong") == 1,
	    "the name is the field found wrong");
	report_free(rep);
}

static void
review(void)
{
	struct store_verif	 v;
	struct verif_diff	 d;
	struct store_verif	*got;
	struct policy_errors	 e;
	struct rec		*r;
	uint64_t		 id, old;
	char			*cause, *detail;
	int			 ret;

	/* An entry typed 25 hours ago. */
	login("lan");
	r = entry("lan", RS_ENTERED, (int64_t)time(NULL) - 25 * HOUR);
	r->id = 0;
	old = fixture_save(s, r);
	store_get(s, old, &r, &cause);
	rec_set(r, "nks_ngay_sinh", "11/03/2024", FS_OK);
	ret = store_write(s, &r, 1, 0, &id, &cause);
	ok(ret == 1 && strstr(cause, "25") == NULL &&
	    strstr(cause, "hours ago") != NULL,
	    "the store asks a reason for a correction after 24 hours");
	free(cause);
	ret = store_correct(s, r, 0, "sổ ghi ngày 11", &cause);
	ok(ret == 0 && r->state == RS_ENTERED, "and takes it with one");
	rec_free(r);
	detail = last_audit();
	ok(strstr(detail, "lan update ") == detail &&
	    strstr(detail, "nks_ngay_sinh: \"01/03/2024\" -> \"11/03/2024\"")
	    != NULL && strstr(detail, "reason: \"sổ ghi ngày 11\"") != NULL,
	    "the log has who, the field, old -> new, and the reason");
	diag("%s", detail);
	free(detail);

	/* A fresh entry: the clerk fixes it freely. */
	id = fresh(RS_ENTERED);
	store_get(s, id, &r, &cause);
	rec_set(r, "nks_gioi_tinh", "2", FS_OK);
	ok(store_write(s, &r, 1, 0, &id, &cause) == 0,
	    "within the window the clerk corrects without a reason");
	rec_free(r);

	/* Re-keyed blind by hoa: the clerk got the name wrong. */
	login("hoa");
	store_get(s, id, &r, &cause);
	rec_set(r, "nks_ho_ten", "Nguyễn Văn Ánh", FS_OK);
	memset(&v, 0, sizeof v);
	v.compared = 9;
	d.key = (char *)"nks_ho_ten";
	d.keyer = 1;
	d.verifier = 0;
	v.diffs = &d;
	v.ndiffs = 1;
	ok(store_verify(s, r, &v, &cause) == 0 && r->state == RS_VERIFIED,
	    "a verification by re-keying");
	rec_free(r);
	store_get(s, id, &r, &cause);
	ok(r->state == RS_VERIFIED && strcmp(r->user, "lan") == 0 &&
	    strcmp(rec_value(r, "nks_ho_ten"), "Nguyễn Văn Ánh") == 0,
	    "verified, still lan's, with the name the reviewer decided");
	rec_free(r);
	ok(store_verif_get(s, id, &got, &cause) == 0 &&
	    strcmp(got->clerk, "lan") == 0 &&
	    strcmp(got->verifier, "hoa") == 0 && got->compared == 9 &&
	    got->ndiffs == 1 && got->diffs[0].keyer &&
	    !got->diffs[0].verifier, "what was compared is kept");
	store_verif_free(got);
	ok(store_errors(s, "lan", &e, &cause) == 0 && e.checked == 1 &&
	    e.wrong == 1, "and counts against lan: 1 checked, 1 wrong");
	detail = last_audit();
	ok(strstr(detail, "hoa verify ") == detail &&
	    strstr(detail, "nks_ho_ten (keyer)") != NULL,
	    "the log has the verification");
	free(detail);
	work_view();

	login("giamsat");
	ok(store_move(s, &id, 1, RS_APPROVED, NULL, &cause) == 0,
	    "approved");
	login("lan");
	store_get(s, id, &r, &cause);
	rec_set(r, "nks_ho_ten", "Nguyễn Văn Anh", FS_OK);
	ok(store_correct(s, r, 0, "lý do", &cause) == -1 &&
	    strstr(cause, "unlock") != NULL,
	    "an approved entry is not corrected, even with a reason");
	free(cause);
	login("hoa");
	ok(store_delete(s, id, "hoa", "x", &cause) == -1,
	    "nor deleted");
	free(cause);
	login("giamsat");
	ok(store_move(s, &id, 1, RS_ENTERED, NULL, &cause) == 1,
	    "an unlock without a reason asks for one");
	free(cause);
	ok(store_move(s, &id, 1, RS_ENTERED, "huyện duyệt", &cause) == 0,
	    "with one, the entry is unlocked");
	login("lan");
	ok(store_correct(s, r, 0, "sổ ghi Anh", &cause) == 0,
	    "and can be corrected again, with a reason");
	rec_free(r);

	/* Sampled entries need re-keying. */
	login("quantri");
	store_setting_put(s, "verify-rate", "100", &cause);
	id = fresh(RS_ENTERED);
	login("hoa");
	ok(store_move(s, &id, 1, RS_VERIFIED, NULL, &cause) == -1 &&
	    strstr(cause, "re-key") != NULL,
	    "an entry in the sample is not verified without re-keying");
	free(cause);
}

int
main(void)
{
	pure();
	matrix();
	review();
	store_close(s);
	fixture_rmdir(dir);
	free(dir);
	formset_free(&fs);
	return (done_testing());
}
