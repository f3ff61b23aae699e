/*
 * store-rep.c: replication of the record store with Berkeley DB's
 * Replication Manager: the settings file, the replication process
 * (store_replicate), its status, and the promotion of a replica.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store-int.h"
#include "store.h"
#include "xmalloc.h"

/*
 * Replication. The commune's database is the master of its environment;
 * a district keeps one client environment per commune, fed by Berkeley
 * DB's Replication Manager: it ships the log, catches a client up after
 * an outage (from the log, or by copying the databases when the log is
 * gone) and keeps it transactionally consistent. The process running
 * store_replicate is the replication process; every other process
 * opening a replicated environment joins with DB_INIT_REP and sends
 * what it commits itself. Elections are off: a replica never becomes a
 * master by itself (store_promote does it on purpose), and the master
 * waits for no acknowledgement: the commune's commits are durable on its
 * own disk, whatever the link does.
 */

#define REP_FILE		"replication"
#define REP_CLOCK		"rep-clock"	/* meta: the master's clock */
#define REP_CLOCK_EVERY		10		/* seconds */
#define REP_RETRY		2000000		/* microseconds */
/*
 * The master says where its log ends once a second: a replica that
 * missed what a short-lived process sent (it exits before its connection
 * is up) asks for it within a second, not five.
 */
#define REP_HEARTBEAT		1000000
#define REP_HEARTBEAT_WAIT	15000000

/* Free what cfg holds. */
void
store_repcfg_free(struct store_repcfg *cfg)
{
	free(cfg->listen);
	free(cfg->peer);
	cfg->listen = cfg->peer = NULL;
}

/*
 * Split "HOST:PORT" (the last colon) into a host (free it) and a port.
 * Returns 0, or -1 if it is not one.
 */
static int
rep_address(const char *addr, char **host, u_int *port)
{
	const char	*colon;
	char		*end;
	unsigned long	 v;

	if (addr == NULL || (colon = strrchr(addr, ':')) == NULL ||
	    colon == addr || colon[1] == '\0')
		return (-1);
	errno = 0;
	v = strtoul(colon + 1, &end, 10);
	if (*end != '\0' || errno != 0 || v == 0 || v > 65535)
		return (-1);
	*host = xstrndup(addr, colon - addr);
	*port = (u_int)v;
	return (0);
}

/*
 * Read the replication settings of the database in dir into cfg (free
 * with store_repcfg_free). Returns 1 if it is replicated, 0 if not (cfg
 * zeroed), or -1 with *cause set: the file names its line.
 */
int
store_repcfg_read(const char *dir, struct store_repcfg *cfg, char **cause)
{
	FILE	*f;
	char	*path, line[512], *v, *host;
	u_int	 port, n = 0;
	int	 r = 1;

	memset(cfg, 0, sizeof *cfg);
	path = store_file(dir, REP_FILE);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT) {
			free(path);
			return (0);
		}
		xasprintf(cause, "%s: %s", path, strerror(errno));
		free(path);
		return (-1);
	}
	while (r == 1 && fgets(line, sizeof line, f) != NULL) {
		n++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((v = strchr(line, ' ')) != NULL)
			*v++ = '\0';
		if (v != NULL && strcmp(line, "role") == 0 &&
		    (strcmp(v, "master") == 0 || strcmp(v, "replica") == 0))
			cfg->replica = strcmp(v, "replica") == 0;
		else if (v != NULL && (strcmp(line, "listen") == 0 ||
		    strcmp(line, "peer") == 0) &&
		    rep_address(v, &host, &port) == 0) {
			free(host);
			if (*line == 'l') {
				free(cfg->listen);
				cfg->listen = xstrdup(v);
			} else {
				free(cfg->peer);
				cfg->peer = xstrdup(v);
			}
		} else {
			xasprintf(cause, _("%s:%u: not a replication setting "
			    "(role master|replica, listen HOST:PORT, peer "
			    "HOST:PORT)"), path, n);
			r = -1;
		}
	}
	fclose(f);
	if (r == 1 && cfg->listen == NULL) {
		xasprintf(cause, _("%s: no \"listen HOST:PORT\" line"), path);
		r = -1;
	}
	if (r == -1)
		store_repcfg_free(cfg);
	free(path);
	return (r);
}

