/*
 * store.c: the record store on Berkeley DB 5.3. With store-rep.c (its
 * replication) and their private store-int.h, the only files that
 * include <db.h>.
 *
 * The environment is opened with DB_REGISTER and DB_RECOVER: the first
 * process to open it after a crash (or after another process was killed)
 * runs recovery. DB_FAILCHK is not used: with the non-robust mutexes of
 * Debian's build it can hang. A process whose environment was recovered
 * under it gets DB_RUNRECOVERY and reopens everything; a process waiting
 * for a lock held by a dead one is freed by the lock timeout, which a
 * small thread enforces with DB_LOCK_EXPIRE, and reopens after three
 * timeouts in a row. Deadlocks abort the transaction and run it again.
 *
 * Files: records.db (id -> record), books.db, drafts.db, users.db,
 * audit.db, meta.db, seq.db (the id sequence), fields.db (the numbers
 * of field keys in the record encoding), pairs.db (decisions on probable
 * duplicate pairs: two ids -> decision), and one idx-*.db per secondary
 * index. Every database has page checksums, and is encrypted
 * when the environment is. DB_CONFIG holds the environment's settings so
 * that the db5.3_* utilities see them too; HOTICH marks the directory as
 * a hotich database and says whether it is encrypted.
 */

#include "config.h"

#include <sys/stat.h>

#include <crypt.h>
#include <db.h>
#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <glob.h>
#include <pthread.h>
#include <sha2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "idxkey.h"
#include "store-int.h"
#include "store.h"
#include "xmalloc.h"

const char *const db_files[SD_COUNT] = {
	"records.db", "books.db", "drafts.db", "users.db", "audit.db",
	"meta.db", "seq.db", "fields.db", "pairs.db", "verify.db"
};

const char *const idx_files[SI_COUNT] = {
	"idx-regno.db", "idx-person.db", "idx-regdate.db", "idx-entered.db",
	"idx-book.db", "idx-same.db", "idx-status.db"
};

static int	env_open(struct store *, char **);
static int	region_remove(struct store *);
static long	shm_key(const struct stat *);
static int	policy_load(struct store *, char **);
static int	may(struct store *, enum action, char **);
static int	kv_each(struct store *, enum store_db, int (*)(const void *,
		    size_t, const void *, size_t, void *, char **), void *,
		    char **);
static void	env_close(struct store *);

void
dbt_init(DBT *d, const void *data, size_t len)
{
	memset(d, 0, sizeof *d);
	d->data = (void *)data;
	d->size = len;
}

/* An output DBT Berkeley DB (re)allocates; free its data after use. */
static void
dbt_out(DBT *d)
{
	memset(d, 0, sizeof *d);
	d->flags = DB_DBT_REALLOC;
}

/* An output DBT that asks for no data (an existence test). */
static void
dbt_none(DBT *d)
{
	memset(d, 0, sizeof *d);
	d->flags = DB_DBT_USERMEM | DB_DBT_PARTIAL;
}

/* An input DBT over len bytes at p, which lookups may write back. */
void
dbt_in(DBT *d, void *p, size_t len)
{
	memset(d, 0, sizeof *d);
	d->data = p;
	d->size = d->ulen = len;
	d->flags = DB_DBT_USERMEM;
}

/* Close cursor c and free what it returned in a and b (may be NULL). */
static void
cursor_done(DBC *c, DBT *a, DBT *b)
{
	c->close(c);
	if (a != NULL)
		free(a->data);
	if (b != NULL)
		free(b->data);
}

static void
put_be(u_char *p, uint64_t v, int n)
{
	while (n-- > 0) {
		p[n] = v & 0xff;
		v >>= 8;
	}
}

static uint64_t
get_be(const u_char *p, int n)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return (v);
}

/* Make a message for a Berkeley DB error on what. */
char *
bdb_cause(struct store *s, const char *what, int ret)
{
	char	*cause;

	if (s != NULL && s->replica && ret == EACCES) {
		xasprintf(&cause, _("%s: this is a read-only replica of a "
		    "commune's database: changes are made at the commune"),
		    s->dir);
		free(s->bdberr);
		s->bdberr = NULL;
		return (cause);
	}
	if (s != NULL && s->bdberr != NULL) {
		xasprintf(&cause, "%s: %s (%s)", what, db_strerror(ret),
		    s->bdberr);
		free(s->bdberr);
		s->bdberr = NULL;
	} else
		xasprintf(&cause, "%s: %s", what, db_strerror(ret));
	return (cause);
}

static void
bdb_errcall(const DB_ENV *env, const char *pfx, const char *msg)
{
	struct store	*s = env->app_private;

	(void)pfx;
	if (s == NULL)
		return;
	free(s->bdberr);
	s->bdberr = xstrdup(msg);
}

static void
bdb_event(DB_ENV *env, u_int32_t event, void *info)
{
	struct store	*s = env->app_private;

	(void)info;
	/*
	 * DB_EVENT_REG_PANIC and DB_EVENT_PANIC: the next call returns
	 * DB_RUNRECOVERY, and store_txn reopens; the replication process
	 * starts again (store_replicate). Called from the Replication
	 * Manager's threads too: only flags are set.
	 */
	if (s == NULL)
		return;
	switch (event) {
	case DB_EVENT_PANIC:
	case DB_EVENT_REG_PANIC:
		s->rep_panic = 1;
		break;
	case DB_EVENT_REP_STARTUPDONE:
		s->rep_ready = 1;
		break;
	}
}

char *
store_file(const char *dir, const char *name)
{
	char	*path;

	xasprintf(&path, "%s/%s", dir, name);
	return (path);
}

/* Return 1 if dir holds a hotich database. */
int
store_exists(const char *dir)
{
	char		*path;
	struct stat	 sb;
	int		 r;

	path = store_file(dir, STORE_MARKER);
	r = stat(path, &sb) == 0;
	free(path);
	return (r);
}

/* Return 1 if the database in dir is encrypted, 0 if not or unknown. */
int
store_is_encrypted(const char *dir)
{
	char	*path, line[128];
	FILE	*f;
	int	 r = 0;

	path = store_file(dir, STORE_MARKER);
	if ((f = fopen(path, "r")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL)
			if (strcmp(line, "encrypted yes\n") == 0)
				r = 1;
		fclose(f);
	}
	free(path);
	return (r);
}

/*
 * The mode of the files of the database in dir: readable by the owner
 * alone, or by the owner and the directory's group when the directory
 * lets its group in (store_init with a group). A process opening a
 * shared database lets the group through its umask too, so the logs and
 * regions Berkeley DB makes later are shared alike.
 */
static mode_t
file_mode(const char *dir)
{
	struct stat	sb;

	if (stat(dir, &sb) == 0 && (sb.st_mode & S_IRWXG) != 0) {
		umask(umask(0) & ~(mode_t)S_IRWXG);
		return (0660);
	}
	return (0600);
}

int
write_file(const char *dir, const char *name, const char *text, char **cause)
{
	char	*path, *tmp;
	int	 fd;
	size_t	 len = strlen(text);

	path = store_file(dir, name);
	xasprintf(&tmp, "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY|O_CREAT|O_TRUNC, file_mode(dir))) ==
	    -1 ||
	    write(fd, text, len) != (ssize_t)len || fsync(fd) != 0) {
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		if (fd != -1)
			close(fd);
		unlink(tmp);
		free(tmp);
		free(path);
		return (-1);
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		free(path);
		return (-1);
	}
	free(tmp);
	free(path);
	return (0);
}

int
mkdirs(const char *dir, char **cause)
{
	char	*p, *q;

	p = xstrdup(dir);
	for (q = p + 1; *q != '\0'; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			goto fail;
		*q = '/';
	}
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		goto fail;
	free(p);
	return (0);
fail:
	xasprintf(cause, "%s: %s", p, strerror(errno));
	free(p);
	return (-1);
}

/*
 * Hash passphrase with yescrypt, with the setting of an earlier hash or
 * a new salt. Returns the hash (free it) or NULL.
 */
static char *
pass_hash(const char *pass, const char *setting)
{
	struct crypt_data	*cd;
	char			 salt[CRYPT_GENSALT_OUTPUT_SIZE], *h = NULL;

	cd = xcalloc(1, sizeof *cd);
	if (setting == NULL) {
		if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt,
		    sizeof salt) == NULL)
			goto out;
		setting = salt;
	}
	if (crypt_rn(pass, setting, cd, sizeof *cd) != NULL &&
	    cd->output[0] != '*')
		h = xstrdup(cd->output);
out:
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return (h);
}

/*
 * Check pass against the hash in the marker of dir: Berkeley DB must
 * never see a wrong key (an environment opened with one can crash).
 * Returns 0, or -1 with *cause set.
 */
static int
pass_check(const char *dir, const char *pass, char **cause)
{
	char	*path, line[512], *want = NULL, *got;
	FILE	*f;
	size_t	 len;
	int	 r = -1;

	path = store_file(dir, STORE_MARKER);
	if ((f = fopen(path, "r")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL) {
			if (strncmp(line, "passphrase ", 11) != 0)
				continue;
			len = strcspn(line + 11, "\n");
			line[11 + len] = '\0';
			want = xstrdup(line + 11);
		}
		fclose(f);
	}
	free(path);
	if (want == NULL) {
		xasprintf(cause, _("%s: the marker file has no passphrase "
		    "check"), dir);
		return (-1);
	}
	if ((got = pass_hash(pass, want)) != NULL && strcmp(got, want) == 0)
		r = 0;
	else
		xasprintf(cause, _("%s: wrong passphrase"), dir);
	free(got);
	free(want);
	return (r);
}

/*
 * Set *use to the passphrase to open the database in dir with: pass,
 * checked, if it is encrypted; else NULL, or pass with keep (a database
 * being made). Returns 0, or -1 with *cause set.
 */
int
pass_use(const char *dir, const char *pass, int keep, const char **use,
    char **cause)
{
	*use = pass;
	if (!store_is_encrypted(dir)) {
		if (!keep)
			*use = NULL;
		return (0);
	}
	if (pass == NULL) {
		xasprintf(cause, _("%s: the database is encrypted and no "
		    "passphrase was given"), dir);
		return (-1);
	}
	return (pass_check(dir, pass, cause));
}

/* The DB_CONFIG of a database with a cache of mb megabytes. */
char *
config_text(u_int mb)
{
	char	*cfg;

	xasprintf(&cfg,
	    "# Berkeley DB settings of this hotich database; read when the\n"
	    "# environment is created, by hotich and the db5.3_* tools.\n"
	    "set_cachesize 0 %u 1\n"
	    "mutex_set_max %u\n"
	    "set_lk_detect DB_LOCK_DEFAULT\n"
	    "set_lg_bsize 262144\n"
	    "log_set_config DB_LOG_AUTO_REMOVE on\n",
	    mb * 1024 * 1024, 20000 + mb * 500);
	return (cfg);
}

/* The marker of a database in dir, encrypted with pass if not NULL. */
char *
marker_text(const char *dir, const char *pass, char **cause)
{
	char	*marker, *check;

	if (pass == NULL) {
		xasprintf(&marker, "hotich database\nformat %d\nencrypted "
		    "no\n", STORE_SCHEMA);
		return (marker);
	}
	if ((check = pass_hash(pass, NULL)) == NULL) {
		xasprintf(cause, _("%s: cannot hash the passphrase: %s"), dir,
		    strerror(errno));
		return (NULL);
	}
	xasprintf(&marker, "hotich database\nformat %d\nencrypted "
	    "yes\npassphrase %s\n", STORE_SCHEMA, check);
	free(check);
	return (marker);
}

/*
 * Create a database in dir (made if missing). Fails if dir already holds
 * one. Returns 0, or -1 with *cause set (free it).
 */
int
store_init(const char *dir, const struct store_init *si, char **cause)
{
	struct store	*s;
	struct group	*gr = NULL;
	char		*cfg, *marker;
	u_int		 mb;
	int		 r;

	if (store_exists(dir)) {
		xasprintf(cause, _("%s: there is a database here already"),
		    dir);
		return (-1);
	}
	if (si->group != NULL && (gr = getgrnam(si->group)) == NULL) {
		xasprintf(cause, _("there is no group %s"), si->group);
		return (-1);
	}
	if (mkdirs(dir, cause) != 0)
		return (-1);
	/* Shared with a group: its files inherit the group (setgid). */
	if (si->group != NULL && (chown(dir, (uid_t)-1, gr->gr_gid) != 0 ||
	    chmod(dir, S_IRWXU | S_IRWXG | S_ISGID) != 0)) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		return (-1);
	}
	mb = si->cache_mb != 0 ? si->cache_mb : STORE_CACHE_MB;
	if ((marker = marker_text(dir, si->passphrase, cause)) == NULL)
		return (-1);
	cfg = config_text(mb);
	r = write_file(dir, "DB_CONFIG", cfg, cause);
	free(cfg);
	if (r == 0) {
		/* The marker last: a directory without it is not a database. */
		r = store_open(&s, dir, STORE_NEW, si->passphrase, NULL, cause);
		if (r == 0 && si->office != NULL)
			r = store_meta_put(s, "office", si->office, cause);
		if (r == 0) {
			store_close(s);
			r = write_file(dir, STORE_MARKER, marker, cause);
		}
	}
	free(marker);
	return (r);
}

/*
 * Read the field key numbers of fields.db (4-byte big-endian number ->
 * key) into d, in txn or, if txn is NULL, as committed. Numbers run from
 * 1 without a gap; a record with a number past one is not decoded.
 * Returns 0 or a Berkeley DB error.
 */
static int
dict_load(struct store *s, DB_TXN *txn, struct rec_dict *d)
{
	DB	*db = s->db[SD_FIELDS];
	DBC	*c;
	DBT	 key, data;
	char	*k;
	int	 ret;

	rec_dict_free(d);
	if ((ret = db->cursor(db, txn, &c, 0)) != 0)
		return (ret);
	dbt_out(&key);
	dbt_out(&data);
	while ((ret = c->get(c, &key, &data, DB_NEXT)) == 0) {
		if (key.size != 4 || get_be(key.data, 4) != d->n + 1 ||
		    data.size == 0)
			break;
		k = xstrndup(data.data, data.size);
		rec_dict_add(d, k);
		free(k);
	}
	cursor_done(c, &key, &data);
	return (ret == DB_NOTFOUND || ret == 0 ? 0 : ret);
}

/*
 * Decode a record with the key numbers of s. A number another process
 * gave a key since s read them is not known: read them again and retry.
 * Returns the record or NULL with *cause set.
 */
static struct rec *
store_decode(struct store *s, const void *p, size_t len, char **cause)
{
	struct rec_dict	 d;
	struct rec	*r;

	if ((r = rec_decode(p, len, &s->dict, cause)) != NULL)
		return (r);
	rec_dict_init(&d);
	if (dict_load(s, NULL, &d) == 0 && d.n > s->dict.n) {
		rec_dict_free(&s->dict);
		s->dict = d;
		free(*cause);
		return (rec_decode(p, len, &s->dict, cause));
	}
	rec_dict_free(&d);
	return (NULL);
}

/*
 * Decode record id (its key given as 8 bytes big-endian at kb) from len
 * bytes at p. Returns it, or NULL with *cause naming the record.
 */
static struct rec *
decode_record(struct store *s, const void *kb, const void *p, size_t len,
    char **cause)
{
	struct rec	*r;
	uint64_t	 id = get_be(kb, 8);
	char		*why;

	if ((r = store_decode(s, p, len, &why)) == NULL) {
		xasprintf(cause, _("record %llu: %s"), (unsigned long long)id,
		    why);
		free(why);
		return (NULL);
	}
	r->id = id;
	return (r);
}

/* Does d number every field key of every form of s? */
static int
dict_covers(struct store *s, const struct rec_dict *d)
{
	const struct form	*f;
	size_t			 i, j;

	for (i = 0; i < s->forms->n; i++) {
		f = s->forms->v[i];
		for (j = 0; j < f->nfields; j++)
			if (rec_dict_code(d, f->fields[j].key) == 0)
				return (0);
	}
	return (1);
}

/*
 * Number the field keys of the forms that fields.db does not have yet.
 * The lock on meta "fields" makes processes doing it at once take
 * turns; arg is the dictionary read and added to in this transaction.
 */
static int
dict_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	struct rec_dict		*d = arg;
	const struct form	*f;
	DBT			 key, data;
	u_char			 kb[4];
	size_t			 i, j;
	int			 ret;

	(void)cause;
	dbt_init(&key, "fields", 6);
	dbt_none(&data);
	ret = s->db[SD_META]->get(s->db[SD_META], txn, &key, &data, DB_RMW);
	if (ret != 0 && ret != DB_NOTFOUND)
		return (ret);
	if ((ret = dict_load(s, txn, d)) != 0)
		return (ret);
	for (i = 0; i < s->forms->n; i++) {
		f = s->forms->v[i];
		for (j = 0; j < f->nfields; j++) {
			if (rec_dict_code(d, f->fields[j].key) != 0)
				continue;
			put_be(kb, rec_dict_add(d, f->fields[j].key), 4);
			dbt_init(&key, kb, 4);
			dbt_init(&data, f->fields[j].key,
			    strlen(f->fields[j].key));
			if ((ret = s->db[SD_FIELDS]->put(s->db[SD_FIELDS], txn,
			    &key, &data, DB_NOOVERWRITE)) != 0)
				return (ret);
		}
	}
	return (0);
}

