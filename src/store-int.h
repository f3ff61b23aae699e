/*
 * store-int.h: what the parts of the record store share: store.c (the
 * records, the indexes, the accounts) and store-rep.c (replication).
 * Private to them, and with <db.h> in it: nothing else includes it.
 */

#ifndef STORE_INT_H
#define STORE_INT_H

#include <sys/types.h>

#include <db.h>
#include <pthread.h>

#include "idxkey.h"
#include "store.h"

#define STORE_SCHEMA		2	/* meta "schema": 2 has fields.db */
#define STORE_INDEX_VERSION	3	/* meta "index": the key builders */
#define WALK_STEPS	8		/* index entries walked one by one, */
#define WALK_BUFFER	(32 * 1024)	/*   then a buffer of them at a time */
#define STORE_MARKER		"HOTICH"
#define STORE_LOCK_TIMEOUT	5000000	/* microseconds */
#define STORE_RETRIES		200
#define STORE_APPERR		(-1)	/* fn failed; its cause is set */
#define STORE_NEW		0x100	/* store_open from store_init */
#define STORE_SCAN_BUF		(1024 * 1024)	/* records a read in scans */
#define STORE_CKP_KB		32768	/* log written between checkpoints */
#define STORE_RECORD_PAGE	8192	/* records.db page size */

enum store_db {
	SD_RECORDS,
	SD_BOOKS,
	SD_DRAFTS,
	SD_USERS,
	SD_AUDIT,
	SD_META,
	SD_SEQ,
	SD_FIELDS,
	SD_PAIRS,
	SD_VERIFS,
	SD_COUNT
};

extern const char *const db_files[SD_COUNT];

extern const char *const idx_files[SI_COUNT];

struct store;

/*
 * The lock timeout thread of one environment handle. The thread frees
 * this when told to stop, so an abandoned handle's thread can be left
 * behind.
 */
struct detector {
	DB_ENV			*env;
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	int			 stop;
};

struct store_idx {
	struct store		*s;
	enum store_index	 which;
};

struct store {
	char			*dir;
	char			*pass;
	const struct formset	*forms;

	DB_ENV			*env;
	DB			*db[SD_COUNT];
	DB			*idx[SI_COUNT];
	DB			*plain[SI_COUNT];	/* see plain_index() */
	struct store_idx	 idxctx[SI_COUNT];
	DB_SEQUENCE		*seq;

	struct detector		*detector;

	char			*bdberr;	/* last message from BDB */

	/* The record the index callbacks decoded last. */
	void			*cache_bytes;
	size_t			 cache_len;
	struct rec		*cache_rec;

	/* The record being written, so the callbacks need not decode. */
	const struct rec	*cur_rec;
	const void		*cur_bytes;
	size_t			 cur_len;
	uint8_t			 cur_fp[16];

	char			*actor;		/* see store_set_actor */
	enum role		 role;		/* see store_login */
	int			 open;		/* no accounts yet */
	struct policy_settings	 set;		/* hotich config */
	mode_t			 mode;		/* of its files: file_mode */

	int			 reindexing;	/* indexes not associated */
	int			 idx_missing;	/* an index file was made */

	/* Replication: see store_replicate. */
	struct store_repcfg	 rep;
	int			 rep_on;	/* DB_INIT_REP */
	int			 replica;	/* a read-only replica */
	int			 rep_run;	/* the replication process */
	volatile int		 rep_ready;	/* startup done */
	volatile int		 rep_panic;	/* recovered under it */
	int			 rep_off;	/* regions without it */
	int			 rep_retry;	/* see env_start */
	int			 rep_busy;	/* regions in use */
	int			 rep_noconf;	/* join without the sites */
	int			 rep_fresh;	/* new settings */

	/* The numbers of field keys (fields.db), for the encoding. */
	struct rec_dict		 dict;

	/* Keys built by the index callbacks, and for the books. */
	struct idxkeys		 keys;
	struct idxkeys		 bkeys;
};

/* An input DBT over len bytes at data, read only. */
void	 dbt_init(DBT *, const void *, size_t);
/* An input DBT over len bytes at p, which lookups may write back. */
void	 dbt_in(DBT *, void *, size_t);
/* A message for a Berkeley DB error on what; the caller frees it. */
char	*bdb_cause(struct store *, const char *, int);
/* The path of file name in dir; the caller frees it. */
char	*store_file(const char *, const char *);
/* Write text to a new file name in dir. 0, or -1 with *cause set. */
int	 write_file(const char *, const char *, const char *, char **);
/* Make dir and its parents. 0, or -1 with *cause set. */
int	 mkdirs(const char *, char **);
/* Check pass against dir's marker; *use is what to open it with. */
int	 pass_use(const char *, const char *, int, const char **, char **);
/* The DB_CONFIG text for a cache of mb MB; the caller frees it. */
char	*config_text(u_int);
/* The HOTICH marker text for dir; the caller frees it. */
char	*marker_text(const char *, const char *, char **);
/* Open (or, with create, make) one database of s. */
int	 open_db(struct store *, DB **, const char *, int, int, char **);
/* Release the shared memory of dir's environment if no process uses it. */
void	 shm_release(const char *);
/* Give the replication files of s the mode of its database. */
void	 env_files_mode(struct store *);
/* Open the environment of s, without its databases. */
int	 env_start(struct store *, char **);
/* Run fn in a transaction of s, again after deadlocks; see store.c. */
int	 store_txn(struct store *, int (*)(struct store *, DB_TXN *, void *,
	     char **), void *, char **);
/* Append an audit entry: arg is { user, op, detail }; a txn callback. */
int	 audit_fn(struct store *, DB_TXN *, void *, char **);
/* Configure the Replication Manager of s before its environment opens. */
int	 rep_configure(struct store *, char **);

#endif /* STORE_INT_H */