/*
 * Write cfg as the replication settings of the database in dir, which
 * every process opening it reads. Returns 0, or -1 with *cause set.
 */
int
store_repcfg_write(const char *dir, const struct store_repcfg *cfg,
    char **cause)
{
	char	*text;
	int	 r;

	xasprintf(&text, "# The replication of this hotich database: "
	    "written by \"hotich replicate\".\n"
	    "role %s\nlisten %s\n%s%s%s", cfg->replica ? "replica" : "master",
	    cfg->listen, cfg->peer != NULL ? "peer " : "",
	    cfg->peer != NULL ? cfg->peer : "", cfg->peer != NULL ? "\n" : "");
	r = write_file(dir, REP_FILE, text, cause);
	free(text);
	return (r);
}

/* Whether s is a read-only replica. */
int
store_is_replica(const struct store *s)
{
	return (s->replica);
}

/*
 * Make dir (which must hold no database) ready to receive a replica:
 * its settings and marker, encrypted with pass if not NULL (the
 * master's passphrase), but no databases: they come from the master.
 * Write its replication settings (store_repcfg_write) after. Returns 0,
 * or -1 with *cause set.
 */
int
store_replica_init(const char *dir, const char *pass, char **cause)
{
	char	*cfg, *marker;
	int	 r;

	if (store_exists(dir)) {
		xasprintf(cause, _("%s: there is a database here already"),
		    dir);
		return (-1);
	}
	if (mkdirs(dir, cause) != 0 ||
	    (marker = marker_text(dir, pass, cause)) == NULL)
		return (-1);
	cfg = config_text(STORE_CACHE_MB);
	r = write_file(dir, "DB_CONFIG", cfg, cause);
	if (r == 0)
		r = write_file(dir, STORE_MARKER, marker, cause);
	free(cfg);
	free(marker);
	return (r);
}

/*
 * Configure the Replication Manager of s before its environment opens.
 * Returns 0, or -1 with *cause set.
 */
int
rep_configure(struct store *s, char **cause)
{
	DB_ENV		*env = s->env;
	DB_SITE		*site;
	char		*host;
	u_int		 port;
	int		 ret;

	if (rep_address(s->rep.listen, &host, &port) != 0) {
		xasprintf(cause, _("%s: not HOST:PORT: %s"), s->dir,
		    s->rep.listen != NULL ? s->rep.listen : "");
		return (-1);
	}
	ret = env->repmgr_site(env, host, port, &site, 0);
	free(host);
	if (ret == 0) {
		site->set_config(site, DB_LOCAL_SITE, 1);
		if (!s->replica)
			site->set_config(site, DB_GROUP_CREATOR, 1);
		site->close(site);
	}
	if (ret == 0 && s->rep.peer != NULL) {
		if (rep_address(s->rep.peer, &host, &port) != 0) {
			xasprintf(cause, _("%s: not HOST:PORT: %s"), s->dir,
			    s->rep.peer);
			return (-1);
		}
		ret = env->repmgr_site(env, host, port, &site, 0);
		free(host);
		if (ret == 0) {
			if (s->replica)
				site->set_config(site, DB_BOOTSTRAP_HELPER, 1);
			site->close(site);
		}
	}
	if (ret == 0)
		ret = env->repmgr_set_ack_policy(env, DB_REPMGR_ACKS_NONE);
	if (ret == 0)
		ret = env->rep_set_priority(env, s->replica ? 0 : 100);
	if (ret == 0)
		ret = env->rep_set_config(env, DB_REPMGR_CONF_ELECTIONS, 0);
	/*
	 * Log records go out in bulk, many to a message: a commune catching
	 * up after a day offline sends fewer, larger messages.
	 */
	if (ret == 0)
		ret = env->rep_set_config(env, DB_REP_CONF_BULK, 1);
	if (ret == 0)
		ret = env->rep_set_timeout(env, DB_REP_CONNECTION_RETRY,
		    REP_RETRY);
	/*
	 * A master waits this long after a checkpoint for its clients to
	 * make theirs (30 s by default): every process closing would.
	 */
	if (ret == 0)
		ret = env->rep_set_timeout(env, DB_REP_CHECKPOINT_DELAY, 0);
	if (ret == 0)
		ret = env->rep_set_timeout(env, DB_REP_HEARTBEAT_SEND,
		    REP_HEARTBEAT);
	if (ret == 0 && s->replica)
		ret = env->rep_set_timeout(env, DB_REP_HEARTBEAT_MONITOR,
		    REP_HEARTBEAT_WAIT);
	if (ret != 0) {
		*cause = bdb_cause(s, s->dir, ret);
		return (-1);
	}
	return (0);
}