/* Read the key numbers, and give the keys of the forms some. */
static int
dict_setup(struct store *s, char **cause)
{
	struct rec_dict	d;
	int		ret;

	if ((ret = dict_load(s, NULL, &s->dict)) != 0) {
		*cause = bdb_cause(s, db_files[SD_FIELDS], ret);
		return (-1);
	}
	/* A replica reads with the master's numbers; it writes nothing. */
	if (s->forms == NULL || s->replica || dict_covers(s, &s->dict))
		return (0);
	rec_dict_init(&d);
	if (store_txn(s, dict_fn, &d, cause) != 0) {
		rec_dict_free(&d);
		return (-1);
	}
	rec_dict_free(&s->dict);
	s->dict = d;
	return (0);
}

/*
 * The record behind pd for the index callbacks: the one being written,
 * the one decoded last, or pd decoded now (when indexes are rebuilt).
 */
static const struct rec *
cached_rec(struct store *s, const DBT *pd)
{
	char	*cause;

	if (s->cur_rec != NULL && pd->size == s->cur_len &&
	    (pd->data == s->cur_bytes ||
	    memcmp(pd->data, s->cur_bytes, pd->size) == 0))
		return (s->cur_rec);

	if (s->cache_rec != NULL && s->cache_len == pd->size &&
	    memcmp(s->cache_bytes, pd->data, pd->size) == 0)
		return (s->cache_rec);
	rec_free(s->cache_rec);
	free(s->cache_bytes);
	s->cache_rec = NULL;
	s->cache_bytes = NULL;
	if ((s->cache_rec = store_decode(s, pd->data, pd->size,
	    &cause)) == NULL) {
		free(cause);
		return (NULL);
	}
	s->cache_bytes = xmalloc(pd->size);
	memcpy(s->cache_bytes, pd->data, pd->size);
	s->cache_len = pd->size;
	return (s->cache_rec);
}

/* The form of r, or NULL if it is not loaded. */
static const struct form *
rec_form(struct store *s, const struct rec *r)
{
	return (s->forms != NULL ? formset_find(s->forms, r->form) : NULL);
}

/*
 * Return the book key of r under form f (see idxkey.h), or NULL if r
 * lacks the office or the year. The length is in *len; free the key.
 */
char *
store_book_key(const struct rec *r, const struct form *f, size_t *len)
{
	return (idxkey_book(r, f, len));
}

/* Build into ks the keys record r gives index which. */
static void
index_keys(struct store *s, enum store_index which, const struct rec *r,
    struct idxkeys *ks)
{
	idxkeys_build(ks, which, r, rec_form(s, r),
	    r == s->cur_rec ? s->cur_fp : NULL);
}

/* A copy of len bytes at p, never of zero bytes, for Berkeley DB. */
static void *
key_copy(const void *p, size_t len)
{
	void	*k;

	k = xmalloc(len == 0 ? 1 : len);
	memcpy(k, p, len);
	return (k);
}

/*
 * Return in *keys, *lens and *n the keys record r gives index which, as
 * the store builds them (for the duplicate finder and the checks). Free
 * each key and both arrays. Returns 0.
 */
int
store_index_keys(struct store *s, enum store_index which, const struct rec *r,
    void ***keys, size_t **lens, size_t *n)
{
	struct idxkeys	 ks;
	const void	*k;
	size_t		 i;

	memset(&ks, 0, sizeof ks);
	index_keys(s, which, r, &ks);
	*keys = xcalloc(ks.n == 0 ? 1 : ks.n, sizeof **keys);
	*lens = xcalloc(ks.n == 0 ? 1 : ks.n, sizeof **lens);
	for (i = 0; i < ks.n; i++) {
		k = idxkeys_get(&ks, i, &(*lens)[i]);
		(*keys)[i] = key_copy(k, (*lens)[i]);
	}
	*n = ks.n;
	idxkeys_free(&ks);
	return (0);
}

/*
 * The only key record r gives index which, as the store builds it, with
 * its length in *len; NULL if r gives none or several. Free it.
 */
void *
store_index_key(struct store *s, enum store_index which,
    const struct rec *r, size_t *len)
{
	struct idxkeys	 ks;
	const void	*k;
	void		*out = NULL;

	memset(&ks, 0, sizeof ks);
	index_keys(s, which, r, &ks);
	if (ks.n == 1) {
		k = idxkeys_get(&ks, 0, len);
		out = key_copy(k, *len);
	}
	idxkeys_free(&ks);
	return (out);
}

/* The secondary key callback Berkeley DB calls on every write. */
static int
idx_callback(DB *sdb, const DBT *pk, const DBT *pd, DBT *sk)
{
	struct store_idx	*ix = sdb->app_private;
	struct idxkeys		*ks = &ix->s->keys;
	const struct rec	*r;
	const void		*k;
	DBT			*arr;
	size_t			 i, len;

	(void)pk;
	memset(sk, 0, sizeof *sk);
	if ((r = cached_rec(ix->s, pd)) == NULL)
		return (DB_DONOTINDEX);
	index_keys(ix->s, ix->which, r, ks);
	if (ks->n == 0)
		return (DB_DONOTINDEX);
	if (ks->n == 1) {
		k = idxkeys_get(ks, 0, &len);
		sk->data = key_copy(k, len);
		sk->size = len;
		sk->flags = DB_DBT_APPMALLOC;
		return (0);
	}
	arr = xcalloc(ks->n, sizeof *arr);
	for (i = 0; i < ks->n; i++) {
		k = idxkeys_get(ks, i, &len);
		arr[i].data = key_copy(k, len);
		arr[i].size = len;
		arr[i].flags = DB_DBT_APPMALLOC;
	}
	sk->data = arr;
	sk->size = ks->n;
	sk->flags = DB_DBT_MULTIPLE | DB_DBT_APPMALLOC;
	return (0);
}

static void *
detector_main(void *arg)
{
	struct detector	*d = arg;
	struct timespec	 ts;

	pthread_mutex_lock(&d->lock);
	while (!d->stop) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 500000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&d->cond, &d->lock, &ts);
		if (!d->stop)
			d->env->lock_detect(d->env, 0, DB_LOCK_EXPIRE, NULL);
	}
	pthread_mutex_unlock(&d->lock);
	pthread_mutex_destroy(&d->lock);
	pthread_cond_destroy(&d->cond);
	free(d);
	return (NULL);
}

static void
detector_start(struct store *s)
{
	struct detector	*d;

	d = xcalloc(1, sizeof *d);
	d->env = s->env;
	pthread_mutex_init(&d->lock, NULL);
	pthread_cond_init(&d->cond, NULL);
	if (pthread_create(&d->thread, NULL, detector_main, d) != 0) {
		pthread_mutex_destroy(&d->lock);
		pthread_cond_destroy(&d->cond);
		free(d);
		return;
	}
	s->detector = d;
}

/* Tell the detector to stop; wait for it unless abandoning. */
static void
detector_stop(struct store *s, int wait)
{
	struct detector	*d = s->detector;
	pthread_t	 t;

	if (d == NULL)
		return;
	s->detector = NULL;
	t = d->thread;
	pthread_mutex_lock(&d->lock);
	d->stop = 1;
	pthread_cond_signal(&d->cond);
	pthread_mutex_unlock(&d->lock);
	if (wait)
		pthread_join(t, NULL);
	else
		pthread_detach(t);
}

int
open_db(struct store *s, DB **dbp, const char *file, int dup, int create,
    char **cause)
{
	DB		*db;
	u_int32_t	 fl = DB_AUTO_COMMIT;
	int		 ret;

	if ((ret = db_create(&db, s->env, 0)) != 0) {
		*cause = bdb_cause(s, file, ret);
		return (-1);
	}
	db->set_flags(db, DB_CHKSUM);
	/*
	 * Entries of a full register are 1 to 2 KB: on 4 KB pages they
	 * would each take an overflow page of their own; 8 KB pages hold
	 * up to 2 KB in place. Every page read into the cache has its
	 * checksum computed a byte at a time, so 16 KB pages made a
	 * candidate look-up (four entries read) cost 0.58 ms against 0.44.
	 * The size is the file's: a database made with 16 KB keeps them.
	 */
	if (strcmp(file, db_files[SD_RECORDS]) == 0)
		db->set_pagesize(db, STORE_RECORD_PAGE);
	if (s->pass != NULL)
		db->set_flags(db, DB_ENCRYPT);
	if (dup)
		db->set_flags(db, DB_DUP | DB_DUPSORT);
	if (s->replica)
		fl |= DB_RDONLY;
	else if (create)
		fl |= DB_CREATE;
	/* Scans read records in a thread of their own (store_scan). */
	if (strcmp(file, db_files[SD_RECORDS]) == 0)
		fl |= DB_THREAD;
	if ((ret = db->open(db, NULL, file, NULL, DB_BTREE, fl,
	    s->mode)) != 0) {
		*cause = bdb_cause(s, file, ret);
		db->close(db, 0);
		return (-1);
	}
	*dbp = db;
	return (0);
}

/*
 * The replication process of s cannot make its regions while another
 * process uses them: it waits (store_replicate). Returns -1, *cause set.
 */
static int
rep_wait(struct store *s, char **cause)
{
	s->rep_busy = 1;
	xasprintf(cause, _("%s: hotich is running on this database: the "
	    "replication starts when it ends"), s->dir);
	return (-1);
}

/*
 * Remove the regions of the environment of s if no process uses them.
 * Returns 1 if they are gone.
 */
static int
region_remove(struct store *s)
{
	DB_ENV		*env;
	struct stat	 sb;
	int		 ret;

	if (db_env_create(&env, 0) != 0)
		return (0);
	if (s->pass != NULL && stat(s->dir, &sb) == 0)
		env->set_shm_key(env, shm_key(&sb));
	ret = env->remove(env, s->dir, 0);
	return (ret == 0 || ret == ENOENT);
}

/* The shared memory key of an encrypted environment: from its inode. */
static long
shm_key(const struct stat *sb)
{
	return (0x10000000L + (long)(((uint64_t)sb->st_dev * 1000003u +
	    sb->st_ino) % 0x1000000) * 16);
}

/*
 * Remove the shared memory of an encrypted environment when no other
 * process uses it (DB_ENV->remove without DB_FORCE refuses otherwise).
 */
void
shm_release(const char *dir)
{
	DB_ENV		*env;
	struct stat	 sb;

	if (stat(dir, &sb) != 0 || db_env_create(&env, 0) != 0)
		return;
	env->set_shm_key(env, shm_key(&sb));
	env->remove(env, dir, 0);
}

/*
 * DB_REGISTER and the replication make their files (__db.register,
 * __db.rep.*) with a mode of their own: give them the database's.
 */
void
env_files_mode(struct store *s)
{
	glob_t	 g;
	char	*path;
	size_t	 i;

	path = store_file(s->dir, "__db.re[gp]*");
	if (glob(path, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			(void)chmod(g.gl_pathv[i], s->mode);
		globfree(&g);
	}
	free(path);
}

/*
 * Open the environment of s, without its databases; joining the
 * replication if the database is replicated, and configuring it if s is
 * the replication process.
 */
int
env_start(struct store *s, char **cause)
{
	DB_ENV		*env;
	struct stat	 sb;
	char		*path;
	u_int32_t	 fl;
	int		 ret, incompatible;

	if ((ret = db_env_create(&env, 0)) != 0) {
		*cause = bdb_cause(s, s->dir, ret);
		return (-1);
	}
	s->env = env;
	env->app_private = s;
	env->set_errcall(env, bdb_errcall);
	env->set_event_notify(env, bdb_event);
	env->set_timeout(env, STORE_LOCK_TIMEOUT, DB_SET_LOCK_TIMEOUT);
	if (s->pass != NULL &&
	    (ret = env->set_encrypt(env, s->pass, DB_ENCRYPT_AES)) != 0) {
		*cause = bdb_cause(s, s->dir, ret);
		return (-1);
	}
	fl = DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG |
	    DB_INIT_MPOOL | DB_THREAD | DB_REGISTER | DB_RECOVER;
	/*
	 * Every environment is made ready for replication, so that it can
	 * start while clerks are at work (the flag must match the
	 * regions'); one that is not replicated never starts it.
	 */
	if (!s->rep_off)
		fl |= DB_INIT_REP;
	/*
	 * Every process of a replicated database names the sites: the
	 * one that makes the regions puts them there, and the others
	 * send what they commit themselves (or the master refuses it).
	 */
	if ((s->rep_run || (s->rep_on && !s->rep_off && !s->rep_noconf)) &&
	    rep_configure(s, cause) != 0)
		return (-1);
	/*
	 * While a replica syncs with its master (after the master was
	 * recovered, say), the replication waits for every open handle to
	 * close, and a reader waiting for the sync to end holds its handles
	 * open: both would wait for ever. A reader is told DB_REP_LOCKOUT
	 * at once instead, and store_txn reopens.
	 */
	if (s->replica && !s->rep_run && !s->rep_off &&
	    (ret = env->rep_set_config(env, DB_REP_CONF_NOWAIT, 1)) != 0) {
		*cause = bdb_cause(s, s->dir, ret);
		return (-1);
	}
	/* Regions made before the settings: they must go. */
	if (s->rep_run && s->rep_fresh && !region_remove(s))
		return (rep_wait(s, cause));
	if (s->rep_run && s->rep_fresh && s->replica) {
		/*
		 * A replica given another master (promoted elsewhere) joins
		 * its group anew; its log and generation stay.
		 */
		path = store_file(s->dir, "__db.rep.system");
		unlink(path);
		free(path);
	}
	if (s->pass != NULL) {
		/*
		 * The memory pool holds decrypted pages: keep it in shared
		 * memory rather than in region files on the disk.
		 */
		if (stat(s->dir, &sb) != 0) {
			xasprintf(cause, "%s: %s", s->dir, strerror(errno));
			return (-1);
		}
		env->set_shm_key(env, shm_key(&sb));
		fl |= DB_SYSTEM_MEM;
	}
	s->mode = file_mode(s->dir);
	if ((ret = env->open(env, s->dir, fl, s->mode)) == EINVAL &&
	    !s->rep_retry) {
		/*
		 * Regions made by an earlier hotich, without replication
		 * (BDB1540), or under other replication settings: make
		 * them again if no process uses them, else join them as
		 * they are; the replication process waits for them to be
		 * free.
		 */
		incompatible = s->bdberr != NULL &&
		    strstr(s->bdberr, "BDB1540") != NULL;
		env->close(env, 0);
		s->env = NULL;
		free(s->bdberr);
		s->bdberr = NULL;
		if (!region_remove(s)) {
			if (s->rep_run)
				return (rep_wait(s, cause));
			if (incompatible)
				s->rep_off = !s->rep_off;
			else
				s->rep_noconf = 1;
		}
		s->rep_retry = 1;
		ret = env_start(s, cause);
		s->rep_retry = 0;
		s->rep_noconf = 0;
		return (ret);
	}
	if (ret != 0) {
		*cause = bdb_cause(s, s->dir, ret);
		return (-1);
	}
	env_files_mode(s);
	return (0);
}

/*
 * Open the environment and the databases of s, with the indexes
 * associated to the records unless they are being rebuilt.
 */
static int
env_open(struct store *s, char **cause)
{
	DBT		 key;
	char		*path;
	int		 ret, i;

	if (env_start(s, cause) != 0)
		goto fail;
	if (s->replica) {
		path = store_file(s->dir, db_files[SD_RECORDS]);
		ret = access(path, F_OK);
		free(path);
		if (ret != 0) {
			xasprintf(cause, _("%s: this replica has not yet "
			    "received its database (is \"hotich replicate\" "
			    "running at both ends?)"), s->dir);
			goto fail;
		}
	}
	for (i = 0; i < SD_COUNT; i++) {
		if (open_db(s, &s->db[i], db_files[i], 0, 1, cause) != 0)
			goto fail;
	}
	for (i = 0; i < SI_COUNT; i++) {
		/*
		 * A missing index is made empty and rebuilt by store_open
		 * a batch at a time: associate with DB_CREATE would fill
		 * it in one transaction.
		 */
		path = store_file(s->dir, idx_files[i]);
		if (access(path, F_OK) != 0)
			s->idx_missing = 1;
		free(path);
		if (open_db(s, &s->idx[i], idx_files[i], 1, 1, cause) != 0)
			goto fail;
		if (s->reindexing)
			continue;
		s->idxctx[i].s = s;
		s->idxctx[i].which = i;
		s->idx[i]->app_private = &s->idxctx[i];
		if ((ret = s->db[SD_RECORDS]->associate(s->db[SD_RECORDS],
		    NULL, s->idx[i], idx_callback, s->replica ? 0 :
		    DB_AUTO_COMMIT)) != 0) {
			*cause = bdb_cause(s, idx_files[i], ret);
			goto fail;
		}
	}
	/* A replica makes no records: it needs no ids. */
	if (s->replica) {
		detector_start(s);
		return (0);
	}
	if ((ret = db_sequence_create(&s->seq, s->db[SD_SEQ], 0)) != 0) {
		*cause = bdb_cause(s, db_files[SD_SEQ], ret);
		goto fail;
	}
	s->seq->initial_value(s->seq, 1);
	s->seq->set_cachesize(s->seq, 32);
	dbt_init(&key, "records", 7);
	if ((ret = s->seq->open(s->seq, NULL, &key, DB_CREATE)) !=
	    0) {
		*cause = bdb_cause(s, db_files[SD_SEQ], ret);
		goto fail;
	}
	detector_start(s);
	return (0);

fail:
	env_close(s);
	return (-1);
}

static void
env_close(struct store *s)
{
	int	i;

	detector_stop(s, 1);
	if (s->seq != NULL) {
		s->seq->close(s->seq, 0);
		s->seq = NULL;
	}
	for (i = 0; i < SI_COUNT; i++) {
		if (s->idx[i] != NULL)
			s->idx[i]->close(s->idx[i], 0);
		s->idx[i] = NULL;
		if (s->plain[i] != NULL)
			s->plain[i]->close(s->plain[i], 0);
		s->plain[i] = NULL;
	}
	for (i = 0; i < SD_COUNT; i++) {
		if (s->db[i] != NULL)
			s->db[i]->close(s->db[i], 0);
		s->db[i] = NULL;
	}
	if (s->env != NULL) {
		/* A replica's log is the master's. */
		if (!s->replica)
			s->env->txn_checkpoint(s->env, 0, 0, 0);
		s->env->close(s->env, 0);
		s->env = NULL;
	}
	rec_free(s->cache_rec);
	free(s->cache_bytes);
	s->cache_rec = NULL;
	s->cache_bytes = NULL;
	idxkeys_free(&s->keys);
	idxkeys_free(&s->bkeys);
}

/*
 * Open the environment again after it was recovered under us or a lock
 * stayed out of reach. The old handles are abandoned, not closed:
 * closing them touches the old regions, where a process killed inside
 * Berkeley DB may still hold a mutex forever. Opening again with
 * DB_REGISTER runs recovery when a registered process is dead.
 */
static int
env_reopen(struct store *s, char **cause)
{
	int	i;

	detector_stop(s, 0);
	s->seq = NULL;
	for (i = 0; i < SI_COUNT; i++)
		s->idx[i] = s->plain[i] = NULL;
	for (i = 0; i < SD_COUNT; i++)
		s->db[i] = NULL;
	s->env = NULL;
	return (env_open(s, cause));
}

/*
 * Run fn in a transaction, committed durably; retry on deadlock and lock
 * timeout, reopen the environment when it was recovered under us or
 * after repeated timeouts. fn returns 0, a Berkeley DB error, or
 * STORE_APPERR with *cause set.
 */
int
store_txn(struct store *s, int (*fn)(struct store *, DB_TXN *, void *,
    char **), void *arg, char **cause)
{
	DB_TXN	*txn;
	int	 ret, attempt, timeouts = 0;
	time_t	 start;

	for (attempt = 0; attempt < STORE_RETRIES; attempt++) {
		start = time(NULL);
		if ((ret = s->env->txn_begin(s->env, NULL, &txn, 0)) == 0) {
			*cause = NULL;
			ret = fn(s, txn, arg, cause);
			if (ret == 0)
				ret = txn->commit(txn, 0);
			else
				txn->abort(txn);
		}
		if (ret == 0)
			return (0);
		if (ret == STORE_APPERR)
			return (-1);
		if (ret == DB_LOCK_DEADLOCK || ret == DB_LOCK_NOTGRANTED) {
			if (time(NULL) - start >= STORE_LOCK_TIMEOUT / 1000000)
				timeouts++;
			else
				timeouts = 0;
			if (timeouts < 3)
				continue;
			timeouts = 0;
		} else if (ret == DB_REP_HANDLE_DEAD || ret == DB_REP_LOCKOUT) {
			/* A replica whose files the master replaced. */
			sleep(1);
		} else if (ret != DB_RUNRECOVERY) {
			*cause = bdb_cause(s, s->dir, ret);
			return (-1);
		}
		if (env_reopen(s, cause) != 0)
			return (-1);
	}
	xasprintf(cause, _("%s: the database stayed busy; try again"),
	    s->dir);
	return (-1);
}

static int
meta_get_txn(struct store *s, DB_TXN *txn, const char *k, char **v)
{
	DBT	key, data;
	int	ret;

	dbt_init(&key, k, strlen(k));
	dbt_out(&data);
	data.flags = DB_DBT_MALLOC;
	*v = NULL;
	if ((ret = s->db[SD_META]->get(s->db[SD_META], txn, &key, &data,
	    0)) != 0)
		return (ret);
	*v = xmalloc(data.size + 1);
	memcpy(*v, data.data, data.size);
	(*v)[data.size] = '\0';
	free(data.data);
	return (0);
}

struct setup_arg {
	int	reindex;
};

/* Set the schema up on first open; see whether the indexes are current. */
static int
setup_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	struct setup_arg	*sa = arg;
	DBT			 key, data;
	char			*v, buf[32];
	int			 ret;

	if ((ret = meta_get_txn(s, txn, "schema", &v)) == DB_NOTFOUND) {
		snprintf(buf, sizeof buf, "%d", STORE_SCHEMA);
		dbt_init(&key, "schema", 6);
		dbt_init(&data, buf, strlen(buf));
		if ((ret = s->db[SD_META]->put(s->db[SD_META], txn, &key,
		    &data, 0)) != 0)
			return (ret);
		snprintf(buf, sizeof buf, "%d", STORE_INDEX_VERSION);
		dbt_init(&key, "index", 5);
		dbt_init(&data, buf, strlen(buf));
		return (s->db[SD_META]->put(s->db[SD_META], txn, &key, &data,
		    0));
	}
	if (ret != 0)
		return (ret);
	if (atoi(v) > STORE_SCHEMA) {
		xasprintf(cause, _("%s: the database is of a newer version "
		    "(%s) than this program reads (%d)"), s->dir, v,
		    STORE_SCHEMA);
		free(v);
		return (STORE_APPERR);
	}
	if (atoi(v) < STORE_SCHEMA) {
		/*
		 * Older records stay readable; newer ones are not, to the
		 * program that made the database: tell it so.
		 */
		snprintf(buf, sizeof buf, "%d", STORE_SCHEMA);
		dbt_init(&key, "schema", 6);
		dbt_init(&data, buf, strlen(buf));
		if ((ret = s->db[SD_META]->put(s->db[SD_META], txn, &key,
		    &data, 0)) != 0) {
			free(v);
			return (ret);
		}
	}
	free(v);
	if ((ret = meta_get_txn(s, txn, "index", &v)) != 0 &&
	    ret != DB_NOTFOUND)
		return (ret);
	sa->reindex = v == NULL || atoi(v) != STORE_INDEX_VERSION;
	free(v);
	return (0);
}

