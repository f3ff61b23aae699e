/*
 * store.h: the record store, on a transactional Berkeley DB environment.
 *
 * One database directory holds one environment: the records, the books,
 * the users' drafts, the users, an append-only audit log whose entries
 * are chained by hash, the decisions on probable duplicate pairs, and
 * meta data; and secondary indexes that Berkeley
 * DB keeps itself. Every write is a transaction committed to disk before
 * the call returns. Several processes may share a directory, and a
 * process killed at any moment leaves nothing the next one cannot
 * recover.
 *
 * Only store.c includes <db.h>; callers see this interface.
 */
#ifndef STORE_H
#define STORE_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#include "form.h"
#include "account.h"
#include "idxkey.h"
#include "policy.h"
#include "rec.h"

struct store;

/* What store_init writes into a new database directory. */
struct store_init {
	const char	*office;	/* the office as written, or NULL */
	const char	*passphrase;	/* encrypt with this, or NULL */
	u_int		 cache_mb;	/* memory pool size; 0: default */
	const char	*group;		/* shared with this group, or NULL */
};
#define STORE_CACHE_MB	4		/* the default cache */

/* Flags for store_open. */
#define STORE_CREATE	0x1		/* create the database if missing */

/*
 * Replication (the file "replication" of a database directory). The
 * commune's database is the master of its environment; the district
 * keeps a read-only replica of it, fed by Berkeley DB's Replication
 * Manager. Every process opening a replicated database joins the
 * replication; a replica opens read-only.
 */
struct store_repcfg {
	int		 replica;	/* 1: a read-only copy */
	char		*listen;	/* HOST:PORT this site listens on */
	char		*peer;		/* HOST:PORT of the other, or NULL */
	int		 fresh;		/* store_replicate: new settings */
};

/* What the replication process of a database sees, once a second. */
struct store_repstat {
	int		 replica;
	int		 connected;	/* sites connected now */
	int		 ready;		/* replica: has the whole database */
	int64_t		 since;		/* connected or not since */
	uint32_t	 log_file;	/* the end of the local log */
	uint32_t	 log_offset;
	u_long		 received;	/* log records received (replica) */
	int64_t		 received_at;	/* the last of them arrived */
	int64_t		 clock;		/* the commune's last clock seen */
	uint32_t	 clock_file;	/*   and its log end then */
	uint32_t	 clock_offset;
};
typedef void (*store_rep_cb)(const struct store_repstat *, void *);

#define STORE_REP_RESTART	1	/* store_replicate: start it again */

/* A book of a register. */
enum book_status { BS_OPEN, BS_FINISHED, BS_CHECKED };
struct book {
	char		*office;	/* as written */
	char		*form;
	long		 year;
	char		*number;	/* the book number as written */
	long		 pages;		/* 0: not known */
	long		 closing_count;	/* the closing note: entries */
	long		 closing_first;	/*   first and last numbers */
	long		 closing_last;
	enum book_status status;
};

/*
 * A pair of records found to be probable duplicates, and what was decided.
 * A pair flagged is PAIR_OPEN; PAIR_SUPERVISOR waits for a supervisor;
 * the other decisions are final and the pair is never flagged again.
 */
#define PAIR_OPEN		"open"
#define PAIR_SUPERVISOR		"supervisor"
#define PAIR_NOT_DUPLICATE	"not-duplicate"
#define PAIR_TYPED_TWICE	"typed-twice"
#define PAIR_SAME_PERSON	"same-person"

struct store_pair {
	uint64_t	 a, b;		/* the ids, a < b when read */
	char		*decision;
	double		 score;		/* 0 to 1 */
	char		*reason;	/* why they were paired */
	char		*user;		/* who flagged or decided */
	int64_t		 when;
};

/* What store_check found. */
struct store_report {
	char		**lines;	/* one message per problem */
	size_t		  nlines;
	u_long		  records;
	u_long		  index_entries;
	u_long		  audit_entries;
	u_long		  books;
};

/* Called by long operations; returns non-zero to stop. */
typedef int (*store_scan_cb)(const struct rec *, void *);

/* Called with an index key, its length and its record's id. */
typedef int (*store_key_cb)(const void *, size_t, uint64_t, void *);
typedef void (*store_progress_cb)(u_long, u_long, void *);

/*
 * An entry of the audit log: what user did, when. For records, op is
 * "add", "update" or "delete" and detail starts with their ids ("1-40,
 * 57"); for pairs ("pair") with the two ids; for accounts ("user") with
 * what was done and to whom.
 */
struct store_audit_entry {
	uint64_t	 seq;		/* its place in the chain, from 1 */
	int64_t		 when;		/* seconds since the epoch */
	const char	*user;
	const char	*op;
	const char	*detail;
};
typedef int (*store_audit_cb)(const struct store_audit_entry *, void *);

/*
 * A verification by blind re-keying (verify.db): for each field where the
 * reviewer's keying differed from the clerk's, who was wrong.
 */
struct verif_diff {
	char		*key;
	int		 keyer;		/* the clerk's value was wrong */
	int		 verifier;	/* the reviewer's was */
};
struct store_verif {
	uint64_t	 id;		/* the entry */
	char		*clerk;		/* who typed it */
	char		*verifier;
	int64_t		 when;
	u_int		 compared;	/* fields compared */
	struct verif_diff *diffs;
	size_t		 ndiffs;
};
typedef int (*store_verif_cb)(const struct store_verif *, void *);

/* Each clerk's measured keying, read at once (store_rekey_load). */
struct store_rekey {
	char				**clerks;
	struct policy_errors		 *e;	/* e[i] is clerks[i]'s */
	size_t				  n;
	const struct policy_settings	 *set;	/* the store's */
};