/* The master writes its clock and log end, for the replicas' lag. */
static int
rep_clock_write(struct store *s)
{
	DB_LOG_STAT	*ls;
	DBT		 key, data;
	char		 buf[64];
	int		 ret;

	if ((ret = s->env->log_stat(s->env, &ls, 0)) != 0)
		return (ret);
	snprintf(buf, sizeof buf, "%lld %u %u", (long long)time(NULL),
	    ls->st_cur_file, ls->st_cur_offset);
	free(ls);
	dbt_init(&key, REP_CLOCK, strlen(REP_CLOCK));
	dbt_init(&data, buf, strlen(buf));
	return (s->db[SD_META]->put(s->db[SD_META], NULL, &key, &data, 0));
}

/* A replica reads the master's last clock, as replicated. */
static void
rep_clock_read(struct store *s, struct store_repstat *st)
{
	DBT		 key, data;
	long long	 t;
	u_int		 f, o;
	char		 buf[64];
	int		 ret;

	dbt_init(&key, REP_CLOCK, strlen(REP_CLOCK));
	dbt_in(&data, buf, sizeof buf - 1);
	ret = s->db[SD_META]->get(s->db[SD_META], NULL, &key, &data, 0);
	if (ret == DB_REP_HANDLE_DEAD) {
		s->db[SD_META]->close(s->db[SD_META], 0);
		s->db[SD_META] = NULL;
		return;
	}
	if (ret != 0)
		return;
	buf[data.size] = '\0';
	if (sscanf(buf, "%lld %u %u", &t, &f, &o) == 3) {
		st->clock = t;
		st->clock_file = f;
		st->clock_offset = o;
	}
}

/* Fill st with what the replication of s looks like now. */
static void
rep_tick(struct store *s, struct store_repstat *st)
{
	DB_REPMGR_SITE	*sites;
	DB_LOG_STAT	*ls;
	DB_REP_STAT	*rs;
	u_int		 n, i;
	int		 connected = 0;

	if (s->env->repmgr_site_list(s->env, &n, &sites) == 0) {
		for (i = 0; i < n; i++)
			if (sites[i].status == DB_REPMGR_CONNECTED)
				connected++;
		free(sites);
	}
	if (connected != st->connected || st->since == 0)
		st->since = time(NULL);
	st->connected = connected;
	if (s->env->log_stat(s->env, &ls, 0) == 0) {
		st->log_file = ls->st_cur_file;
		st->log_offset = ls->st_cur_offset;
		free(ls);
	}
	if (s->env->rep_stat(s->env, &rs, 0) == 0) {
		/*
		 * What arrives may make files: __db.rep.db, when a
		 * replica copies the databases; give them the mode too.
		 */
		if (rs->st_log_records != st->received) {
			st->received_at = time(NULL);
			if (s->replica)
				env_files_mode(s);
		}
		st->received = rs->st_log_records;
		if (s->replica && rs->st_startup_complete)
			s->rep_ready = 1;
		free(rs);
	}
	st->ready = s->rep_ready;
	if (s->replica && s->rep_ready && s->db[SD_META] == NULL) {
		char	*cause;

		if (open_db(s, &s->db[SD_META], db_files[SD_META], 0, 0,
		    &cause) != 0)
			free(cause);
	}
	if (s->replica && s->db[SD_META] != NULL)
		rep_clock_read(s, st);
}