/*
 * Open the database in dir. forms are the forms the index keys are built
 * with (the store keeps the pointer; they must outlive it). passphrase is
 * needed for an encrypted database. With STORE_CREATE a missing database
 * is created with the defaults. Returns 0 with *sp set (close with
 * store_close), or -1 with *cause set (free it).
 */
int
store_open(struct store **sp, const char *dir, int flags,
    const char *passphrase, const struct formset *forms, char **cause)
{
	struct store		*s;
	struct store_init	 si;
	struct setup_arg	 sa = { 0 };
	int			 r;

	*sp = NULL;
	if (!store_exists(dir) && !(flags & STORE_NEW)) {
		if (!(flags & STORE_CREATE)) {
			xasprintf(cause, _("%s: no database here (create one "
			    "with \"hotich init\")"), dir);
			return (-1);
		}
		memset(&si, 0, sizeof si);
		if (store_init(dir, &si, cause) != 0)
			return (-1);
	}
	if (pass_use(dir, passphrase, flags & STORE_NEW, &passphrase,
	    cause) != 0)
		return (-1);
	s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	s->pass = passphrase != NULL ? xstrdup(passphrase) : NULL;
	s->forms = forms;
	if ((r = store_repcfg_read(dir, &s->rep, cause)) == -1) {
		store_close(s);
		return (-1);
	}
	s->rep_on = r == 1;
	s->replica = s->rep_on && s->rep.replica;
	if (env_open(s, cause) != 0 ||
	    store_txn(s, setup_fn, &sa, cause) != 0 ||
	    dict_setup(s, cause) != 0 || policy_load(s, cause) != 0) {
		store_close(s);
		return (-1);
	}
	if ((sa.reindex || s->idx_missing) && forms != NULL && s->replica) {
		xasprintf(cause, _("%s: this replica's indexes were made by "
		    "another version of hotich: run the same version at "
		    "the commune and here"), dir);
		store_close(s);
		return (-1);
	}
	if ((sa.reindex || s->idx_missing) && forms != NULL &&
	    store_reindex(s, cause) != 0) {
		store_close(s);
		return (-1);
	}
	*sp = s;
	return (0);
}

/* Close s, checkpointing so the next open has little to recover. */
void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	env_close(s);
	rec_dict_free(&s->dict);
	if (s->pass != NULL)
		shm_release(s->dir);
	if (s->pass != NULL)
		explicit_bzero(s->pass, strlen(s->pass));
	free(s->pass);
	free(s->bdberr);
	free(s->dir);
	free(s->actor);
	policy_settings_free(&s->set);
	store_repcfg_free(&s->rep);
	free(s);
}

/*
 * Name the user at the keyboard of s: the audit log names them for
 * changes whose records name nobody (an import). NULL forgets it.
 */
void
store_set_actor(struct store *s, const char *user)
{
	free(s->actor);
	s->actor = user != NULL ? xstrdup(user) : NULL;
}

/* The directory of s. */
const char *
store_path(const struct store *s)
{
	return (s->dir);
}

static void
hex(const uint8_t *p, size_t len, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * len] = '\0';
}

/*
 * Append an entry to the audit log in txn: who did what. Each entry is a
 * record of form "@audit" whose "prev" is the SHA-256 of the entry
 * before it, so removing or changing an entry breaks the chain.
 */
static int
audit_append(struct store *s, DB_TXN *txn, const char *user, const char *op,
    const char *detail)
{
	DBC		*c;
	DBT		 key, data;
	struct rec	*e;
	SHA2_CTX	 ctx;
	uint8_t		 md[SHA256_DIGEST_LENGTH];
	u_char		 kb[8];
	char		 prev[2 * SHA256_DIGEST_LENGTH + 1];
	uint64_t	 seq = 1;
	void		*bytes;
	size_t		 len;
	int		 ret;

	if ((ret = s->db[SD_AUDIT]->cursor(s->db[SD_AUDIT], txn, &c, 0)) != 0)
		return (ret);
	dbt_out(&key);
	dbt_out(&data);
	ret = c->get(c, &key, &data, DB_LAST | DB_RMW);
	if (ret == 0) {
		seq = get_be(key.data, 8) + 1;
		SHA256Init(&ctx);
		SHA256Update(&ctx, data.data, data.size);
		SHA256Final(md, &ctx);
		hex(md, sizeof md, prev);
	} else if (ret == DB_NOTFOUND) {
		memset(prev, '0', sizeof prev - 1);
		prev[sizeof prev - 1] = '\0';
	}
	cursor_done(c, &key, &data);
	if (ret != 0 && ret != DB_NOTFOUND)
		return (ret);

	if ((user == NULL || *user == '\0') && s->actor != NULL)
		user = s->actor;
	e = rec_new("@audit");
	free(e->user);
	e->user = xstrdup(user != NULL ? user : "");
	e->created = e->modified = time(NULL);
	rec_set(e, "op", op, FS_OK);
	rec_set(e, "detail", detail, FS_OK);
	rec_set(e, "prev", prev, FS_OK);
	bytes = rec_encode(e, &s->dict, &len);
	rec_free(e);
	put_be(kb, seq, 8);
	dbt_init(&key, kb, 8);
	dbt_init(&data, bytes, len);
	ret = s->db[SD_AUDIT]->put(s->db[SD_AUDIT], txn, &key, &data,
	    DB_NOOVERWRITE);
	free(bytes);
	return (ret);
}

/* What store_audit_each calls. */
struct audit_each_arg {
	struct store		*s;
	store_audit_cb		 fn;
	void			*arg;
};

static int
audit_each_fn(const void *k, size_t klen, const void *d, size_t dlen,
    void *arg, char **cause)
{
	struct audit_each_arg	*aa = arg;
	struct store_audit_entry e;
	struct rec		*r;
	char			*why;
	int			 ret;

	if (klen != 8)
		return (0);
	if ((r = store_decode(aa->s, d, dlen, &why)) == NULL) {
		xasprintf(cause, "%s: %s", db_files[SD_AUDIT], why);
		free(why);
		return (-1);
	}
	e.seq = get_be(k, 8);
	e.when = r->created;
	e.user = r->user != NULL ? r->user : "";
	e.op = rec_value(r, "op");
	e.detail = rec_value(r, "detail");
	ret = aa->fn(&e, aa->arg);
	rec_free(r);
	return (ret != 0);
}

/*
 * Call fn with every entry of the audit log, oldest first, until it
 * returns non-zero; the entry's strings belong to the store. Returns 0,
 * or -1 with *cause set.
 */
int
store_audit_each(struct store *s, store_audit_cb fn, void *arg, char **cause)
{
	struct audit_each_arg	aa = { s, fn, arg };

	if (may(s, ACT_AUDIT, cause) != 0)
		return (-1);
	return (kv_each(s, SD_AUDIT, audit_each_fn, &aa, cause));
}

/* Encode a book as a record of form "@book". */
static void *
book_encode(const struct book *b, size_t *len)
{
	struct rec	*r;
	void		*p;
	char		 buf[32];

	r = rec_new("@book");
	rec_set(r, "office", b->office, FS_OK);
	rec_set(r, "form", b->form, FS_OK);
	snprintf(buf, sizeof buf, "%ld", b->year);
	rec_set(r, "year", buf, FS_OK);
	rec_set(r, "number", b->number, FS_OK);
	snprintf(buf, sizeof buf, "%ld", b->pages);
	rec_set(r, "pages", buf, FS_OK);
	snprintf(buf, sizeof buf, "%ld", b->closing_count);
	rec_set(r, "closing_count", buf, FS_OK);
	snprintf(buf, sizeof buf, "%ld", b->closing_first);
	rec_set(r, "closing_first", buf, FS_OK);
	snprintf(buf, sizeof buf, "%ld", b->closing_last);
	rec_set(r, "closing_last", buf, FS_OK);
	snprintf(buf, sizeof buf, "%d", (int)b->status);
	rec_set(r, "status", buf, FS_OK);
	p = rec_encode(r, NULL, len);
	rec_free(r);
	return (p);
}

static struct book *
book_decode(const void *p, size_t len, char **cause)
{
	struct rec	*r;
	struct book	*b;

	if ((r = rec_decode(p, len, NULL, cause)) == NULL)
		return (NULL);
	b = xcalloc(1, sizeof *b);
	b->office = xstrdup(rec_value(r, "office"));
	b->form = xstrdup(rec_value(r, "form"));
	b->number = xstrdup(rec_value(r, "number"));
	b->year = strtol(rec_value(r, "year"), NULL, 10);
	b->pages = strtol(rec_value(r, "pages"), NULL, 10);
	b->closing_count = strtol(rec_value(r, "closing_count"), NULL, 10);
	b->closing_first = strtol(rec_value(r, "closing_first"), NULL, 10);
	b->closing_last = strtol(rec_value(r, "closing_last"), NULL, 10);
	b->status = strtol(rec_value(r, "status"), NULL, 10);
	rec_free(r);
	return (b);
}

/* Free a book; b may be NULL. */
void
store_book_free(struct book *b)
{
	if (b == NULL)
		return;
	free(b->office);
	free(b->form);
	free(b->number);
	free(b);
}

/* A book key for the fields of b. */
static char *
book_key_of(const struct book *b, const struct formset *forms, size_t *len)
{
	const struct form	*f;
	struct rec		*r;
	char			 buf[32], *k;

	if (forms == NULL || (f = formset_find(forms, b->form)) == NULL)
		return (NULL);
	r = rec_new(b->form);
	snprintf(buf, sizeof buf, "%ld", b->year);
	if (f->regno_key[RK_OFFICE] >= 0)
		rec_set(r, f->fields[f->regno_key[RK_OFFICE]].key, b->office,
		    FS_OK);
	if (f->regno_key[RK_YEAR] >= 0)
		rec_set(r, f->fields[f->regno_key[RK_YEAR]].key, buf, FS_OK);
	if (f->regno_key[RK_BOOK] >= 0)
		rec_set(r, f->fields[f->regno_key[RK_BOOK]].key, b->number,
		    FS_OK);
	k = idxkey_book(r, f, len);
	rec_free(r);
	return (k);
}

/* Make sure the book of r (key k, len bytes) exists; create it if not. */
static int
book_touch(struct store *s, DB_TXN *txn, const struct rec *r,
    const struct form *f, const void *k, size_t len)
{
	struct book	 b;
	DBT		 key, data;
	void		*p;
	size_t		 plen;
	int		 ret;

	dbt_init(&key, k, len);
	dbt_none(&data);
	ret = s->db[SD_BOOKS]->get(s->db[SD_BOOKS], txn, &key, &data, DB_RMW);
	if (ret == DB_NOTFOUND) {
		memset(&b, 0, sizeof b);
		b.office = (char *)rec_field_ok(r, f, f->regno_key[RK_OFFICE]);
		b.form = f->id;
		b.year = strtol(rec_field_ok(r, f, f->regno_key[RK_YEAR]),
		    NULL, 10);
		b.number = (char *)rec_field_ok(r, f, f->regno_key[RK_BOOK]);
		if (b.number == NULL)
			b.number = (char *)"";
		p = book_encode(&b, &plen);
		dbt_init(&data, p, plen);
		ret = s->db[SD_BOOKS]->put(s->db[SD_BOOKS], txn, &key, &data,
		    0);
		free(p);
	}
	return (ret);
}

struct write_arg {
	struct rec	**recs;
	size_t		  n;
	int		  flags;
	uint64_t	 *ids;
	int		 *isnew;
	const char	 *reason;	/* of corrections, or NULL */
	int		  need_reason;	/* refused: a reason is needed */
};

/* Append "lo-hi" (or "lo") to the id list of an audit detail. */
static void
add_range(char **list, uint64_t lo, uint64_t hi)
{
	char	*t;

	if (lo == hi)
		xasprintf(&t, "%s%s%llu", *list, **list ? "," : "",
		    (unsigned long long)lo);
	else
		xasprintf(&t, "%s%s%llu-%llu", *list, **list ? "," : "",
		    (unsigned long long)lo, (unsigned long long)hi);
	free(*list);
	*list = t;
}

/*
 * Add what the audit entry of a write says of record r, whose content
 * digest is md: its id, state, times, user and that digest.
 */