int	 store_init(const char *, const struct store_init *, char **);
int	 store_exists(const char *);
int	 store_is_encrypted(const char *);
int	 store_open(struct store **, const char *, int, const char *,
	     const struct formset *, char **);
void	 store_close(struct store *);
const char *store_path(const struct store *);

int	 store_write(struct store *, struct rec **, size_t, int, uint64_t *,
	     char **);
#define STORE_SKIP_SAME	0x1	/* skip records identical to a stored one */
#define STORE_DROP_DRAFT 0x2	/* and remove the user's draft */
int	 store_put(struct store *, struct rec *, char **);
int	 store_get(struct store *, uint64_t, struct rec **, char **);
int	 store_delete(struct store *, uint64_t, const char *, const char *,
	     char **);
int	 store_scan(struct store *, const char *, store_scan_cb, void *,
	     char **);
int	 store_lookup(struct store *, enum store_index, const void *, size_t,
	     int, store_scan_cb, void *, char **);
int	 store_lookup_tail(struct store *, enum store_index, const void *,
	     size_t, size_t, store_scan_cb, void *, char **);
int	 store_range(struct store *, enum store_index, const void *, size_t,
	     const void *, size_t, store_scan_cb, void *, char **);
int	 store_index_count(struct store *, enum store_index, const void *,
	     size_t, u_long *, char **);
int	 store_index_count_key(struct store *, enum store_index,
	     const void *, size_t, u_long *, char **);
int	 store_index_last(struct store *, enum store_index, const void *,
	     size_t, size_t, uint64_t *, void **, size_t *, char **);
int	 store_index_before(struct store *, enum store_index, const void *,
	     size_t, size_t, store_key_cb, void *, char **);
int	 store_index_walk(struct store *, enum store_index, const void *,
	     size_t, size_t, store_key_cb, void *, char **);
u_long	 store_count(struct store *, char **);
int	 store_status_keys(struct store *, const char *, char ***, size_t *,
	     char **);

int	 store_index_keys(struct store *, enum store_index, const struct rec *,
	     void ***, size_t **, size_t *);
void	*store_index_key(struct store *, enum store_index,
	     const struct rec *, size_t *);
char	*store_book_key(const struct rec *, const struct form *, size_t *);

int	 store_book_put(struct store *, const struct book *, char **);
int	 store_book_get(struct store *, const char *, const char *, long,
	     const char *, struct book **, char **);
int	 store_books(struct store *, struct book ***, size_t *, char **);
void	 store_book_free(struct book *);

int	 store_draft_put(struct store *, const char *, const struct rec *,
	     char **);
int	 store_draft_get(struct store *, const char *, struct rec **, char **);
int	 store_draft_delete(struct store *, const char *, char **);

int	 store_meta_get(struct store *, const char *, char **, char **);
int	 store_meta_put(struct store *, const char *, const char *, char **);

int	 store_audit(struct store *, const char *, const char *, char **);
void	 store_set_actor(struct store *, const char *);
int	 store_audit_each(struct store *, store_audit_cb, void *, char **);

typedef int (*store_pair_cb)(const struct store_pair *, void *);
int	 store_pair_put(struct store *, const struct store_pair *,
	     const char *, char **);
int	 store_pair_get(struct store *, uint64_t, uint64_t,
	     struct store_pair **, char **);
int	 store_pairs(struct store *, store_pair_cb, void *, char **);
void	 store_pair_free(struct store_pair *);

int	 store_check(struct store *, struct store_report *);
void	 store_report_clear(struct store_report *);
int	 store_user_put(struct store *, const struct account *, const char *,
	     const char *, char **);
int	 store_user_get(struct store *, const char *, struct account **,
	     char **);
int	 store_users(struct store *, struct account ***, size_t *, char **);
int	 store_reindex(struct store *, char **);

void	 store_login(struct store *, const struct account *);
int	 store_is_open(const struct store *);
const char *store_actor(const struct store *);
int	 store_may(struct store *, enum action, char **);
const struct policy_settings *store_settings(const struct store *);
int	 store_setting_put(struct store *, const char *, const char *,
	     char **);
int	 store_correct(struct store *, struct rec *, int, const char *,
	     char **);
int	 store_move(struct store *, const uint64_t *, size_t, enum rec_state,
	     const char *, char **);
int	 store_rekey_load(struct store *, struct store_rekey *, char **);
const struct policy_errors *store_rekey_errors(const struct store_rekey *,
	     const char *);
int	 store_rekey_need(const struct store_rekey *, uint64_t, const char *);
void	 store_rekey_free(struct store_rekey *);
int	 store_verify(struct store *, struct rec *, const struct store_verif *,
	     char **);
int	 store_verif_get(struct store *, uint64_t, struct store_verif **,
	     char **);
int	 store_verifs(struct store *, store_verif_cb, void *, char **);
int	 store_verif_wrong(const struct store_verif *);
void	 store_verif_free(struct store_verif *);
int	 store_errors(struct store *, const char *, struct policy_errors *,
	     char **);
void	 store_set_progress(store_progress_cb, void *);
int	 store_backup(struct store *, const char *, char **);

int	 store_repcfg_read(const char *, struct store_repcfg *, char **);
int	 store_repcfg_write(const char *, const struct store_repcfg *,
	    char **);
void	 store_repcfg_free(struct store_repcfg *);
int	 store_is_replica(const struct store *);
int	 store_replica_init(const char *, const char *, char **);
int	 store_replicate(const char *, const char *,
	    const struct store_repcfg *, volatile int *, store_rep_cb, void *,
	    char **);
int	 store_promote(const char *, const char *, const char *, u_long *,
	    char **);

#endif
