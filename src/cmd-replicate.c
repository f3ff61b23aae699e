/*
 * cmd-replicate.c: "hotich replicate" and "hotich promote": a commune's
 * database copied to the district as it is typed, by Berkeley DB's
 * Replication Manager (store_replicate).
 *
 *	replicate [--listen HOST:PORT] [--peer HOST:PORT] [--replica]
 *	    [--encrypt]
 *	replicate --status [--format text|tsv] [DIR...]
 *	promote [--listen HOST:PORT]
 *
 * The settings go into the database's "replication" file, so a service
 * restarts with a bare "hotich --db DIR replicate". The command
 * supervises a child that runs the replication: when the environment is
 * recovered under it (a clerk's process was killed), the child exits and
 * a new one starts. The child writes "replication.status" in the
 * database directory once a second; --status reads those files.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "xmalloc.h"

#define STATUS_FILE	"replication.status"
#define STATUS_STALE	10	/* seconds without an update: stopped */
#define RESTART_STATUS	75	/* the child's exit: start it again */
#define CRASH_MAX	3	/* crashes in a row before giving up */
#define CRASH_SPAN	60	/* seconds: a crash later than this is new */

static int	cmd_replicate_exec(struct cmd_ctx *, int, char **);
static int	cmd_promote_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_replicate_entry = {
	.name = "replicate",
	.usage = "[--listen HOST:PORT] [--peer HOST:PORT] [--replica "
	    "[--encrypt]] | --status [--format text|tsv] [DIR...]",
	.summary = N_("copy a commune's database to the district as it "
	    "changes"),
	.exec = cmd_replicate_exec
};

const struct cmd_entry cmd_promote_entry = {
	.name = "promote",
	.usage = "[--listen HOST:PORT]",
	.summary = N_("turn a replica into the commune's database"),
	.exec = cmd_promote_exec
};

/* What the status file of a database says. */
struct repstatus {
	long			 pid;
	int64_t			 updated;
	struct store_repstat	 st;
};

static volatile sig_atomic_t	got_stop;
static volatile int		stop_flag;

static void
on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
	stop_flag = 1;
}

static void
catch_stop(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static char *
status_path(const char *dir)
{
	char	*path;

	xasprintf(&path, "%s/%s", dir, STATUS_FILE);
	return (path);
}

/* Read the status file of dir into rs. Returns 0, or -1 if there is none. */
static int
status_read(const char *dir, struct repstatus *rs)
{
	FILE		*f;
	char		*path, line[256];
	long long	 a, b, c;

	memset(rs, 0, sizeof *rs);
	path = status_path(dir);
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "pid %lld", &a) == 1)
			rs->pid = (long)a;
		else if (sscanf(line, "updated %lld", &a) == 1)
			rs->updated = a;
		else if (strcmp(line, "role replica\n") == 0)
			rs->st.replica = 1;
		else if (sscanf(line, "connected %lld since %lld", &a,
		    &b) == 2) {
			rs->st.connected = (int)a;
			rs->st.since = b;
		} else if (sscanf(line, "ready %lld", &a) == 1)
			rs->st.ready = (int)a;
		else if (sscanf(line, "log %lld/%lld", &a, &b) == 2) {
			rs->st.log_file = (uint32_t)a;
			rs->st.log_offset = (uint32_t)b;
		} else if (sscanf(line, "received %lld at %lld", &a,
		    &b) == 2) {
			rs->st.received = (u_long)a;
			rs->st.received_at = b;
		} else if (sscanf(line, "clock %lld log %lld/%lld", &a, &b,
		    &c) == 3) {
			rs->st.clock = a;
			rs->st.clock_file = (uint32_t)b;
			rs->st.clock_offset = (uint32_t)c;
		}
	}
	fclose(f);
	return (0);
}

/* The child's callback: write the status file (not synced: advisory). */
static void
status_write(const struct store_repstat *st, void *arg)
{
	const char	*dir = arg;
	char		*path, *tmp;
	FILE		*f;

	path = status_path(dir);
	xasprintf(&tmp, "%s.tmp", path);
	if ((f = fopen(tmp, "w")) != NULL) {
		fprintf(f, "pid %ld\nupdated %lld\nrole %s\n"
		    "connected %d since %lld\nready %d\nlog %u/%u\n"
		    "received %lu at %lld\nclock %lld log %u/%u\n",
		    (long)getpid(), (long long)time(NULL),
		    st->replica ? "replica" : "master", st->connected,
		    (long long)st->since, st->ready, st->log_file,
		    st->log_offset, st->received, (long long)st->received_at,
		    (long long)st->clock, st->clock_file, st->clock_offset);
		if (fclose(f) == 0)
			(void)rename(tmp, path);
		else
			unlink(tmp);
	}
	free(tmp);
	free(path);
}