static void
audit_add(SHA2_CTX *ctx, const struct rec *r, const uint8_t *md)
{
	u_char	b[25];

	put_be(b, r->id, 8);
	b[8] = r->state;
	put_be(b + 9, (uint64_t)r->created, 8);
	put_be(b + 17, (uint64_t)r->modified, 8);
	SHA256Update(ctx, b, sizeof b);
	SHA256Update(ctx, (const uint8_t *)r->user, strlen(r->user) + 1);
	SHA256Update(ctx, md, SHA256_DIGEST_LENGTH);
}

/*
 * Put record r, whose content digest is md, in txn; the index callbacks
 * take it from s instead of decoding it again.
 */
static int
record_put(struct store *s, DB_TXN *txn, const struct rec *r,
    const uint8_t *md)
{
	DBT	 key, data;
	u_char	 kb[8];
	void	*bytes;
	size_t	 len;
	int	 ret;

	put_be(kb, r->id, 8);
	bytes = rec_encode(r, &s->dict, &len);
	dbt_init(&key, kb, 8);
	dbt_init(&data, bytes, len);
	s->cur_rec = r;
	s->cur_bytes = bytes;
	s->cur_len = len;
	memcpy(s->cur_fp, md, sizeof s->cur_fp);
	ret = s->db[SD_RECORDS]->put(s->db[SD_RECORDS], txn, &key, &data, 0);
	s->cur_rec = NULL;
	s->cur_bytes = NULL;
	free(bytes);
	return (ret);
}

/* Who is acting on s, for the policy. */
static void
actor_of(struct store *s, struct actor *a)
{
	a->name = s->actor != NULL ? s->actor : "";
	a->role = s->role;
	a->open = s->open;
}

/* Ask the policy: 0, or STORE_APPERR with *cause set. */
static int
may(struct store *s, enum action act, char **cause)
{
	struct actor	a;

	/* A replica is read: reports, exports, checks, the audit log. */
	if (s->replica && act != ACT_REPORT && act != ACT_EXPORT &&
	    act != ACT_BACKUP && act != ACT_AUDIT) {
		*cause = bdb_cause(s, s->dir, EACCES);
		return (STORE_APPERR);
	}
	actor_of(s, &a);
	return (policy_may(&a, act, cause) == PA_OK ? 0 : STORE_APPERR);
}

/*
 * Read record id in txn for an update: 0 with *rp; DB_NOTFOUND, with
 * nothing said, if there is none; or an error.
 */
static int
get_rmw(struct store *s, DB_TXN *txn, uint64_t id, struct rec **rp,
    char **cause)
{
	DBT	key, data;
	u_char	kb[8];
	int	ret;

	*rp = NULL;
	put_be(kb, id, 8);
	dbt_init(&key, kb, 8);
	dbt_out(&data);
	data.flags = DB_DBT_MALLOC;
	ret = s->db[SD_RECORDS]->get(s->db[SD_RECORDS], txn, &key, &data,
	    DB_RMW);
	if (ret != 0)
		return (ret);
	*rp = decode_record(s, kb, data.data, data.size, cause);
	free(data.data);
	return (*rp == NULL ? STORE_APPERR : 0);
}

/* get_rmw of an entry that must exist: one missing is refused, said. */
static int
get_entry(struct store *s, DB_TXN *txn, uint64_t id, struct rec **rp,
    char **cause)
{
	int	ret;

	if ((ret = get_rmw(s, txn, id, rp, cause)) == DB_NOTFOUND) {
		xasprintf(cause, _("entry %llu: no such entry"),
		    (unsigned long long)id);
		return (STORE_APPERR);
	}
	return (ret);
}

/*
 * Before record r replaces the stored one of its id: ask the policy
 * whether the actor may correct it, keep who typed it and when, and set
 * *change to what changes (NULL: nothing). A correction makes the entry
 * "entered" again, to be reviewed.
 */
static int
correct_prepare(struct store *s, DB_TXN *txn, struct write_arg *wa,
    struct rec *r, char **change, char **cause)
{
	struct actor	 a;
	struct rec	*old;
	int		 ret;

	*change = NULL;
	if ((ret = get_entry(s, txn, r->id, &old, cause)) != 0)
		return (ret);
	free(r->user);
	r->user = xstrdup(old->user);
	r->created = old->created;
	if ((*change = rec_diff(old, r)) == NULL) {
		r->state = old->state;
		rec_free(old);
		return (0);
	}
	actor_of(s, &a);
	switch (policy_correct(&a, old, wa->reason, time(NULL), &s->set,
	    cause)) {
	case PA_OK:
		break;
	case PA_NEED_REASON:
		wa->need_reason = 1;
		/* FALLTHROUGH */
	default:
		free(*change);
		*change = NULL;
		rec_free(old);
		return (STORE_APPERR);
	}
	r->state = RS_ENTERED;
	rec_free(old);
	return (0);
}

/*
 * What an audit detail ends with for reason: "; reason: "..."" quoted
 * as values are, or "" when there is none. The caller frees it.
 */
static char *
reason_part(const char *reason)
{
	struct rec_val	 rv;
	char		*q, *t;

	if (reason == NULL || *reason == '\0')
		return (xstrdup(""));
	rv.key = (char *)"reason";
	rv.value = (char *)reason;
	rv.status = FS_OK;
	q = rec_val_quote(&rv);
	xasprintf(&t, "; reason: %s", q);
	free(q);
	return (t);
}

/*
 * The audit entry of a correction of r (content digest md): "ID SHA;
 * changes; reason: "..."", naming the actor.
 */
static int
audit_correction(struct store *s, DB_TXN *txn, const struct rec *r,
    const uint8_t *md, const char *change, const char *reason)
{
	SHA2_CTX	 ctx;
	uint8_t		 h[SHA256_DIGEST_LENGTH];
	char		 hx[2 * SHA256_DIGEST_LENGTH + 1], *detail, *why;
	int		 ret;

	if (change == NULL)
		return (0);
	SHA256Init(&ctx);
	audit_add(&ctx, r, md);
	SHA256Final(h, &ctx);
	hex(h, sizeof h, hx);
	why = reason_part(reason);
	xasprintf(&detail, "%llu %s; %s%s", (unsigned long long)r->id, hx,
	    change, why);
	ret = audit_append(s, txn, s->actor, "update", detail);
	free(detail);
	free(why);
	return (ret);
}

/*
 * Write the records of wa; one audit entry covers them all: the ids
 * written and a SHA-256 over, for each in order, its id, state, times,
 * user and the SHA-256 of its content (rec_digest, whose first half is
 * the fingerprint idx-same keeps).
 */
static int
write_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	struct write_arg	*wa = arg;
	struct rec		*r;
	DBT			 key, data;
	uint8_t			 md[SHA256_DIGEST_LENGTH];
	SHA2_CTX		 ctx;
	char			*ids, *detail, h[2 * SHA256_DIGEST_LENGTH + 1];
	const void		*bk;
	void			*lastbook = NULL;
	const char		*user = NULL;
	const struct form	*f;
	uint64_t		 lo = 0, hi = 0;
	char			*change = NULL, *drafter = NULL;
	size_t			 i, blen, lastlen = 0;
	int			 ret = 0;

	ids = xstrdup("");
	SHA256Init(&ctx);
	for (i = 0; i < wa->n; i++) {
		r = wa->recs[i];
		wa->ids[i] = 0;
		f = rec_form(s, r);
		rec_digest(r, md);
		if (wa->flags & STORE_SKIP_SAME) {
			idxkeys_build(&s->bkeys, SI_SAME, r, f, md);
			bk = idxkeys_get(&s->bkeys, 0, &blen);
			dbt_init(&key, bk, blen);
			dbt_none(&data);
			ret = s->idx[SI_SAME]->get(s->idx[SI_SAME], txn, &key,
			    &data, 0);
			if (ret == 0)
				continue;
			if (ret != DB_NOTFOUND)
				break;
		}
		if (drafter == NULL)
			drafter = xstrdup(r->user);
		if (!wa->isnew[i] && (ret = correct_prepare(s, txn, wa, r,
		    &change, cause)) != 0)
			break;
		if ((ret = record_put(s, txn, r, md)) != 0) {
			free(change);
			break;
		}
		if (!wa->isnew[i]) {
			/* A correction: an entry of its own, with what changed. */
			ret = audit_correction(s, txn, r, md, change,
			    wa->reason);
			free(change);
			change = NULL;
			if (ret != 0)
				break;
		} else
			audit_add(&ctx, r, md);
		/* Books: look each one up once per transaction. */
		if (f != NULL)
			idxkeys_build(&s->bkeys, SI_BOOK, r, f, NULL);
		if (f != NULL && s->bkeys.n == 1) {
			bk = idxkeys_get(&s->bkeys, 0, &blen);
			if (lastbook == NULL || blen != lastlen ||
			    memcmp(bk, lastbook, blen) != 0) {
				if ((ret = book_touch(s, txn, r, f, bk,
				    blen)) != 0)
					break;
				free(lastbook);
				lastbook = key_copy(bk, blen);
				lastlen = blen;
			}
		}
		wa->ids[i] = r->id;
		if (!wa->isnew[i])
			continue;
		if (user == NULL)
			user = r->user;
		if (lo != 0 && r->id == hi + 1)
			hi = r->id;
		else {
			if (lo != 0)
				add_range(&ids, lo, hi);
			lo = hi = r->id;
		}
	}
	free(lastbook);
	if (ret == 0 && lo != 0) {
		add_range(&ids, lo, hi);
		SHA256Final(md, &ctx);
		hex(md, sizeof md, h);
		xasprintf(&detail, "%s %s", ids, h);
		ret = audit_append(s, txn, user, "add", detail);
		free(detail);
	}
	free(ids);
	if (ret == 0 && (wa->flags & STORE_DROP_DRAFT) && drafter != NULL) {
		dbt_init(&key, drafter, strlen(drafter));
		ret = s->db[SD_DRAFTS]->del(s->db[SD_DRAFTS], txn, &key, 0);
		if (ret == DB_NOTFOUND)
			ret = 0;
	}
	free(drafter);
	return (ret);
}

/* store_write and store_correct. */
static int
write_recs(struct store *s, struct rec **recs, size_t n, int flags,
    uint64_t *ids, const char *reason, char **cause)
{
	struct write_arg	 wa = { recs, n, flags, ids, NULL, reason, 0 };
	db_seq_t		 v;
	time_t			 now = time(NULL);
	size_t			 i;
	int			 ret = 0, tries;

	if (s->replica) {
		*cause = bdb_cause(s, s->dir, EACCES);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if (recs[i]->id == 0 && may(s, ACT_TYPE, cause) != 0)
			return (-1);
	}
	wa.isnew = xcalloc(n == 0 ? 1 : n, sizeof *wa.isnew);
	for (i = 0; i < n; i++) {
		if (recs[i]->created == 0)
			recs[i]->created = now;
		recs[i]->modified = now;
		if (recs[i]->id != 0)
			continue;
		wa.isnew[i] = 1;
		for (tries = 0; tries < STORE_RETRIES; tries++) {
			ret = s->seq->get(s->seq, NULL, 1, &v, DB_TXN_NOSYNC);
			if (ret == 0)
				break;
			if (ret == DB_RUNRECOVERY) {
				if (env_reopen(s, cause) != 0)
					goto fail;
			} else if (ret != DB_LOCK_DEADLOCK &&
			    ret != DB_LOCK_NOTGRANTED)
				break;
		}
		if (ret != 0) {
			*cause = bdb_cause(s, db_files[SD_SEQ], ret);
			goto fail;
		}
		recs[i]->id = (uint64_t)v;
	}
	if (store_txn(s, write_fn, &wa, cause) != 0) {
		for (i = 0; i < n; i++) {
			if (wa.isnew[i])
				recs[i]->id = 0;
		}
		free(wa.isnew);
		return (wa.need_reason ? 1 : -1);
	}
	free(wa.isnew);
	/*
	 * A checkpoint writes every dirty page of the cache, and an import
	 * batch logs 2 to 3 MB: checkpointing every megabyte wrote the hot
	 * index pages out after every batch. Every 32 MB (or 5 minutes) keeps
	 * recovery after a crash under a second and lets old logs go.
	 */
	s->env->txn_checkpoint(s->env, STORE_CKP_KB, 5, 0);
	return (0);

fail:
	free(wa.isnew);
	return (-1);
}

/*
 * Write n records in one transaction, committed to disk before this
 * returns. A record with id 0 is new: it gets a new id (set in it), its
 * entry time is set if zero; its modification time always. A record with
 * an id corrects the stored one, as policy_correct allows: it keeps who
 * typed it and when, and each correction has its own audit entry saying
 * what changed. With STORE_SKIP_SAME a record identical in form and
 * values to a stored one is not written. ids (n of them) receive each
 * record's id, or 0 if it was skipped. With STORE_DROP_DRAFT the draft of
 * the records' user is removed in the same transaction (saving an entry
 * and forgetting its draft are one step). Returns 0; 1 if a correction
 * needs a reason (store_correct gives one), with *cause saying why; or
 * -1 with *cause set. On 1 and -1 nothing is written; free *cause.
 */
int
store_write(struct store *s, struct rec **recs, size_t n, int flags,
    uint64_t *ids, char **cause)
{
	return (write_recs(s, recs, n, flags, ids, NULL, cause));
}

/*
 * Correct stored record r (its id set) for reason, as store_write does:
 * the reason goes into the audit log with what changed. Returns 0, 1 if
 * the reason is empty and one is needed, or -1 with *cause set.
 */
int
store_correct(struct store *s, struct rec *r, int flags, const char *reason,
    char **cause)
{
	uint64_t	id;

	return (write_recs(s, &r, 1, flags, &id, reason, cause));
}

/* Write one record durably, as store_write. */
int
store_put(struct store *s, struct rec *r, char **cause)
{
	uint64_t	id;

	return (store_write(s, &r, 1, 0, &id, cause));
}

struct get_arg {
	DB		*db;
	const void	*key;
	size_t		 klen;
	void		*data;
	size_t		 len;
};

static int
get_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	struct get_arg	*ga = arg;
	DBT		 key, data;
	int		 ret;

	(void)s;
	(void)cause;
	dbt_init(&key, ga->key, ga->klen);
	dbt_out(&data);
	data.flags = DB_DBT_MALLOC;
	ga->data = NULL;
	if ((ret = ga->db->get(ga->db, txn, &key, &data, 0)) == 0) {
		ga->data = data.data;
		ga->len = data.size;
	}
	return (ret == DB_NOTFOUND ? 0 : ret);
}

/* Read key of db: 0 with *data (free it; NULL if absent), or -1. */
static int
kv_get(struct store *s, DB *db, const void *k, size_t klen, void **data,
    size_t *len, char **cause)
{
	struct get_arg	ga = { db, k, klen, NULL, 0 };

	if (store_txn(s, get_fn, &ga, cause) != 0)
		return (-1);
	*data = ga.data;
	*len = ga.len;
	return (0);
}

struct put_arg {
	DB		*db;
	const void	*key;
	size_t		 klen;
	const void	*data;	/* NULL: delete */
	size_t		 len;
};

static int
put_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	struct put_arg	*pa = arg;
	DBT		 key, data;
	int		 ret;

	(void)s;
	(void)cause;
	dbt_init(&key, pa->key, pa->klen);
	dbt_init(&data, pa->data, pa->len);
	if (pa->data == NULL) {
		ret = pa->db->del(pa->db, txn, &key, 0);
		return (ret == DB_NOTFOUND ? 0 : ret);
	}
	return (pa->db->put(pa->db, txn, &key, &data, 0));
}

static int
kv_put(struct store *s, DB *db, const void *k, size_t klen, const void *d,
    size_t len, char **cause)
{
	struct put_arg	pa = { db, k, klen, d, len };

	return (store_txn(s, put_fn, &pa, cause));
}

/*
 * Read record id into *rp (free with rec_free). Returns 0, 1 if there is
 * no such record, or -1 with *cause set.
 */
int
store_get(struct store *s, uint64_t id, struct rec **rp, char **cause)
{
	u_char	 kb[8];
	void	*data;
	size_t	 len;

	*rp = NULL;
	put_be(kb, id, 8);
	if (kv_get(s, s->db[SD_RECORDS], kb, 8, &data, &len, cause) != 0)
		return (-1);
	if (data == NULL)
		return (1);
	*rp = decode_record(s, kb, data, len, cause);
	free(data);
	return (*rp == NULL ? -1 : 0);
}

/*
 * A scan reads records a bufferful at a time in a thread of its own
 * while the caller's thread decodes the buffer before: on two cores,
 * reading (Berkeley DB's page checksums, copies) and decoding overlap.
 */
struct scanner {
	DBC		*c;
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	DBT		 buf[2];
	int		 full[2];	/* buffer holds records to decode */
	int		 stop;		/* the decoder wants no more */
	int		 done;		/* the reader has finished */
	int		 ret;		/* and why */
};

static void *
scan_reader(void *arg)
{
	struct scanner	*sc = arg;
	DBT		 key, *d;
	u_int		 i;
	int		 ret, stop;

	dbt_out(&key);
	for (i = 0;; i ^= 1) {
		pthread_mutex_lock(&sc->lock);
		while (sc->full[i] && !sc->stop)
			pthread_cond_wait(&sc->cond, &sc->lock);
		stop = sc->stop;
		pthread_mutex_unlock(&sc->lock);
		if (stop) {
			ret = 0;
			break;
		}
		d = &sc->buf[i];
		while ((ret = sc->c->get(sc->c, &key, d, DB_NEXT |
		    DB_MULTIPLE_KEY)) == DB_BUFFER_SMALL) {
			/* One record larger than the buffer. */
			d->ulen = (d->size + 1023) / 1024 * 1024;
			d->data = xrealloc(d->data, d->ulen);
		}
		if (ret != 0)
			break;
		pthread_mutex_lock(&sc->lock);
		sc->full[i] = 1;
		pthread_cond_signal(&sc->cond);
		pthread_mutex_unlock(&sc->lock);
	}
	free(key.data);
	pthread_mutex_lock(&sc->lock);
	sc->done = 1;
	sc->ret = ret;
	pthread_cond_signal(&sc->cond);
	pthread_mutex_unlock(&sc->lock);
	return (NULL);
}