/* Whether ret is a network error: the peer not reachable, for now. */
static int
rep_unreachable(int ret)
{
	switch (ret) {
	case ECONNRESET:
	case ECONNREFUSED:
	case ECONNABORTED:
	case EPIPE:
	case ETIMEDOUT:
	case EHOSTUNREACH:
	case ENETUNREACH:
	case ENETDOWN:
		return (1);
	}
	return (0);
}

/*
 * Run the replication of the database in dir (passphrase pass if it is
 * encrypted) with the settings cfg, as its replication process, until
 * *stop becomes non-zero: as master for a commune's database, as client
 * for a replica (store_replica_init). Calls cb with arg about once a
 * second. Returns 0 when stopped, STORE_REP_RESTART if the environment
 * was recovered under it (the caller's process should exit and run it
 * again: threads of the old environment may still be running; *cause is
 * then what Berkeley DB said last, or NULL), or -1 with *cause set.
 */
int
store_replicate(const char *dir, const char *pass,
    const struct store_repcfg *cfg, volatile int *stop, store_rep_cb cb,
    void *arg, char **cause)
{
	struct store		*s;
	struct store_repstat	 st;
	struct timespec		 ts = { 0, 200 * 1000 * 1000 };
	time_t			 clocked = 0, now;
	char			*path;
	int			 ret, ticks = 0, replica;

	*cause = NULL;
	if (pass_use(dir, pass, 0, &pass, cause) != 0)
		return (-1);
	s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	s->pass = pass != NULL ? xstrdup(pass) : NULL;
	s->rep.replica = cfg->replica;
	s->rep.listen = xstrdup(cfg->listen);
	s->rep.peer = cfg->peer != NULL ? xstrdup(cfg->peer) : NULL;
	s->rep_on = s->rep_run = 1;
	s->rep_fresh = cfg->fresh;
	s->replica = cfg->replica;
	memset(&st, 0, sizeof st);
	st.replica = s->replica;

	if (env_start(s, cause) != 0) {
		if (!s->rep_busy)
			goto fail;
		if (cb != NULL)
			cb(&st, arg);
		free(*cause);
		*cause = NULL;
		store_close(s);
		return (STORE_REP_RESTART);
	}
	if (!s->replica && open_db(s, &s->db[SD_META], db_files[SD_META], 0,
	    0, cause) != 0)
		goto fail;
	ret = s->env->repmgr_start(s->env, 3, s->replica ? DB_REP_CLIENT :
	    DB_REP_MASTER);
	if (ret == DB_REP_UNAVAIL || (s->replica && rep_unreachable(ret))) {
		/*
		 * A new replica whose master cannot be reached yet: no
		 * answer, or, through a tunnel whose far end is not
		 * listening yet, a connection accepted and reset.
		 */
		if (cb != NULL)
			cb(&st, arg);
		store_close(s);
		return (STORE_REP_RESTART);
	}
	if (ret != 0 && ret != DB_REP_IGNORE) {
		*cause = bdb_cause(s, dir, ret);
		goto fail;
	}
	/* Starting made the group's database, __db.rep.system. */
	env_files_mode(s);
	while (!*stop && !s->rep_panic) {
		nanosleep(&ts, NULL);
		if (ticks++ % 5 != 0)
			continue;
		rep_tick(s, &st);
		now = time(NULL);
		if (!s->replica && st.connected > 0 &&
		    now - clocked >= REP_CLOCK_EVERY) {
			if ((ret = rep_clock_write(s)) == 0)
				clocked = now;
			else if (ret == DB_RUNRECOVERY)
				s->rep_panic = 1;
		}
		if (cb != NULL)
			cb(&st, arg);
	}
	if (s->rep_panic) {
		/* The old environment is abandoned with its threads. */
		*cause = s->bdberr;
		free(s->dir);
		store_repcfg_free(&s->rep);
		free(s->pass);
		free(s);
		return (STORE_REP_RESTART);
	}
	replica = s->replica;
	store_close(s);
	/*
	 * Log records that came out of order wait in __db.rep.db, which
	 * Berkeley DB 5.3 does not encrypt. It makes the file afresh at
	 * every start: a stopped replica's goes now.
	 */
	if (replica) {
		path = store_file(dir, "__db.rep.db");
		(void)unlink(path);
		free(path);
	}
	return (0);

fail:
	store_close(s);
	return (-1);
}

