/*
 * cmd-audit.c: "hotich audit": the audit log, oldest first, a line an
 * entry: its number, when, who, what and to what
 *
 *	SEQ<TAB>YYYY-MM-DD HH:MM:SS<TAB>USER<TAB>OP<TAB>DETAIL
 *
 * chosen by the record it names (--record), the user (--user) or a first
 * day (--since). "hotich check" verifies the log's hash chain.
 */

#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "date.h"
#include "i18n.h"
#include "store.h"
#include "xmalloc.h"

static int	cmd_audit_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_audit_entry = {
	.name = "audit",
	.usage = "[--record ID] [--user NAME] [--since DATE]",
	.summary = N_("show the audit log"),
	.exec = cmd_audit_exec
};

struct audit_filter {
	uint64_t	 record;	/* 0: any */
	const char	*user;		/* NULL: any */
	int64_t		 since;		/* 0: any */
	u_long		 shown;
};

/*
 * Whether the id ranges at the start of s ("1-40,57 ...") hold id: the
 * detail of a record's entry.
 */
static int
ranges_hold(const char *s, uint64_t id)
{
	unsigned long long	 lo, hi;
	char			*end;

	for (;;) {
		errno = 0;
		lo = strtoull(s, &end, 10);
		if (end == s || errno != 0)
			return (0);
		hi = lo;
		if (*end == '-') {
			s = end + 1;
			hi = strtoull(s, &end, 10);
			if (end == s)
				return (0);
		}
		if (id >= lo && id <= hi)
			return (1);
		if (*end != ',')
			return (0);
		s = end + 1;
	}
}

/* Whether entry e names record id. */
static int
names_record(const struct store_audit_entry *e, uint64_t id)
{
	const char	*sp;

	if (strcmp(e->op, "add") == 0 || strcmp(e->op, "update") == 0 ||
	    strcmp(e->op, "delete") == 0 || strcmp(e->op, "verify") == 0 ||
	    strcmp(e->op, "approve") == 0 || strcmp(e->op, "unlock") == 0)
		return (ranges_hold(e->detail, id));
	if (strcmp(e->op, "pair") == 0) {
		if (ranges_hold(e->detail, id))
			return (1);
		return ((sp = strchr(e->detail, ' ')) != NULL &&
		    ranges_hold(sp + 1, id));
	}
	return (0);
}

static int
audit_cb(const struct store_audit_entry *e, void *arg)
{
	struct audit_filter	*af = arg;
	struct tm		 tm;
	time_t			 t = (time_t)e->when;
	char			 when[32];

	if ((af->user != NULL && strcmp(e->user, af->user) != 0) ||
	    e->when < af->since ||
	    (af->record != 0 && !names_record(e, af->record)))
		return (0);
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	printf("%llu\t%s\t%s\t%s\t%s\n", (unsigned long long)e->seq, when,
	    e->user, e->op, e->detail);
	af->shown++;
	return (0);
}

static int
cmd_audit_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "record", required_argument, NULL, 'r' },
		{ "user", required_argument, NULL, 'u' },
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct audit_filter	 af;
	struct formset		 fs;
	struct store		*s;
	struct vdate		 d;
	char			*cause, *end;
	long			 lo, hi;
	int			 ch, status;

	memset(&af, 0, sizeof af);
	optind = 0;
	while ((ch = getopt_long(argc + 1, argv - 1, "+", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'r':
			errno = 0;
			af.record = strtoull(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || af.record == 0 ||
			    *optarg == '-') {
				fprintf(stderr, _("hotich: --record takes an "
				    "entry's id\n"));
				goto usage;
			}
			break;
		case 'u':
			af.user = optarg;
			break;
		case 's':
			if (date_parse(optarg, &d, NULL) != 0) {
				fprintf(stderr, _("hotich: --since takes a "
				    "date: dd/mm/yyyy, mm/yyyy or yyyy\n"));
				goto usage;
			}
			date_range(&d, &lo, &hi);
			af.since = (int64_t)date_day_start(lo);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc + 1)
		goto usage;

	/* The forms too: opening may rebuild the indexes. */
	cmd_load_forms(ctx, &fs);
	if ((status = cmd_open_as(ctx, &fs, 0, ACT_AUDIT, &s)) != EXIT_OK) {
		formset_free(&fs);
		return (status);
	}
	if (store_audit_each(s, audit_cb, &af, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		status = EXIT_DB;
	}
	store_close(s);
	formset_free(&fs);
	return (status);

usage:
	fprintf(stderr, _("usage: hotich %s %s\n"), cmd_audit_entry.name,
	    cmd_audit_entry.usage);
	return (EXIT_USAGE);
}