/*
 * Decode the records of one buffer and call fn for those of form (or
 * all). Returns 0, 1 if fn said stop, or -1 with *cause set.
 */
static int
scan_decode(struct store *s, DBT *data, const char *form, store_scan_cb fn,
    void *arg, char **cause)
{
	struct rec	*r;
	void		*p, *k, *d;
	u_int32_t	 klen, dlen;
	int		 stop = 0;

	DB_MULTIPLE_INIT(p, data);
	for (;;) {
		DB_MULTIPLE_KEY_NEXT(p, data, k, klen, d, dlen);
		if (p == NULL)
			return (0);
		if (klen != 8)
			continue;
		if ((r = decode_record(s, k, d, dlen, cause)) == NULL)
			return (-1);
		if (form == NULL || strcmp(form, r->form) == 0)
			stop = fn(r, arg) != 0;
		rec_free(r);
		if (stop)
			return (1);
	}
}

/*
 * Call fn for every record (of form, if not NULL) in id order, in a
 * read-only pass that sees committed data (no transaction: a long scan
 * must not hold locks against the clerks). Records come a megabyte at a
 * time (DB_MULTIPLE_KEY), read by a second thread while this one decodes
 * and calls fn for the megabyte before. fn returns non-zero to stop.
 * Returns 0, or -1 with *cause set (a damaged record stops the scan).
 */
int
store_scan(struct store *s, const char *form, store_scan_cb fn, void *arg,
    char **cause)
{
	DB		*db = s->db[SD_RECORDS];
	struct scanner	 sc;
	u_int		 i;
	int		 ret, r = 0;

	memset(&sc, 0, sizeof sc);
	if ((ret = db->cursor(db, NULL, &sc.c, 0)) != 0) {
		*cause = bdb_cause(s, db_files[SD_RECORDS], ret);
		return (-1);
	}
	for (i = 0; i < 2; i++) {
		sc.buf[i].ulen = STORE_SCAN_BUF;
		sc.buf[i].data = xmalloc(STORE_SCAN_BUF);
		sc.buf[i].flags = DB_DBT_USERMEM;
	}
	pthread_mutex_init(&sc.lock, NULL);
	pthread_cond_init(&sc.cond, NULL);
	if (pthread_create(&sc.thread, NULL, scan_reader, &sc) != 0)
		fatalx("pthread_create failed");
	for (i = 0; r == 0; i ^= 1) {
		pthread_mutex_lock(&sc.lock);
		while (!sc.full[i] && !sc.done)
			pthread_cond_wait(&sc.cond, &sc.lock);
		pthread_mutex_unlock(&sc.lock);
		if (!sc.full[i])
			break;
		r = scan_decode(s, &sc.buf[i], form, fn, arg, cause);
		pthread_mutex_lock(&sc.lock);
		sc.full[i] = 0;
		if (r != 0)
			sc.stop = 1;
		pthread_cond_signal(&sc.cond);
		pthread_mutex_unlock(&sc.lock);
	}
	pthread_join(sc.thread, NULL);
	sc.c->close(sc.c);
	pthread_mutex_destroy(&sc.lock);
	pthread_cond_destroy(&sc.cond);
	for (i = 0; i < 2; i++)
		free(sc.buf[i].data);
	if (r < 0)
		return (-1);
	if (sc.ret != 0 && sc.ret != DB_NOTFOUND) {
		*cause = bdb_cause(s, db_files[SD_RECORDS], sc.ret);
		return (-1);
	}
	return (0);
}

/*
 * Open a second handle on index file, not associated with the records,
 * or NULL. Reading an index through it gives each entry's record id
 * without reading the record behind it, as reading through the
 * associated handle would.
 */
static DB *
open_plain(struct store *s, const char *file)
{
	DB	*db;

	if (db_create(&db, s->env, 0) != 0)
		return (NULL);
	db->set_flags(db, DB_CHKSUM | DB_DUP | DB_DUPSORT);
	if (s->pass != NULL)
		db->set_flags(db, DB_ENCRYPT);
	if (db->open(db, NULL, file, NULL, DB_BTREE, DB_RDONLY | DB_THREAD,
	    0600) != 0) {
		db->close(db, 0);
		return (NULL);
	}
	return (db);
}

/* The plain handle on index which, opened on first use, or NULL. */
static DB *
plain_index(struct store *s, enum store_index which)
{
	if (s->plain[which] == NULL)
		s->plain[which] = open_plain(s, idx_files[which]);
	return (s->plain[which]);
}

/*
 * Open a cursor on index which and set key to a copy of the len bytes at k,
 * where the cursor starts. A plain cursor reads the index alone: its data
 * is the record id. Returns 0, or -1 with *cause set; the caller closes
 * both with cursor_done().
 */
static int
index_cursor(struct store *s, enum store_index which, const void *k,
    size_t len, int plain, DBC **c, DBT *key, char **cause)
{
	DB	*db = plain ? plain_index(s, which) : s->idx[which];
	int	 ret;

	if (db == NULL) {
		xasprintf(cause, "%s: %s", idx_files[which],
		    _("cannot open the index"));
		return (-1);
	}
	if ((ret = db->cursor(db, NULL, c, 0)) != 0) {
		*cause = bdb_cause(s, idx_files[which], ret);
		return (-1);
	}
	dbt_out(key);
	key->data = xmalloc(len == 0 ? 1 : len);
	memcpy(key->data, k, len);
	key->size = len;
	return (0);
}

/* Whether key (len bytes) sorts at or after the hlen bytes at hi. */
static int
key_at_or_after(const void *key, size_t len, const void *hi, size_t hlen)
{
	int	c;

	c = memcmp(key, hi, len < hlen ? len : hlen);
	return (c > 0 || (c == 0 && len >= hlen));
}

/*
 * Call fn for the records of index which, in key order, from the first
 * key at or above the len bytes at k: while keys equal k (exact), start
 * with it (prefix), or sort below the hlen bytes at hi (hi not NULL).
 * fn returns non-zero to stop. Returns 0, or -1 with *cause set.
 */
static int
index_records(struct store *s, enum store_index which, const void *k,
    size_t len, int prefix, size_t tail, const void *hi, size_t hlen,
    store_scan_cb fn, void *arg, char **cause)
{
	DBC		*c;
	DBT		 key, pkey, data;
	struct rec	*r;
	int		 ret;
	u_int32_t	 op;

	if (index_cursor(s, which, k, len, 0, &c, &key, cause) != 0)
		return (-1);
	dbt_out(&pkey);
	dbt_out(&data);
	op = prefix || hi != NULL ? DB_SET_RANGE : DB_SET;
	while ((ret = c->pget(c, &key, &pkey, &data, op)) == 0) {
		if (hi != NULL) {
			op = DB_NEXT;
			if (key_at_or_after(key.data, key.size, hi, hlen))
				break;
		} else {
			op = prefix ? DB_NEXT : DB_NEXT_DUP;
			if (key.size < len || memcmp(key.data, k, len) != 0)
				break;
			/* A longer key that starts alike: another book's. */
			if (tail != 0 && key.size != len + tail)
				continue;
		}
		if ((r = decode_record(s, pkey.data, data.data, data.size,
		    cause)) == NULL) {
			cursor_done(c, &key, &data);
			free(pkey.data);
			return (-1);
		}
		ret = fn(r, arg);
		rec_free(r);
		if (ret != 0)
			break;
	}
	cursor_done(c, &key, &data);
	free(pkey.data);
	if (ret < 0 && ret != DB_NOTFOUND) {
		*cause = bdb_cause(s, idx_files[which], ret);
		return (-1);
	}
	return (0);
}

/*
 * Call fn for every record whose key in index which equals (or, with
 * prefix set, starts with) the len bytes at key, in key order. Returns 0,
 * or -1 with *cause set.
 */
int
store_lookup(struct store *s, enum store_index which, const void *k,
    size_t len, int prefix, store_scan_cb fn, void *arg, char **cause)
{
	return (index_records(s, which, k, len, prefix, 0, NULL, 0, fn, arg,
	    cause));
}

/*
 * Call fn for every record whose key in index which is the len bytes at k
 * followed by exactly tail bytes (a book's entries in the number index,
 * by number: not those of book "70" for book "7"), in key order. Returns
 * 0, or -1 with *cause set.
 */
int
store_lookup_tail(struct store *s, enum store_index which, const void *k,
    size_t len, size_t tail, store_scan_cb fn, void *arg, char **cause)
{
	return (index_records(s, which, k, len, 1, tail, NULL, 0, fn, arg,
	    cause));
}

/*
 * Call fn for every record whose key in index which is at or above the
 * lolen bytes at lo and below the hilen bytes at hi (as bytes compare:
 * the dates of idx-regdate, the times of idx-entered), in key order,
 * until fn returns non-zero. Returns 0, or -1 with *cause set.
 */
int
store_range(struct store *s, enum store_index which, const void *lo,
    size_t lolen, const void *hi, size_t hilen, store_scan_cb fn, void *arg,
    char **cause)
{
	return (index_records(s, which, lo, lolen, 1, 0, hi, hilen, fn, arg,
	    cause));
}

/*
 * Count the entries of index which whose key starts with the len bytes at
 * k, without reading the records (the books list shows this for every
 * book). The entries of one key are counted by Berkeley DB at once, so a
 * book's entries in the book index cost one step. Returns 0, or -1 with
 * *cause set.
 */
int
store_index_count(struct store *s, enum store_index which, const void *k,
    size_t len, u_long *count, char **cause)
{
	DBC		*c;
	DBT		 key, data;
	db_recno_t	 n;
	u_int32_t	 op = DB_SET_RANGE;
	int		 ret;

	*count = 0;
	if (index_cursor(s, which, k, len, 1, &c, &key, cause) != 0)
		return (-1);
	dbt_none(&data);
	while ((ret = c->get(c, &key, &data, op)) == 0) {
		op = DB_NEXT_NODUP;
		if (key.size < len || memcmp(key.data, k, len) != 0)
			break;
		if ((ret = c->count(c, &n, 0)) != 0)
			break;
		*count += n;
	}
	cursor_done(c, &key, NULL);
	if (ret != 0 && ret != DB_NOTFOUND) {
		*cause = bdb_cause(s, idx_files[which], ret);
		return (-1);
	}
	return (0);
}

/*
 * Count the entries of index which whose key is exactly the len bytes at
 * k (a book's entries in the book index: a prefix would also count book
 * "10" with book "1"), at once, without reading the records. Returns 0,
 * or -1 with *cause set.
 */
int
store_index_count_key(struct store *s, enum store_index which, const void *k,
    size_t len, u_long *count, char **cause)
{
	DBC		*c;
	DBT		 key, data;
	db_recno_t	 n;
	int		 ret;

	*count = 0;
	if (index_cursor(s, which, k, len, 1, &c, &key, cause) != 0)
		return (-1);
	dbt_none(&data);
	if ((ret = c->get(c, &key, &data, DB_SET)) == 0 &&
	    (ret = c->count(c, &n, 0)) == 0)
		*count = n;
	cursor_done(c, &key, NULL);
	if (ret != 0 && ret != DB_NOTFOUND) {
		*cause = bdb_cause(s, idx_files[which], ret);
		return (-1);
	}
	return (0);
}

/*
 * Put plain cursor c on the greatest entry whose key is below key (the
 * last entry of the index if none is above, or if bounded is 0), reading
 * the record's id into id. Returns 0 or a Berkeley DB error.
 */
static int
seek_below(DBC *c, DBT *key, DBT *id, int bounded)
{
	int	ret;

	ret = bounded ? c->get(c, key, id, DB_SET_RANGE) : DB_NOTFOUND;
	if (ret == 0)
		return (c->get(c, key, id, DB_PREV));
	if (ret == DB_NOTFOUND)
		return (c->get(c, key, id, DB_LAST));
	return (ret);
}

/*
 * The id of the record with the greatest key of index which that starts
 * with the len bytes at k and, unless tail is 0, has tail bytes more (the
 * last entry of a book by number: book "1" must not end in book "10"), in
 * *id; 0 if there is none. If last is not NULL it gets that key (free it;
 * NULL if none) and *lastlen its length. No record is read. Returns 0, or
 * -1 with *cause set.
 */
int
store_index_last(struct store *s, enum store_index which, const void *k,
    size_t len, size_t tail, uint64_t *id, void **last, size_t *lastlen,
    char **cause)
{
	DBC		*c;
	DBT		 key, pkey;
	u_char		*p;
	size_t		 n = len;
	int		 ret;

	*id = 0;
	/* Start at the first key after them all: k plus one, as a number. */
	if (index_cursor(s, which, k, len, 1, &c, &key, cause) != 0)
		return (-1);
	p = key.data;
	while (n > 0 && p[n - 1] == 0xff)
		n--;
	if (n > 0) {
		p[n - 1]++;
		key.size = n;
	}
	dbt_out(&pkey);
	ret = seek_below(c, &key, &pkey, n > 0);
	/* Keys longer than wanted that start alike are another book's. */
	while (ret == 0 && tail != 0 && key.size != len + tail &&
	    key.size >= len && memcmp(key.data, k, len) == 0)
		ret = c->get(c, &key, &pkey, DB_PREV);
	if (last != NULL) {
		*last = NULL;
		*lastlen = 0;
	}
	if (ret == 0 && key.size >= len && memcmp(key.data, k, len) == 0 &&
	    pkey.size == 8) {
		*id = get_be(pkey.data, 8);
		if (last != NULL) {
			*last = xmalloc(key.size == 0 ? 1 : key.size);
			memcpy(*last, key.data, key.size);
			*lastlen = key.size;
		}
	}
	cursor_done(c, &key, &pkey);
	if (ret != 0 && ret != DB_NOTFOUND) {
		*cause = bdb_cause(s, idx_files[which], ret);
		return (-1);
	}
	return (0);
}

/*
 * Go on with a forward walk (see index_walk) through plain cursor c a
 * buffer of entries at a time. Returns 0 or a Berkeley DB error.
 */
static int
walk_bulk(DBC *c, const void *k, size_t plen, store_key_cb fn, void *arg)
{
	DBT		 key, buf;
	void		*p, *kp, *dp;
	u_int32_t	 klen, dlen;
	int		 ret;

	dbt_out(&key);
	memset(&buf, 0, sizeof buf);
	buf.flags = DB_DBT_USERMEM;
	buf.ulen = WALK_BUFFER;
	buf.data = xmalloc(buf.ulen);
	while ((ret = c->get(c, &key, &buf, DB_NEXT | DB_MULTIPLE_KEY)) ==
	    0) {
		DB_MULTIPLE_INIT(p, &buf);
		for (;;) {
			DB_MULTIPLE_KEY_NEXT(p, &buf, kp, klen, dp, dlen);
			if (p == NULL)
				break;
			if (klen < plen || memcmp(kp, k, plen) != 0 ||
			    (dlen == 8 && fn(kp, klen, get_be(dp, 8), arg) !=
			    0))
				goto out;
		}
	}
out:
	free(key.data);
	free(buf.data);
	return (ret);
}

/*
 * Walk index which from the len bytes at k, forward from the first key at
 * or above them or back from the greatest key below them, as long as keys
 * start with the first plen bytes of k (plen <= len), calling fn with each
 * key (its bytes belong to the store), its length and its record's id,
 * until fn returns non-zero. No record is read. A long forward walk goes
 * on a buffer at a time. Returns 0, or -1 with *cause set.
 */
static int
index_walk(struct store *s, enum store_index which, const void *k,
    size_t len, size_t plen, int back, store_key_cb fn, void *arg,
    char **cause)
{
	DBC		*c;
	DBT		 key, pkey;
	u_int		 n = 0;
	int		 ret;

	if (index_cursor(s, which, k, len, 1, &c, &key, cause) != 0)
		return (-1);
	dbt_out(&pkey);
	if (back)
		ret = seek_below(c, &key, &pkey, 1);
	else
		ret = c->get(c, &key, &pkey, DB_SET_RANGE);
	while (ret == 0) {
		if (key.size < plen || memcmp(key.data, k, plen) != 0)
			break;
		if (pkey.size == 8 &&
		    fn(key.data, key.size, get_be(pkey.data, 8), arg) != 0)
			break;
		if (!back && ++n == WALK_STEPS) {
			ret = walk_bulk(c, k, plen, fn, arg);
			break;
		}
		ret = c->get(c, &key, &pkey, back ? DB_PREV : DB_NEXT);
	}
	cursor_done(c, &key, &pkey);
	if (ret != 0 && ret != DB_NOTFOUND) {
		*cause = bdb_cause(s, idx_files[which], ret);
		return (-1);
	}
	return (0);
}

/*
 * Walk back through index which from the greatest key below the len bytes
 * at k, as long as keys start with the first plen bytes of k (plen <=
 * len), calling fn with each key (its bytes belong to the store), its
 * length and its record's id, until fn returns non-zero. No record is
 * read (the number checks find the entry numbered just below one this
 * way). Returns 0, or -1 with *cause set.
 */
int
store_index_before(struct store *s, enum store_index which, const void *k,
    size_t len, size_t plen, store_key_cb fn, void *arg, char **cause)
{
	return (index_walk(s, which, k, len, plen, 1, fn, arg, cause));
}