/* Whether the status rs is from a replication process running now. */
static int
status_live(const struct repstatus *rs)
{
	if (rs->pid <= 0 || (kill((pid_t)rs->pid, 0) != 0 && errno == ESRCH))
		return (0);
	return (time(NULL) - rs->updated <= STATUS_STALE);
}

static void
clock_text(int64_t t, char *buf, size_t len)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (t == 0 || localtime_r(&tt, &tm) == NULL)
		snprintf(buf, len, "-");
	else
		strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
}

/* One line of replicate --status. */
static void
status_show(const char *dir, int tsv)
{
	/* The states: their names in the TSV, and as said. */
	static const char	*states[][2] = {
		{ "never-run", N_("never run") },
		{ "stopped", N_("stopped") },
		{ "copying", N_("copying") },
		{ "waiting", N_("waiting") },
		{ "connected", N_("connected") },
		{ "disconnected", N_("disconnected") }
	};
	struct repstatus	 rs;
	char			 since[32], got[32], clock[32];
	long long		 lag = -1;
	int			 state;

	if (status_read(dir, &rs) != 0)
		state = 0;
	else if (!status_live(&rs))
		state = 1;
	else if (rs.st.replica && !rs.st.ready)
		state = rs.st.connected ? 2 : 3;
	else
		state = rs.st.connected ? 4 : 5;
	if (rs.st.replica && rs.st.clock != 0)
		lag = (long long)(time(NULL) - rs.st.clock);
	if (tsv) {
		printf("%s\t%s\t%s\t%d\t%lld\t%u/%u\t%lu\t%lld\t%lld\t%lld\n",
		    dir, rs.st.replica ? "replica" : "master", states[state][0],
		    rs.st.connected, (long long)rs.st.since,
		    rs.st.log_file, rs.st.log_offset, rs.st.received,
		    (long long)rs.st.received_at, (long long)rs.st.clock,
		    lag);
		return;
	}
	clock_text(rs.st.since, since, sizeof since);
	clock_text(rs.st.received_at, got, sizeof got);
	clock_text(rs.st.clock, clock, sizeof clock);
	printf("%s\n", dir);
	printf(_("  %-9s %s since %s\n"), rs.st.replica ? _("replica") :
	    _("commune"), _(states[state][1]), since);
	printf(_("  log end %u/%u"), rs.st.log_file, rs.st.log_offset);
	if (rs.st.replica)
		printf(_("; %lu log records received, the last at %s"),
		    rs.st.received, got);
	printf("\n");
	if (rs.st.replica && lag >= 0)
		printf(_("  in step with the commune as of %s (%lld s ago)\n"),
		    clock, lag);
}

/*
 * The replication of dir died of signal sig n times in a row: say so,
 * and why it may be.
 */
static int
crashed(const char *dir, const struct store_repcfg *cfg, int sig, int n)
{
	if (n == 1)
		fprintf(stderr, _("hotich: %s: the replication stopped on "
		    "signal %d (%s)\n"), dir, sig, strsignal(sig));
	else
		fprintf(stderr, _("hotich: %s: the replication stopped %d "
		    "times in a row on signal %d (%s)\n"), dir, n, sig,
		    strsignal(sig));
	/* Berkeley DB 5.3 crashes copying encrypted pages to a plain one. */
	if (cfg->replica && !store_is_encrypted(dir))
		fprintf(stderr, _("hotich: %s: if the commune's database is "
		    "encrypted, make its replica with --encrypt (in a new "
		    "directory)\n"), dir);
	return (EXIT_DB);
}

/*
 * Run the replication in a child, again when it asks or is killed; until
 * stopped, or until it crashes CRASH_MAX times in a row (a replica that
 * never became ready: once).
 */