/*
 * Turn the replica in dir (a copy of it on a replacement PC, say) into a
 * commune's database that takes entries, listening on listen (NULL: the
 * address of the master it replicated) with the replica it came from as
 * its peer. No process may be using it. The generation of the
 * replication is kept, so the replica it came from follows it as its new
 * master. Returns 0 with *entries set to the entries it holds, or -1
 * with *cause set.
 */
int
store_promote(const char *dir, const char *pass, const char *listen,
    u_long *entries, char **cause)
{
	struct store_repcfg	 cfg, to;
	struct store		*s;
	const char		*a[3] = { NULL, NULL, NULL };
	glob_t			 g;
	char			*path, *detail;
	size_t			 i;
	int			 r;

	if ((r = store_repcfg_read(dir, &cfg, cause)) == -1)
		return (-1);
	if (r == 0 || !cfg.replica) {
		xasprintf(cause, _("%s: not a replica"), dir);
		store_repcfg_free(&cfg);
		return (-1);
	}
	if (listen == NULL && cfg.peer == NULL) {
		xasprintf(cause, _("%s: the replica names no master: give "
		    "the address to listen on"), dir);
		store_repcfg_free(&cfg);
		return (-1);
	}
	/* The regions remember being a client: start without them. */
	if (store_is_encrypted(dir))
		shm_release(dir);
	path = store_file(dir, "__db.[0-9]*");
	if (glob(path, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			unlink(g.gl_pathv[i]);
		globfree(&g);
	}
	free(path);
	path = store_file(dir, "__db.register");
	unlink(path);
	free(path);
	/*
	 * Nor the group it belonged to, where its new address is no
	 * member: it starts a group of its own, which its old replica
	 * joins. The generation (__db.rep.gen) stays, so that replica
	 * takes it for a newer master.
	 */
	path = store_file(dir, "__db.rep.system");
	unlink(path);
	free(path);

	memset(&to, 0, sizeof to);
	to.replica = 0;
	to.listen = xstrdup(listen != NULL ? listen : cfg.peer);
	to.peer = xstrdup(cfg.listen);
	r = store_repcfg_write(dir, &to, cause);
	if (r == 0)
		r = store_open(&s, dir, 0, pass, NULL, cause);
	if (r == 0) {
		xasprintf(&detail, "was the replica at %s; now listening on "
		    "%s", cfg.listen, to.listen);
		a[1] = "promote";
		a[2] = detail;
		r = store_txn(s, audit_fn, a, cause);
		free(detail);
		if (r == 0) {
			*entries = store_count(s, cause);
			r = *cause != NULL ? -1 : 0;
		}
		store_close(s);
	}
	store_repcfg_free(&to);
	store_repcfg_free(&cfg);
	return (r);
}