/*
 * Walk forward through index which from the first key at or above the
 * len bytes at k, as long as keys start with the first plen bytes of k
 * (plen <= len), calling fn as store_index_before does. No record is read
 * (the duplicate finder picks the entries worth reading this way).
 * Returns 0, or -1 with *cause set.
 */
int
store_index_walk(struct store *s, enum store_index which, const void *k,
    size_t len, size_t plen, store_key_cb fn, void *arg, char **cause)
{
	return (index_walk(s, which, k, len, plen, 0, fn, arg, cause));
}

/*
 * The number of records, or 0 with *cause set. Counted in the entry time
 * index, which has one small entry per record: a fast statistic of the
 * records themselves is only the count of the last full one.
 */
u_long
store_count(struct store *s, char **cause)
{
	DB		*db = s->idx[SI_ENTERED];
	DB_BTREE_STAT	*st;
	u_long		 n;
	int		 ret;

	*cause = NULL;
	if ((ret = db->stat(db, NULL, &st, DB_READ_COMMITTED)) != 0) {
		*cause = bdb_cause(s, idx_files[SI_ENTERED], ret);
		return (0);
	}
	n = st->bt_ndata;
	free(st);
	return (n);
}

/*
 * Return in *keys and *n the field keys that some record of form marks
 * with a status other than ok (blank, illegible, ...), in key order,
 * from the status index: without reading the records. Free each key
 * and the array. Returns 0, or -1 with *cause set.
 */
int
store_status_keys(struct store *s, const char *form, char ***keys,
    size_t *n, char **cause)
{
	DB	*db = s->idx[SI_STATUS];
	DBC	*c;
	DBT	 key, pkey, data;
	size_t	 plen = strlen(form) + 1;
	int	 ret;

	*keys = NULL;
	*n = 0;
	if ((ret = db->cursor(db, NULL, &c, 0)) != 0) {
		*cause = bdb_cause(s, idx_files[SI_STATUS], ret);
		return (-1);
	}
	dbt_out(&key);
	key.data = key_copy(form, plen);
	key.size = plen;
	dbt_out(&pkey);
	dbt_none(&data);
	ret = c->pget(c, &key, &pkey, &data, DB_SET_RANGE);
	while (ret == 0 && key.size > plen &&
	    memcmp(key.data, form, plen) == 0) {
		*keys = xreallocarray(*keys, *n + 1, sizeof **keys);
		(*keys)[(*n)++] = xstrndup((char *)key.data + plen,
		    key.size - plen);
		ret = c->pget(c, &key, &pkey, &data, DB_NEXT_NODUP);
	}
	cursor_done(c, &key, &pkey);
	if (ret != 0 && ret != DB_NOTFOUND) {
		*cause = bdb_cause(s, idx_files[SI_STATUS], ret);
		return (-1);
	}
	return (0);
}

/* Write b (create or replace). Returns 0, or -1 with *cause set. */
int
store_book_put(struct store *s, const struct book *b, char **cause)
{
	char	*k;
	void	*p;
	size_t	 klen, len;
	int	 r;

	if ((k = book_key_of(b, s->forms, &klen)) == NULL) {
		xasprintf(cause, _("book: unknown form %s"), b->form);
		return (-1);
	}
	p = book_encode(b, &len);
	r = kv_put(s, s->db[SD_BOOKS], k, klen, p, len, cause);
	free(p);
	free(k);
	return (r);
}

/*
 * Read the book of office, form, year and number into *bp (free with
 * store_book_free). Returns 0, 1 if there is none, or -1.
 */
int
store_book_get(struct store *s, const char *office, const char *form,
    long year, const char *number, struct book **bp, char **cause)
{
	struct book	 b;
	char		*k;
	void		*p;
	size_t		 klen, len;

	*bp = NULL;
	memset(&b, 0, sizeof b);
	b.office = (char *)office;
	b.form = (char *)form;
	b.year = year;
	b.number = (char *)number;
	if ((k = book_key_of(&b, s->forms, &klen)) == NULL)
		return (1);
	if (kv_get(s, s->db[SD_BOOKS], k, klen, &p, &len, cause) != 0) {
		free(k);
		return (-1);
	}
	free(k);
	if (p == NULL)
		return (1);
	*bp = book_decode(p, len, cause);
	free(p);
	return (*bp == NULL ? -1 : 0);
}

/*
 * Call fn with the key and the value of every entry of database which, in
 * key order: fn returns 0 to go on, 1 to stop, or -1 with *cause set.
 * Returns 0, or -1 with *cause set.
 */
static int
kv_each(struct store *s, enum store_db which, int (*fn)(const void *, size_t,
    const void *, size_t, void *, char **), void *arg, char **cause)
{
	DB	*db = s->db[which];
	DBC	*c;
	DBT	 key, data;
	int	 ret, r = 0;

	if ((ret = db->cursor(db, NULL, &c, 0)) != 0) {
		*cause = bdb_cause(s, db_files[which], ret);
		return (-1);
	}
	dbt_out(&key);
	dbt_out(&data);
	while (r == 0 && (ret = c->get(c, &key, &data, DB_NEXT)) == 0)
		r = fn(key.data, key.size, data.data, data.size, arg, cause);
	cursor_done(c, &key, &data);
	if (r < 0)
		return (-1);
	if (ret != 0 && ret != DB_NOTFOUND) {
		*cause = bdb_cause(s, db_files[which], ret);
		return (-1);
	}
	return (0);
}

/* What store_books gathers. */
struct books_arg {
	struct book	***bv;
	size_t		  *n;
};

static int
books_fn(const void *k, size_t klen, const void *d, size_t dlen, void *arg,
    char **cause)
{
	struct books_arg	*ba = arg;
	struct book		*b;

	(void)k;
	(void)klen;
	if ((b = book_decode(d, dlen, cause)) == NULL)
		return (-1);
	*ba->bv = xreallocarray(*ba->bv, *ba->n + 1, sizeof **ba->bv);
	(*ba->bv)[(*ba->n)++] = b;
	return (0);
}

/* Every book, in key order: *bv (free each and the array), *n. */
int
store_books(struct store *s, struct book ***bv, size_t *n, char **cause)
{
	struct books_arg	ba = { bv, n };

	*bv = NULL;
	*n = 0;
	return (kv_each(s, SD_BOOKS, books_fn, &ba, cause));
}

/* Save user's draft r (replacing any). Returns 0 or -1. */
int
store_draft_put(struct store *s, const char *user, const struct rec *r,
    char **cause)
{
	void	*p;
	size_t	 len;
	int	 ret;

	p = rec_encode(r, &s->dict, &len);
	ret = kv_put(s, s->db[SD_DRAFTS], user, strlen(user), p, len, cause);
	free(p);
	return (ret);
}

/* Read user's draft: 0 with *rp (NULL if none; free it), or -1. */
int
store_draft_get(struct store *s, const char *user, struct rec **rp,
    char **cause)
{
	void	*p;
	size_t	 len;

	*rp = NULL;
	if (kv_get(s, s->db[SD_DRAFTS], user, strlen(user), &p, &len,
	    cause) != 0)
		return (-1);
	if (p == NULL)
		return (0);
	*rp = store_decode(s, p, len, cause);
	free(p);
	return (*rp == NULL ? -1 : 0);
}

/* Remove user's draft, if any. Returns 0 or -1. */
int
store_draft_delete(struct store *s, const char *user, char **cause)
{
	return (kv_put(s, s->db[SD_DRAFTS], user, strlen(user), NULL, 0,
	    cause));
}

/* Read meta value key: 0 with *value (NULL if unset; free it), or -1. */
int
store_meta_get(struct store *s, const char *key, char **value, char **cause)
{
	void	*p;
	size_t	 len;

	*value = NULL;
	if (kv_get(s, s->db[SD_META], key, strlen(key), &p, &len, cause) != 0)
		return (-1);
	if (p != NULL) {
		*value = xmalloc(len + 1);
		memcpy(*value, p, len);
		(*value)[len] = '\0';
		free(p);
	}
	return (0);
}

/* Set meta value key. Returns 0 or -1. */
int
store_meta_put(struct store *s, const char *key, const char *value,
    char **cause)
{
	return (kv_put(s, s->db[SD_META], key, strlen(key), value,
	    strlen(value), cause));
}

int
audit_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	const char	**a = arg;

	(void)cause;
	return (audit_append(s, txn, a[0], a[1], a[2]));
}

/*
 * Append "user did op" to the audit log on its own (record writes are
 * audited by store_write). Returns 0 or -1.
 */
int
store_audit(struct store *s, const char *user, const char *op, char **cause)
{
	const char	*a[3] = { user, op, "" };

	return (store_txn(s, audit_fn, a, cause));
}

struct delete_arg {
	const u_char	*kb;
	const char	*user;
	char		*detail;
	int		 missing;
};

static int
delete_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	struct delete_arg	*da = arg;
	struct rec		*r;
	DBT			 key;
	int			 ret;

	da->missing = 0;
	if ((ret = get_rmw(s, txn, get_be(da->kb, 8), &r, cause)) != 0) {
		if (ret == DB_NOTFOUND) {
			da->missing = 1;
			return (0);
		}
		return (ret);
	}
	if (policy_locked(r, cause) != PA_OK) {
		rec_free(r);
		return (STORE_APPERR);
	}
	rec_free(r);
	dbt_init(&key, da->kb, 8);
	if ((ret = s->db[SD_RECORDS]->del(s->db[SD_RECORDS], txn, &key,
	    0)) != 0)
		return (ret);
	return (audit_append(s, txn, da->user, "delete", da->detail));
}

/*
 * Remove record id (an entry typed twice, say) and its index entries,
 * with an entry in the audit log naming user and why, in one
 * transaction. Returns 0, 1 if there is no such record, or -1 with
 * *cause set.
 */
int
store_delete(struct store *s, uint64_t id, const char *user, const char *why,
    char **cause)
{
	struct delete_arg	 da;
	u_char			 kb[8];
	int			 ret;

	if (may(s, ACT_RESOLVE, cause) != 0)
		return (-1);
	put_be(kb, id, 8);
	da.kb = kb;
	da.user = user != NULL ? user : "";
	xasprintf(&da.detail, "%llu %s", (unsigned long long)id, why);
	ret = store_txn(s, delete_fn, &da, cause);
	free(da.detail);
	if (ret == 0 && da.missing)
		return (1);
	return (ret);
}

/* The key of the pair of records a and b: the lower id first. */
static void
pair_key(u_char *kb, uint64_t a, uint64_t b)
{
	put_be(kb, a < b ? a : b, 8);
	put_be(kb + 8, a < b ? b : a, 8);
}

/* A value put, with its entry in the audit log, in one transaction. */
struct audited_put {
	DB		*db;
	const void	*key;
	size_t		 klen;
	const void	*bytes;
	size_t		 len;
	const char	*user;
	const char	*op;
	char		*detail;
};

static int
audited_put_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	struct audited_put	*ap = arg;
	DBT			 key, data;
	int			 ret;

	(void)cause;
	dbt_init(&key, (void *)ap->key, ap->klen);
	dbt_init(&data, (void *)ap->bytes, ap->len);
	if ((ret = ap->db->put(ap->db, txn, &key, &data, 0)) != 0)
		return (ret);
	return (audit_append(s, txn, ap->user, ap->op, ap->detail));
}

/*
 * Record the pair of records sp->a and sp->b (a probable duplicate, in
 * either order) with its decision (PAIR_OPEN when it is only flagged),
 * score and reason, as user's, replacing what was recorded before, with
 * an entry in the audit log, in one transaction. Returns 0, or -1 with
 * *cause set.
 */
int
store_pair_put(struct store *s, const struct store_pair *sp,
    const char *user, char **cause)
{
	struct audited_put	 ap;
	struct rec		*r;
	u_char			 kb[16];
	uint64_t		 a = sp->a, b = sp->b;
	char			 score[32];
	int			 ret;

	/* A clerk flags pairs; deciding them is a reviewer's. */
	if (may(s, ACT_RESOLVE, cause) != 0) {
		if (strcmp(sp->decision, PAIR_OPEN) != 0)
			return (-1);
		free(*cause);
		if (may(s, ACT_TYPE, cause) != 0)
			return (-1);
	}
	pair_key(kb, a, b);
	r = rec_new("@pair");
	free(r->user);
	r->user = xstrdup(user != NULL ? user : "");
	r->created = r->modified = time(NULL);
	rec_set(r, "decision", sp->decision, FS_OK);
	snprintf(score, sizeof score, "%.3f", sp->score);
	rec_set(r, "score", score, FS_OK);
	rec_set(r, "reason", sp->reason != NULL ? sp->reason : "", FS_OK);
	memset(&ap, 0, sizeof ap);
	ap.db = s->db[SD_PAIRS];
	ap.key = kb;
	ap.klen = sizeof kb;
	ap.bytes = rec_encode(r, &s->dict, &ap.len);
	ap.user = r->user;
	ap.op = "pair";
	xasprintf(&ap.detail, "%llu %llu %s",
	    (unsigned long long)(a < b ? a : b),
	    (unsigned long long)(a < b ? b : a), sp->decision);
	ret = store_txn(s, audited_put_fn, &ap, cause);
	free(ap.detail);
	free((void *)ap.bytes);
	rec_free(r);
	return (ret);
}

/* Decode a pair's decision; NULL with *cause set if it is damaged. */
static struct store_pair *
pair_decode(struct store *s, const u_char *kb, const void *p, size_t len,
    char **cause)
{
	struct store_pair	*sp;
	struct rec		*r;
	char			*why;

	if ((r = store_decode(s, p, len, &why)) == NULL) {
		xasprintf(cause, "%s: %s", db_files[SD_PAIRS], why);
		free(why);
		return (NULL);
	}
	sp = xcalloc(1, sizeof *sp);
	sp->a = get_be(kb, 8);
	sp->b = get_be(kb + 8, 8);
	sp->decision = xstrdup(rec_value(r, "decision"));
	sp->score = strtod(rec_value(r, "score"), NULL);
	sp->reason = xstrdup(rec_value(r, "reason"));
	sp->user = xstrdup(r->user != NULL ? r->user : "");
	sp->when = r->modified;
	rec_free(r);
	return (sp);
}

/*
 * The decision on the pair of records a and b: 0 with *spp (NULL if the
 * pair was never decided; free it with store_pair_free), or -1 with
 * *cause set.
 */
int
store_pair_get(struct store *s, uint64_t a, uint64_t b,
    struct store_pair **spp, char **cause)
{
	u_char	 kb[16];
	void	*data;
	size_t	 len;

	*spp = NULL;
	pair_key(kb, a, b);
	if (kv_get(s, s->db[SD_PAIRS], kb, 16, &data, &len, cause) != 0)
		return (-1);
	if (data == NULL)
		return (0);
	*spp = pair_decode(s, kb, data, len, cause);
	free(data);
	return (*spp == NULL ? -1 : 0);
}

/* What store_pairs calls. */
struct pairs_arg {
	struct store	*s;
	store_pair_cb	 fn;
	void		*arg;
};

static int
pairs_fn(const void *k, size_t klen, const void *d, size_t dlen, void *arg,
    char **cause)
{
	struct pairs_arg	*pa = arg;
	struct store_pair	*sp;
	int			 ret;

	if (klen != 16)
		return (0);
	if ((sp = pair_decode(pa->s, k, d, dlen, cause)) == NULL)
		return (-1);
	ret = pa->fn(sp, pa->arg);
	store_pair_free(sp);
	return (ret != 0);
}

/*
 * Call fn with every decided pair, in the order of their ids, until it
 * returns non-zero. The pair belongs to the store. Returns 0, or -1 with
 * *cause set.
 */
int
store_pairs(struct store *s, store_pair_cb fn, void *arg, char **cause)
{
	struct pairs_arg	pa = { s, fn, arg };

	return (kv_each(s, SD_PAIRS, pairs_fn, &pa, cause));
}

/*
 * Whether a differs from the stored account of its name only in what a
 * login attempt changes (its failures and wait): 0, or -1 with *cause.
 */
static int
login_only(struct store *s, const struct account *a, char **cause)
{
	struct account	*o;
	int		 same, ret;

	if ((ret = store_user_get(s, a->name, &o, cause)) != 0) {
		if (ret == 1)
			xasprintf(cause, _("%s: no such account"), a->name);
		return (-1);
	}
	same = o->role == a->role && o->disabled == a->disabled &&
	    strcmp(o->hash, a->hash) == 0 && (o->osuser == NULL ?
	    a->osuser == NULL : a->osuser != NULL &&
	    strcmp(o->osuser, a->osuser) == 0);
	account_free(o);
	if (same)
		return (0);
	xasprintf(cause, _("%s: a login changes only the count of failed "
	    "attempts"), a->name);
	return (-1);
}

/*
 * Save account a (replacing the one of its name), as user did op to it
 * ("add", "passwd", "disable", "login"...), with an entry in the audit
 * log, in one transaction. Returns 0, or -1 with *cause set.
 */
int
store_user_put(struct store *s, const struct account *a, const char *user,
    const char *op, char **cause)
{
	struct audited_put	 ap;
	struct rec		*r;
	int			 ret, self;

	/*
	 * The first account makes itself; then an administrator keeps them.
	 * Anyone changes their own password, and a login attempt records
	 * its failures.
	 */
	self = s->actor != NULL && strcmp(s->actor, a->name) == 0;
	if (strncmp(op, "login", 5) == 0) {
		if (login_only(s, a, cause) != 0)
			return (-1);
	} else if (!s->open && !(self && strcmp(op, "passwd") == 0) &&
	    may(s, ACT_ACCOUNTS, cause) != 0)
		return (-1);
	if (s->actor != NULL)
		user = s->actor;
	r = account_to_rec(a);
	free(r->user);
	r->user = xstrdup(user != NULL ? user : "");
	r->created = r->modified = time(NULL);
	memset(&ap, 0, sizeof ap);
	ap.db = s->db[SD_USERS];
	ap.key = a->name;
	ap.klen = strlen(a->name);
	ap.bytes = rec_encode(r, &s->dict, &ap.len);
	ap.user = r->user;
	ap.op = "user";
	xasprintf(&ap.detail, "%s %s %s", op, a->name,
	    account_role_name(a->role));
	ret = store_txn(s, audited_put_fn, &ap, cause);
	free(ap.detail);
	free((void *)ap.bytes);
	rec_free(r);
	if (ret == 0)
		s->open = 0;
	return (ret);
}