static int
supervise(const char *dir, const struct store_repcfg *cfg, const char *pass)
{
	struct store_repcfg	 fresh = *cfg;
	struct repstatus	 rs;
	pid_t			 pid;
	time_t			 started;
	char			*cause;
	int			 st, r, crash, crashes = 0, ready = 0;

	catch_stop();
	for (;;) {
		started = time(NULL);
		if ((pid = fork()) == -1) {
			fprintf(stderr, "hotich: fork: %s\n", strerror(errno));
			return (EXIT_DB);
		}
		if (pid == 0) {
			r = store_replicate(dir, pass, &fresh, &stop_flag,
			    status_write, (void *)dir, &cause);
			if (r == -1) {
				fprintf(stderr, "hotich: %s\n", cause);
				free(cause);
				_exit(EXIT_DB);
			}
			if (r == STORE_REP_RESTART && cause != NULL)
				fprintf(stderr, _("hotich: %s: starting again "
				    "after: %s\n"), dir, cause);
			_exit(r == STORE_REP_RESTART ? RESTART_STATUS :
			    EXIT_OK);
		}
		while (waitpid(pid, &st, 0) == -1) {
			if (errno != EINTR)
				return (EXIT_DB);
			if (got_stop)
				kill(pid, SIGTERM);
		}
		if (got_stop)
			return (EXIT_OK);
		if (status_read(dir, &rs) == 0) {
			/* Once it ran, the regions are the settings' own. */
			if (rs.st.since != 0)
				fresh.fresh = 0;
			if (rs.st.ready)
				ready = 1;
		}
		if (WIFEXITED(st) && WEXITSTATUS(st) != RESTART_STATUS)
			return (WEXITSTATUS(st));
		/*
		 * A replica that crashes before it was ever ready (held the
		 * commune's databases) while this ran will again: stop now.
		 */
		crash = WIFSIGNALED(st) && WTERMSIG(st) != SIGKILL;
		if (crash && cfg->replica && !ready)
			return (crashed(dir, cfg, WTERMSIG(st), 1));
		if (crash && time(NULL) - started < CRASH_SPAN) {
			if (++crashes == CRASH_MAX)
				return (crashed(dir, cfg, WTERMSIG(st),
				    crashes));
		} else
			crashes = 0;
		/* Recovered under it, or the master not reached yet. */
		sleep(2);
		if (got_stop)
			return (EXIT_OK);
	}
}

static int
replicate_status(struct cmd_ctx *ctx, int argc, char **argv, int tsv)
{
	char	*dir;
	int	 i;

	if (argc == 0) {
		dir = cmd_db_dir(ctx);
		status_show(dir, tsv);
		free(dir);
		return (EXIT_OK);
	}
	for (i = 0; i < argc; i++)
		status_show(argv[i], tsv);
	return (EXIT_OK);
}