/* Decode the account of key name (len bytes); NULL with *cause set. */
static struct account *
user_decode(struct store *s, const void *name, size_t nlen, const void *p,
    size_t len, char **cause)
{
	struct account	*a;
	struct rec	*r;
	char		*why, *n;

	n = xmalloc(nlen + 1);
	memcpy(n, name, nlen);
	n[nlen] = '\0';
	if ((r = store_decode(s, p, len, &why)) == NULL) {
		xasprintf(cause, "%s: %s: %s", db_files[SD_USERS], n, why);
		free(why);
		free(n);
		return (NULL);
	}
	a = account_from_rec(n, r, cause);
	rec_free(r);
	free(n);
	return (a);
}

/*
 * Read the account called name into *ap (free with account_free).
 * Returns 0, 1 if there is none, or -1 with *cause set.
 */
int
store_user_get(struct store *s, const char *name, struct account **ap,
    char **cause)
{
	void	*data;
	size_t	 len;

	*ap = NULL;
	if (kv_get(s, s->db[SD_USERS], name, strlen(name), &data, &len,
	    cause) != 0)
		return (-1);
	if (data == NULL)
		return (1);
	*ap = user_decode(s, name, strlen(name), data, len, cause);
	free(data);
	return (*ap == NULL ? -1 : 0);
}

/* What store_users gathers. */
struct users_arg {
	struct store	  *s;
	struct account	***av;
	size_t		  *n;
};

static int
users_fn(const void *k, size_t klen, const void *d, size_t dlen, void *arg,
    char **cause)
{
	struct users_arg	*ua = arg;
	struct account		*a;

	if ((a = user_decode(ua->s, k, klen, d, dlen, cause)) == NULL)
		return (-1);
	*ua->av = xreallocarray(*ua->av, *ua->n + 1, sizeof **ua->av);
	(*ua->av)[(*ua->n)++] = a;
	return (0);
}

/*
 * Every account, by name, into *av (free each with account_free, and the
 * array) and *n. Returns 0, or -1 with *cause set.
 */
int
store_users(struct store *s, struct account ***av, size_t *n, char **cause)
{
	struct users_arg	ua = { s, av, n };

	*av = NULL;
	*n = 0;
	return (kv_each(s, SD_USERS, users_fn, &ua, cause));
}

/* Free a pair's decision. */
void
store_pair_free(struct store_pair *sp)
{
	if (sp == NULL)
		return;
	free(sp->decision);
	free(sp->reason);
	free(sp->user);
	free(sp);
}

static void
report(struct store_report *rp, const char *fmt, ...)
{
	va_list	 ap;
	char	*line;

	if (rp->nlines >= 200)
		return;
	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) == -1)
		fatalx("vasprintf");
	va_end(ap);
	rp->lines = xreallocarray(rp->lines, rp->nlines + 1,
	    sizeof *rp->lines);
	rp->lines[rp->nlines++] = line;
}

/* Free what store_check put in rp. */
void
store_report_clear(struct store_report *rp)
{
	size_t	i;

	for (i = 0; i < rp->nlines; i++)
		free(rp->lines[i]);
	free(rp->lines);
	memset(rp, 0, sizeof *rp);
}

/* Verify the pages of one database file. */
static void
check_file(struct store *s, const char *file, struct store_report *rp)
{
	DB	*db;
	char	*path;
	int	 ret;

	path = store_file(s->dir, file);
	if (access(path, F_OK) != 0) {
		report(rp, _("%s: missing"), file);
		free(path);
		return;
	}
	free(path);
	if ((ret = db_create(&db, s->env, 0)) != 0) {
		report(rp, "%s: %s", file, db_strerror(ret));
		return;
	}
	if (s->pass != NULL)
		db->set_flags(db, DB_ENCRYPT);
	/* DB->verify frees the handle whatever it returns. */
	if ((ret = db->verify(db, file, NULL, NULL, 0)) != 0) {
		if (s->bdberr != NULL)
			report(rp, _("%s: damaged: %s (%s)"), file,
			    db_strerror(ret), s->bdberr);
		else
			report(rp, _("%s: damaged: %s"), file,
			    db_strerror(ret));
		free(s->bdberr);
		s->bdberr = NULL;
	}
}

/*
 * What store_check carries through the records. plain holds a second
 * handle on each index file, not associated with the records, so that
 * probing an index never reads the record behind the entry.
 */
struct check_arg {
	struct store		*s;
	struct store_report	*rp;
	u_long			 keys[SI_COUNT];
	DB			*plain[SI_COUNT];
	struct idxkeys		 ks;
};

static int
check_record(const struct rec *r, void *arg)
{
	struct check_arg	*ca = arg;
	struct store		*s = ca->s;
	struct idxkeys		*ks = &ca->ks;
	DBC			*c;
	DBT			 key, pkey;
	u_char			 kb[8];
	void			*k;
	size_t			 j, len;
	int			 i, ret;

	ca->rp->records++;
	if (s->forms != NULL && formset_find(s->forms, r->form) == NULL &&
	    r->form[0] != '@')
		report(ca->rp, _("record %llu: form %s is not loaded; its "
		    "indexes cannot be checked"), (unsigned long long)r->id,
		    r->form);
	put_be(kb, r->id, 8);
	for (i = 0; i < SI_COUNT; i++) {
		index_keys(s, i, r, ks);
		ca->keys[i] += ks->n;
		if (ca->plain[i] == NULL ||
		    ca->plain[i]->cursor(ca->plain[i], NULL, &c, 0) != 0)
			continue;
		for (j = 0; j < ks->n; j++) {
			k = (void *)idxkeys_get(ks, j, &len);
			dbt_in(&key, k, len);
			dbt_in(&pkey, kb, 8);
			ret = c->get(c, &key, &pkey, DB_GET_BOTH);
			if (ret != 0)
				report(ca->rp, _("record %llu: missing from "
				    "index %s"), (unsigned long long)r->id,
				    idx_files[i]);
		}
		c->close(c);
	}
	return (0);
}

/*
 * Count the entries of index i. Every record's entries were found in it
 * (check_record), and an index never holds an entry twice, so when the
 * count is the number of keys the records give, there is no other
 * entry. Otherwise look for entries whose record is gone.
 */
static void
check_index(struct check_arg *ca, int i)
{
	struct store	*s = ca->s;
	DB_BTREE_STAT	*st;
	DBC		*c;
	DBT		 key, pkey, data;
	u_long		 n;
	int		 ret;

	if (ca->plain[i] == NULL) {
		report(ca->rp, _("%s: missing"), idx_files[i]);
		return;
	}
	if ((ret = ca->plain[i]->stat(ca->plain[i], NULL, &st, 0)) != 0) {
		report(ca->rp, "%s: %s", idx_files[i], db_strerror(ret));
		return;
	}
	n = st->bt_ndata;
	free(st);
	ca->rp->index_entries += n;
	if (n == ca->keys[i])
		return;
	report(ca->rp, _("index %s: %lu entries for %lu keys"), idx_files[i],
	    n, ca->keys[i]);
	if (s->idx[i]->cursor(s->idx[i], NULL, &c, 0) != 0)
		return;
	dbt_out(&key);
	dbt_out(&pkey);
	dbt_none(&data);
	while ((ret = c->pget(c, &key, &pkey, &data, DB_NEXT)) == 0)
		/* nothing */;
	if (ret == DB_SECONDARY_BAD)
		report(ca->rp, _("index %s: an entry points at no record"),
		    idx_files[i]);
	else if (ret != DB_NOTFOUND)
		report(ca->rp, "%s: %s", idx_files[i], db_strerror(ret));
	cursor_done(c, &key, &pkey);
}

/* Check the audit chain: contiguous numbers, each "prev" the hash. */
static void
check_audit(struct store *s, struct store_report *rp)
{
	DB		*db = s->db[SD_AUDIT];
	DBC		*c;
	DBT		 key, data;
	struct rec	*e;
	SHA2_CTX	 ctx;
	uint8_t		 md[SHA256_DIGEST_LENGTH];
	char		 prev[2 * SHA256_DIGEST_LENGTH + 1], *why;
	uint64_t	 seq, want = 1;
	int		 ret;

	memset(prev, '0', sizeof prev - 1);
	prev[sizeof prev - 1] = '\0';
	if (db->cursor(db, NULL, &c, 0) != 0)
		return;
	dbt_out(&key);
	dbt_out(&data);
	while ((ret = c->get(c, &key, &data, DB_NEXT)) == 0) {
		rp->audit_entries++;
		seq = key.size == 8 ? get_be(key.data, 8) : 0;
		if (seq != want) {
			report(rp, _("audit log: entry %llu follows %llu"),
			    (unsigned long long)seq,
			    (unsigned long long)want - 1);
			want = seq;
		}
		want++;
		if ((e = store_decode(s, data.data, data.size, &why)) == NULL) {
			report(rp, _("audit log: entry %llu: %s"),
			    (unsigned long long)seq, why);
			free(why);
		} else {
			if (strcmp(rec_value(e, "prev"), prev) != 0)
				report(rp, _("audit log: entry %llu does not "
				    "chain to the one before it"),
				    (unsigned long long)seq);
			rec_free(e);
		}
		SHA256Init(&ctx);
		SHA256Update(&ctx, data.data, data.size);
		SHA256Final(md, &ctx);
		hex(md, sizeof md, prev);
	}
	cursor_done(c, &key, &data);
	if (ret != DB_NOTFOUND)
		report(rp, "%s: %s", db_files[SD_AUDIT], db_strerror(ret));
}

/*
 * Verify every database file page by page, that every record decodes
 * and is in every index it should be, that every index entry points at
 * a record, and the audit log's chain. Problems go to rp (clear it with
 * store_report_clear). Returns 0 if all is sound, -1 if not.
 */
int
store_check(struct store *s, struct store_report *rp)
{
	struct check_arg	 ca;
	DBC			*c;
	DBT			 key, data;
	char			*cause;
	int			 i;

	memset(rp, 0, sizeof *rp);
	memset(&ca, 0, sizeof ca);
	ca.s = s;
	ca.rp = rp;
	s->env->memp_sync(s->env, NULL);
	for (i = 0; i < SD_COUNT; i++)
		check_file(s, db_files[i], rp);
	for (i = 0; i < SI_COUNT; i++)
		check_file(s, idx_files[i], rp);
	if (rp->nlines != 0)
		return (-1);

	for (i = 0; i < SI_COUNT; i++)
		ca.plain[i] = open_plain(s, idx_files[i]);
	if (store_scan(s, NULL, check_record, &ca, &cause) != 0) {
		report(rp, "%s", cause);
		free(cause);
	}
	idxkeys_free(&ca.ks);
	for (i = 0; i < SI_COUNT; i++) {
		check_index(&ca, i);
		if (ca.plain[i] != NULL)
			ca.plain[i]->close(ca.plain[i], 0);
	}
	check_audit(s, rp);
	if (s->db[SD_BOOKS]->cursor(s->db[SD_BOOKS], NULL, &c, 0) == 0) {
		dbt_out(&key);
		dbt_out(&data);
		while (c->get(c, &key, &data, DB_NEXT) == 0)
			rp->books++;
		cursor_done(c, &key, &data);
	}
	return (rp->nlines == 0 ? 0 : -1);
}

struct reindex_arg {
	uint64_t	next;		/* the first id of this batch */
	uint64_t	after;		/* the first id of the next one */
	int		done;
	u_long		count;		/* records indexed in the batch */
	struct idxkeys	ks;
};

/* Who hears of a rebuild of the indexes: see store_set_progress. */
static store_progress_cb	 progress_fn;
static void			*progress_arg;

/*
 * Have fn called with arg now and then while store_open (or
 * store_reindex) rebuilds the indexes, which takes minutes on millions
 * of entries: with the records done and their total (0 if not known).
 * For the whole process; NULL stops it.
 */
void
store_set_progress(store_progress_cb fn, void *arg)
{
	progress_fn = fn;
	progress_arg = arg;
}

/* Index the next batch of records, from id ra->next. */
static int
reindex_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	struct reindex_arg	*ra = arg;
	DB			*db = s->db[SD_RECORDS];
	DBC			*c;
	DBT			 key, data, pkey, skey;
	struct rec		*r;
	const void		*k;
	size_t			 len, j;
	u_int			 n = 0;
	int			 i, ret;

	if ((ret = db->cursor(db, txn, &c, 0)) != 0)
		return (ret);
	dbt_out(&key);
	key.data = xmalloc(8);
	key.size = 8;
	put_be(key.data, ra->next, 8);
	dbt_out(&data);
	ret = c->get(c, &key, &data, DB_SET_RANGE);
	for (; ret == 0 && n < 1000; ret = c->get(c, &key, &data, DB_NEXT)) {
		if (key.size != 8)
			continue;
		if ((r = decode_record(s, key.data, data.data, data.size,
		    cause)) == NULL) {
			cursor_done(c, &key, &data);
			return (STORE_APPERR);
		}
		dbt_init(&pkey, key.data, 8);
		for (i = 0; i < SI_COUNT && ret == 0; i++) {
			index_keys(s, i, r, &ra->ks);
			for (j = 0; j < ra->ks.n && ret == 0; j++) {
				k = idxkeys_get(&ra->ks, j, &len);
				dbt_init(&skey, k, len);
				ret = s->idx[i]->put(s->idx[i], txn, &skey,
				    &pkey, 0);
			}
		}
		rec_free(r);
		if (ret != 0)
			break;
		ra->after = get_be(key.data, 8) + 1;
		n++;
	}
	ra->count = n;
	cursor_done(c, &key, &data);
	if (ret == DB_NOTFOUND) {
		ra->done = 1;
		ret = 0;
	}
	return (ret);
}

/*
 * Rebuild every secondary index from the records (after the key builders
 * or the forms changed): remove the index files, fill new ones a batch
 * of records per transaction, then record the index version. Killed on
 * the way, the next open starts again, as the version is still old. The
 * database must not be in use by other processes. Returns 0 or -1.
 */
int
store_reindex(struct store *s, char **cause)
{
	struct reindex_arg	 ra;
	char			 buf[32], *ignore;
	u_long			 total = 0, done = 0;
	int			 i, ret, r = -1;

	memset(&ra, 0, sizeof ra);
	/* The old entry time index says how many, if it is there. */
	if (progress_fn != NULL && s->idx[SI_ENTERED] != NULL) {
		total = store_count(s, &ignore);
		free(ignore);
	}
	s->reindexing = 1;
	env_close(s);
	if (env_open(s, cause) != 0)
		goto out;
	for (i = 0; i < SI_COUNT; i++) {
		s->idx[i]->close(s->idx[i], 0);
		s->idx[i] = NULL;
		ret = s->env->dbremove(s->env, NULL, idx_files[i], NULL,
		    DB_AUTO_COMMIT);
		if (ret != 0 && ret != ENOENT) {
			*cause = bdb_cause(s, idx_files[i], ret);
			goto out;
		}
		if (open_db(s, &s->idx[i], idx_files[i], 1, 1, cause) != 0)
			goto out;
	}
	if (progress_fn != NULL)
		progress_fn(0, total, progress_arg);
	while (!ra.done) {
		if (store_txn(s, reindex_fn, &ra, cause) != 0)
			goto out;
		ra.next = ra.after;
		done += ra.count;
		if (progress_fn != NULL)
			progress_fn(done, total == 0 || total > done ? total :
			    done, progress_arg);
	}
	snprintf(buf, sizeof buf, "%d", STORE_INDEX_VERSION);
	if (store_meta_put(s, "index", buf, cause) != 0)
		goto out;
	/* Reopen, associating the indexes now filled. */
	s->reindexing = 0;
	s->idx_missing = 0;
	env_close(s);
	r = env_open(s, cause);
out:
	s->reindexing = 0;
	idxkeys_free(&ra.ks);
	return (r);
}

/*
 * Copy the database into dir (which must not exist) while other
 * processes go on writing, then run catastrophic recovery on the copy so
 * it opens by itself. Returns 0, or -1 with *cause set.
 */
int
store_backup(struct store *s, const char *dir, char **cause)
{
	DB_ENV		*env;
	char		*from, *to;
	FILE		*in, *out;
	char		 buf[8192];
	size_t		 n;
	const char	*extra[] = { "DB_CONFIG", STORE_MARKER };
	u_int		 i;
	int		 ret;

	if (may(s, ACT_BACKUP, cause) != 0)
		return (-1);
	if (mkdir(dir, 0700) != 0) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		return (-1);
	}
	s->env->txn_checkpoint(s->env, 0, 0, DB_FORCE);
	if ((ret = s->env->backup(s->env, dir, 0)) != 0) {
		*cause = bdb_cause(s, dir, ret);
		return (-1);
	}
	for (i = 0; i < sizeof extra / sizeof extra[0]; i++) {
		from = store_file(s->dir, extra[i]);
		to = store_file(dir, extra[i]);
		in = fopen(from, "r");
		out = in != NULL ? fopen(to, "w") : NULL;
		while (out != NULL && (n = fread(buf, 1, sizeof buf, in)) > 0)
			fwrite(buf, 1, n, out);
		ret = in == NULL || out == NULL || ferror(in) ||
		    fflush(out) != 0 || fsync(fileno(out)) != 0;
		if (in != NULL)
			fclose(in);
		if (out != NULL)
			fclose(out);
		if (ret) {
			xasprintf(cause, "%s: %s", to, strerror(errno));
			free(from);
			free(to);
			return (-1);
		}
		free(from);
		free(to);
	}
	if ((ret = db_env_create(&env, 0)) != 0) {
		*cause = bdb_cause(NULL, dir, ret);
		return (-1);
	}
	if (s->pass != NULL)
		env->set_encrypt(env, s->pass, DB_ENCRYPT_AES);
	ret = env->open(env, dir, DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK |
	    DB_INIT_LOG | DB_INIT_MPOOL | DB_RECOVER_FATAL | DB_PRIVATE, 0600);
	if (ret != 0) {
		*cause = bdb_cause(NULL, dir, ret);
		env->close(env, 0);
		return (-1);
	}
	env->txn_checkpoint(env, 0, 0, DB_FORCE);
	env->close(env, 0);
	return (0);
}

/*
 * Accounts, settings and review states. While a database has no account
 * it is open: whoever runs the program may do everything, as before
 * accounts existed. Once one exists, every change is checked against the
 * role of the user store_login named.
 */

/* Read the settings and whether accounts exist, at open. */
static int
policy_load(struct store *s, char **cause)
{
	const char *const	*k;
	DBC			*c;
	DBT			 key, data;
	char			 mk[64], *v, *why;
	int			 ret;

	policy_settings_free(&s->set);
	policy_defaults(&s->set);
	for (k = policy_setting_keys(); *k != NULL; k++) {
		snprintf(mk, sizeof mk, "setting:%s", *k);
		if (store_meta_get(s, mk, &v, cause) != 0)
			return (-1);
		if (v != NULL && policy_setting_set(&s->set, *k, v,
		    &why) != 0) {
			xasprintf(cause, "%s: %s", db_files[SD_META], why);
			free(why);
			free(v);
			return (-1);
		}
		free(v);
	}
	if ((ret = s->db[SD_USERS]->cursor(s->db[SD_USERS], NULL, &c,
	    0)) != 0) {
		*cause = bdb_cause(s, db_files[SD_USERS], ret);
		return (-1);
	}
	dbt_out(&key);
	dbt_none(&data);
	ret = c->get(c, &key, &data, DB_FIRST);
	cursor_done(c, &key, NULL);
	if (ret != 0 && ret != DB_NOTFOUND) {
		*cause = bdb_cause(s, db_files[SD_USERS], ret);
		return (-1);
	}
	s->open = ret == DB_NOTFOUND;
	return (0);
}

/*
 * Act on s as account a from now on (its name and role are copied), or
 * as nobody when a is NULL. The caller has checked the password, or the
 * operating-system login tied to the account.
 */
void
store_login(struct store *s, const struct account *a)
{
	store_set_actor(s, a != NULL ? a->name : NULL);
	s->role = a != NULL ? a->role : ROLE_CLERK;
}

/* The name of the user acting on s, or NULL. */
const char *
store_actor(const struct store *s)
{
	return (s->actor);
}

/* Whether s has no account yet, so that anyone may do anything. */
int
store_is_open(const struct store *s)
{
	return (s->open);
}

/*
 * Whether the user acting on s may do act: 0, or -1 with *cause set
 * (free it) saying who may not do what.
 */
int
store_may(struct store *s, enum action act, char **cause)
{
	return (may(s, act, cause) == 0 ? 0 : -1);
}

/* The settings of s (hotich config); they belong to s. */
const struct policy_settings *
store_settings(const struct store *s)
{
	return (&s->set);
}

/*
 * Set setting key to value (text, as hotich config takes it), an
 * administrator's work, with an entry in the audit log. Returns 0, or -1
 * with *cause set.
 */
int
store_setting_put(struct store *s, const char *key, const char *value,
    char **cause)
{
	struct policy_settings	 t;
	struct audited_put	 ap;
	char			 mk[64], *detail;
	int			 ret;

	if (may(s, ACT_SETTINGS, cause) != 0)
		return (-1);
	policy_defaults(&t);
	ret = policy_setting_set(&t, key, value, cause);
	policy_settings_free(&t);
	if (ret != 0)
		return (-1);
	snprintf(mk, sizeof mk, "setting:%s", key);
	xasprintf(&detail, "%s %s", key, value);
	memset(&ap, 0, sizeof ap);
	ap.db = s->db[SD_META];
	ap.key = mk;
	ap.klen = strlen(mk);
	ap.bytes = value;
	ap.len = strlen(value);
	ap.op = "setting";
	ap.detail = detail;
	ret = store_txn(s, audited_put_fn, &ap, cause);
	free(detail);
	if (ret != 0)
		return (-1);
	return (policy_setting_set(&s->set, key, value, cause));
}

/* Decode a verification of record key kb; NULL with *cause set. */
static struct store_verif *
verif_decode(struct store *s, const u_char *kb, const void *p, size_t len,
    char **cause)
{
	struct store_verif	*v;
	struct rec		*r;
	const struct rec_val	*rv;
	char			*why;
	size_t			 i;

	if ((r = store_decode(s, p, len, &why)) == NULL) {
		xasprintf(cause, "%s: %s", db_files[SD_VERIFS], why);
		free(why);
		return (NULL);
	}
	v = xcalloc(1, sizeof *v);
	v->id = get_be(kb, 8);
	v->verifier = xstrdup(r->user);
	v->when = r->created;
	v->clerk = xstrdup(rec_value(r, "clerk"));
	v->compared = (u_int)strtoul(rec_value(r, "compared"), NULL, 10);
	for (i = 0; i < r->nvals; i++) {
		rv = &r->vals[i];
		if (strncmp(rv->key, "d:", 2) != 0)
			continue;
		v->diffs = xreallocarray(v->diffs, v->ndiffs + 1,
		    sizeof *v->diffs);
		v->diffs[v->ndiffs].key = xstrdup(rv->key + 2);
		v->diffs[v->ndiffs].keyer = strchr(rv->value, 'k') != NULL;
		v->diffs[v->ndiffs].verifier = strchr(rv->value, 'v') != NULL;
		v->ndiffs++;
	}
	rec_free(r);
	return (v);
}

/* Free a verification. */
void
store_verif_free(struct store_verif *v)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < v->ndiffs; i++)
		free(v->diffs[i].key);
	free(v->diffs);
	free(v->clerk);
	free(v->verifier);
	free(v);
}

/* Whether the keyer of v got a field wrong. */
int
store_verif_wrong(const struct store_verif *v)
{
	size_t	i;

	for (i = 0; i < v->ndiffs; i++) {
		if (v->diffs[i].keyer)
			return (1);
	}
	return (0);
}

/* What store_verifs calls. */
struct verifs_arg {
	struct store	*s;
	store_verif_cb	 fn;
	void		*arg;
};

static int
verifs_fn(const void *k, size_t klen, const void *d, size_t dlen, void *arg,
    char **cause)
{
	struct verifs_arg	*va = arg;
	struct store_verif	*v;
	int			 ret;

	if (klen != 8)
		return (0);
	if ((v = verif_decode(va->s, k, d, dlen, cause)) == NULL)
		return (-1);
	ret = va->fn(v, va->arg);
	store_verif_free(v);
	return (ret != 0);
}

/*
 * Call fn with every verification by re-keying, in the order of the
 * records' ids, until it returns non-zero. Returns 0, or -1 with *cause.
 */
int
store_verifs(struct store *s, store_verif_cb fn, void *arg, char **cause)
{
	struct verifs_arg	va = { s, fn, arg };

	return (kv_each(s, SD_VERIFS, verifs_fn, &va, cause));
}

/*
 * Read the verification of record id into *vp (free it with
 * store_verif_free). Returns 0, 1 if it was never re-keyed, or -1.
 */
int
store_verif_get(struct store *s, uint64_t id, struct store_verif **vp,
    char **cause)
{
	u_char	 kb[8];
	void	*data;
	size_t	 len;

	*vp = NULL;
	put_be(kb, id, 8);
	if (kv_get(s, s->db[SD_VERIFS], kb, 8, &data, &len, cause) != 0)
		return (-1);
	if (data == NULL)
		return (1);
	*vp = verif_decode(s, kb, data, len, cause);
	free(data);
	return (*vp == NULL ? -1 : 0);
}

/* Add verification v to the count of its clerk in the table arg. */
static int
rekey_fn(const struct store_verif *v, void *arg)
{
	struct store_rekey	*rk = arg;
	size_t			 i;

	for (i = 0; i < rk->n; i++)
		if (strcmp(rk->clerks[i], v->clerk) == 0)
			break;
	if (i == rk->n) {
		rk->clerks = xreallocarray(rk->clerks, rk->n + 1,
		    sizeof *rk->clerks);
		rk->e = xreallocarray(rk->e, rk->n + 1, sizeof *rk->e);
		rk->clerks[i] = xstrdup(v->clerk);
		memset(&rk->e[i], 0, sizeof rk->e[i]);
		rk->n++;
	}
	rk->e[i].checked++;
	rk->e[i].wrong += store_verif_wrong(v);
	return (0);
}

/*
 * Read every clerk's measured keying (entries re-keyed, and those found
 * with an error) into *rk, one pass over the verifications, to decide
 * with store_rekey_need which entries must be re-keyed. Free it with
 * store_rekey_free. Returns 0, or -1 with *cause set.
 */
int
store_rekey_load(struct store *s, struct store_rekey *rk, char **cause)
{
	memset(rk, 0, sizeof *rk);
	rk->set = &s->set;
	if (store_verifs(s, rekey_fn, rk, cause) != 0) {
		store_rekey_free(rk);
		return (-1);
	}
	return (0);
}

/* The measured keying of clerk in rk (none re-keyed if not there). */
const struct policy_errors *
store_rekey_errors(const struct store_rekey *rk, const char *clerk)
{
	static const struct policy_errors	none;
	size_t					i;

	for (i = 0; i < rk->n; i++)
		if (strcmp(rk->clerks[i], clerk) == 0)
			return (&rk->e[i]);
	return (&none);
}

/*
 * Whether entry id, typed by clerk, must be re-keyed blind to be
 * verified: it is in the sample, or the clerk's errors are high.
 */
int
store_rekey_need(const struct store_rekey *rk, uint64_t id,
    const char *clerk)
{
	return (policy_sampled(id, rk->set) ||
	    policy_high(store_rekey_errors(rk, clerk), rk->set));
}

/* Free what rk holds (not rk). */
void
store_rekey_free(struct store_rekey *rk)
{
	size_t	i;

	for (i = 0; i < rk->n; i++)
		free(rk->clerks[i]);
	free(rk->clerks);
	free(rk->e);
	memset(rk, 0, sizeof *rk);
}

/*
 * The measured keying of clerk into *e. Returns 0, or -1 with *cause
 * set.
 */
int
store_errors(struct store *s, const char *clerk, struct policy_errors *e,
    char **cause)
{
	struct store_rekey	rk;

	if (store_rekey_load(s, &rk, cause) != 0)
		return (-1);
	*e = *store_rekey_errors(&rk, clerk);
	store_rekey_free(&rk);
	return (0);
}

/* What move_fn does. */
struct move_arg {
	const uint64_t	*ids;
	size_t		 n;
	enum rec_state	 to;
	const char	*reason;
	const struct store_rekey *rk;	/* to verified: who is re-keyed */
	int		 need_reason;
};

static int
move_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	struct move_arg	*ma = arg;
	struct actor	 a;
	struct rec	*r;
	uint8_t		 md[SHA256_DIGEST_LENGTH];
	char		*ids, *detail, *why;
	uint64_t	 lo = 0, hi = 0;
	size_t		 i;
	int		 ret = 0;

	actor_of(s, &a);
	ids = xstrdup("");
	for (i = 0; i < ma->n; i++) {
		if ((ret = get_entry(s, txn, ma->ids[i], &r, cause)) != 0)
			break;
		switch (policy_move(&a, r, ma->to, ma->reason,
		    ma->rk != NULL && store_rekey_need(ma->rk, r->id,
		    r->user) ? 2 : 0, cause)) {
		case PA_OK:
			break;
		case PA_NEED_REASON:
			ma->need_reason = 1;
			/* FALLTHROUGH */
		default:
			ret = STORE_APPERR;
			break;
		}
		if (ret != 0) {
			rec_free(r);
			break;
		}
		r->state = ma->to;
		r->modified = time(NULL);
		rec_digest(r, md);
		ret = record_put(s, txn, r, md);
		rec_free(r);
		if (ret != 0)
			break;
		if (lo != 0 && ma->ids[i] == hi + 1)
			hi = ma->ids[i];
		else {
			if (lo != 0)
				add_range(&ids, lo, hi);
			lo = hi = ma->ids[i];
		}
	}
	if (ret == 0 && lo != 0) {
		add_range(&ids, lo, hi);
		why = reason_part(ma->reason);
		xasprintf(&detail, "%s%s", ids, why);
		ret = audit_append(s, txn, s->actor, ma->to == RS_VERIFIED ?
		    "verify" : ma->to == RS_APPROVED ? "approve" : "unlock",
		    detail);
		free(detail);
		free(why);
	}
	free(ids);
	return (ret);
}

/*
 * Move the n entries ids to state to, as policy_move allows the user
 * acting on s: verified (without re-keying; an entry the sample picks is
 * refused), approved, or entered again from approved (an unlock, with a
 * reason), in one transaction with one audit entry. Returns 0; 1 if a
 * reason is needed, with *cause; or -1 with *cause set and nothing moved.
 */
int
store_move(struct store *s, const uint64_t *ids, size_t n, enum rec_state to,
    const char *reason, char **cause)
{
	struct move_arg		 ma = { ids, n, to, reason, NULL, 0 };
	struct store_rekey	 rk;
	int			 ret;

	if (to == RS_VERIFIED) {
		if (store_rekey_load(s, &rk, cause) != 0)
			return (-1);
		ma.rk = &rk;
	}
	ret = store_txn(s, move_fn, &ma, cause);
	if (ma.rk != NULL)
		store_rekey_free(&rk);
	if (ret != 0)
		return (ma.need_reason ? 1 : -1);
	return (0);
}

/* What verify_fn writes. */
struct verify_arg {
	struct rec			*r;
	const struct store_verif	*v;
};

static int
verify_fn(struct store *s, DB_TXN *txn, void *arg, char **cause)
{
	struct verify_arg		*va = arg;
	const struct store_verif	*v = va->v;
	struct actor			 a;
	struct rec			*old, *e;
	DBT				 key, data;
	uint8_t				 md[SHA256_DIGEST_LENGTH];
	u_char				 kb[8];
	char				*change, *detail, *list, *t, n[32];
	void				*bytes;
	size_t				 i, len;
	int				 ret;

	if ((ret = get_entry(s, txn, va->r->id, &old, cause)) != 0)
		return (ret);
	actor_of(s, &a);
	if (policy_move(&a, old, RS_VERIFIED, NULL, 1, cause) != PA_OK) {
		rec_free(old);
		return (STORE_APPERR);
	}
	free(va->r->user);
	va->r->user = xstrdup(old->user);
	va->r->created = old->created;
	va->r->modified = time(NULL);
	va->r->state = RS_VERIFIED;
	change = rec_diff(old, va->r);
	rec_free(old);
	rec_digest(va->r, md);
	if ((ret = record_put(s, txn, va->r, md)) != 0) {
		free(change);
		return (ret);
	}

	/* The verification itself, kept for the error counts. */
	e = rec_new("@verify");
	free(e->user);
	e->user = xstrdup(s->actor != NULL ? s->actor : "");
	e->created = e->modified = time(NULL);
	rec_set(e, "clerk", va->r->user, FS_OK);
	snprintf(n, sizeof n, "%u", v->compared);
	rec_set(e, "compared", n, FS_OK);
	list = xstrdup("");
	for (i = 0; i < v->ndiffs; i++) {
		xasprintf(&t, "d:%s", v->diffs[i].key);
		rec_set(e, t, v->diffs[i].keyer && v->diffs[i].verifier ?
		    "kv" : v->diffs[i].keyer ? "k" : "v", FS_OK);
		free(t);
		xasprintf(&t, "%s%s%s (%s)", list, *list != '\0' ? ", " : "",
		    v->diffs[i].key, v->diffs[i].keyer &&
		    v->diffs[i].verifier ? "both" : v->diffs[i].keyer ?
		    "keyer" : "verifier");
		free(list);
		list = t;
	}
	bytes = rec_encode(e, &s->dict, &len);
	rec_free(e);
	put_be(kb, va->r->id, 8);
	dbt_init(&key, kb, 8);
	dbt_init(&data, bytes, len);
	ret = s->db[SD_VERIFS]->put(s->db[SD_VERIFS], txn, &key, &data, 0);
	free(bytes);
	if (ret == 0) {
		xasprintf(&detail, "%llu; re-keyed %u fields%s%s%s%s",
		    (unsigned long long)va->r->id, v->compared,
		    *list != '\0' ? "; differed: " : "", list,
		    change != NULL ? "; " : "", change != NULL ? change : "");
		ret = audit_append(s, txn, s->actor, "verify", detail);
		free(detail);
	}
	free(list);
	free(change);
	return (ret);
}

/*
 * Record a verification by blind re-keying: v says what was compared and
 * who was wrong where, r holds the values decided (its id set; values the
 * keyer got wrong corrected). The entry becomes verified, in one
 * transaction with its audit entry. Returns 0, or -1 with *cause set.
 */
int
store_verify(struct store *s, struct rec *r, const struct store_verif *v,
    char **cause)
{
	struct verify_arg	va = { r, v };

	return (store_txn(s, verify_fn, &va, cause));
}