static int
cmd_replicate_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "peer", required_argument, NULL, 'p' },
		{ "replica", no_argument, NULL, 'r' },
		{ "encrypt", no_argument, NULL, 'e' },
		{ "status", no_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_repcfg	 cfg, now;
	struct repstatus	 rs;
	const char		*listen = NULL, *peer = NULL, *format = NULL;
	char			*dir, *cause, *pass = NULL;
	int			 ch, replica = 0, encrypt = 0, status = 0;
	int			 r, have;

	optind = 0;
	while ((ch = getopt_long(argc + 1, argv - 1, "+", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'l':
			listen = optarg;
			break;
		case 'p':
			peer = optarg;
			break;
		case 'r':
			replica = 1;
			break;
		case 'e':
			encrypt = 1;
			break;
		case 's':
			status = 1;
			break;
		case 'f':
			format = optarg;
			break;
		default:
			goto usage;
		}
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (status) {
		if (listen != NULL || peer != NULL || replica || encrypt ||
		    (format != NULL && strcmp(format, "text") != 0 &&
		    strcmp(format, "tsv") != 0))
			goto usage;
		return (replicate_status(ctx, argc, argv, format != NULL &&
		    strcmp(format, "tsv") == 0));
	}
	if (argc != 0 || format != NULL || (encrypt && !replica))
		goto usage;

	dir = cmd_db_dir(ctx);
	memset(&cfg, 0, sizeof cfg);
	if ((have = store_repcfg_read(dir, &now, &cause)) == -1) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		free(dir);
		return (EXIT_DB);
	}
	if (listen == NULL && peer == NULL && !replica) {
		if (!have) {
			fprintf(stderr, _("hotich: %s is not replicated yet: "
			    "give --listen and --peer\n"), dir);
			free(dir);
			return (EXIT_USAGE);
		}
		cfg = now;
	} else {
		if (listen == NULL) {
			fprintf(stderr, _("hotich: replicate needs --listen "
			    "HOST:PORT\n"));
			store_repcfg_free(&now);
			free(dir);
			goto usage;
		}
		if (have && now.replica != replica) {
			fprintf(stderr, now.replica ?
			    _("hotich: %s is a replica: turn it into the "
			    "commune's database with \"hotich promote\"\n") :
			    _("hotich: %s is a commune's database, not a "
			    "replica\n"), dir);
			store_repcfg_free(&now);
			free(dir);
			return (EXIT_REFUSED);
		}
		cfg.replica = replica;
		cfg.listen = xstrdup(listen);
		cfg.peer = peer != NULL ? xstrdup(peer) : NULL;
		/* New settings: the regions must be made with them. */
		cfg.fresh = !have || strcmp(now.listen, cfg.listen) != 0 ||
		    (now.peer == NULL) != (cfg.peer == NULL) ||
		    (now.peer != NULL && strcmp(now.peer, cfg.peer) != 0);
		store_repcfg_free(&now);
	}
	if (cfg.replica && cfg.peer == NULL) {
		fprintf(stderr, _("hotich: a replica needs --peer, the "
		    "commune's HOST:PORT\n"));
		r = EXIT_USAGE;
		goto done;
	}
	if (status_read(dir, &rs) == 0 && status_live(&rs)) {
		fprintf(stderr, _("hotich: %s is being replicated already "
		    "(process %ld)\n"), dir, rs.pid);
		r = EXIT_REFUSED;
		goto done;
	}
	if (!store_exists(dir)) {
		if (!cfg.replica) {
			fprintf(stderr, _("hotich: %s: no database here (a "
			    "district's copy is made with --replica)\n"), dir);
			r = EXIT_DB;
			goto done;
		}
		if (encrypt && (pass = cmd_passphrase(1)) == NULL) {
			r = EXIT_DB;
			goto done;
		}
		if (store_replica_init(dir, pass, &cause) != 0) {
			fprintf(stderr, "hotich: %s\n", cause);
			free(cause);
			r = EXIT_DB;
			goto done;
		}
	} else if (store_is_encrypted(dir) &&
	    (pass = cmd_passphrase(0)) == NULL) {
		r = EXIT_DB;
		goto done;
	}
	if (store_repcfg_write(dir, &cfg, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		r = EXIT_DB;
		goto done;
	}
	fprintf(stderr, cfg.replica ?
	    _("hotich: %s: replica of %s, listening on %s\n") :
	    _("hotich: %s: the commune's database, to %s, listening on "
	    "%s\n"), dir, cfg.peer != NULL ? cfg.peer : "-", cfg.listen);
	r = supervise(dir, &cfg, pass);

done:
	if (pass != NULL) {
		explicit_bzero(pass, strlen(pass));
		free(pass);
	}
	store_repcfg_free(&cfg);
	free(dir);
	return (r);

usage:
	fprintf(stderr, _("usage: hotich %s %s\n"), cmd_replicate_entry.name,
	    cmd_replicate_entry.usage);
	return (EXIT_USAGE);
}

static int
cmd_promote_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	struct repstatus	 rs;
	struct store_repcfg	 cfg;
	const char		*listen = NULL;
	char			*dir, *cause = NULL, *pass = NULL;
	u_long			 n;
	int			 ch, r = EXIT_OK;

	optind = 0;
	while ((ch = getopt_long(argc + 1, argv - 1, "+", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'l':
			listen = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc + 1)
		goto usage;
	dir = cmd_db_dir(ctx);
	if (store_repcfg_read(dir, &cfg, &cause) != 1 || !cfg.replica) {
		fprintf(stderr, _("hotich: %s is not a replica: only a "
		    "district's copy is promoted\n"), dir);
		store_repcfg_free(&cfg);
		free(cause);
		free(dir);
		return (EXIT_REFUSED);
	}
	store_repcfg_free(&cfg);
	if (status_read(dir, &rs) == 0 && status_live(&rs)) {
		fprintf(stderr, _("hotich: %s is being replicated (process "
		    "%ld): stop it first\n"), dir, rs.pid);
		free(dir);
		return (EXIT_REFUSED);
	}
	if (store_exists(dir) && store_is_encrypted(dir) &&
	    (pass = cmd_passphrase(0)) == NULL) {
		free(dir);
		return (EXIT_DB);
	}
	if (store_promote(dir, pass, listen, &n, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		r = EXIT_DB;
		goto done;
	}
	if (store_repcfg_read(dir, &cfg, &cause) == 1) {
		printf(_("%s: now the commune's database, %lu entries; "
		    "\"hotich replicate\" listens on %s and sends to %s\n"),
		    dir, n, cfg.listen, cfg.peer != NULL ? cfg.peer : "-");
		store_repcfg_free(&cfg);
	}

done:
	if (pass != NULL) {
		explicit_bzero(pass, strlen(pass));
		free(pass);
	}
	free(dir);
	return (r);

usage:
	fprintf(stderr, _("usage: hotich %s %s\n"), cmd_promote_entry.name,
	    cmd_promote_entry.usage);
	return (EXIT_USAGE);
}
