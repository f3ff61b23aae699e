/*
 * bdb-bare.c: the baseline for the store benchmark: a bare Berkeley DB
 * put loop writing the bytes the store writes.
 *
 *	bdb-bare [-c MB] DIR FORMS-DIR FORM FILE.csv
 *
 * Reads the CSV (the same file hotich imports) and turns every row into
 * what the store writes for it: the record's encoding (rec_encode, with
 * the keys of the forms numbered as the store numbers them) and
 * the keys of each secondary index, built by the store's own key builder
 * (idxkey.c), so the indexes get the same keys in the same order. All of
 * that happens before the clock starts. Then only the puts are timed: the
 * encoding into the primary B-tree (16 KB pages) under an 8-byte id, each
 * key into its index (a DUPSORT B-tree) with the id as data, 1,000 rows a
 * transaction with synchronous commits, page checksums, and the store's
 * cache (or -c MB), log buffer and locking. No validation, no NFC, no
 * index callbacks, no audit log, no books, no checkpoints: what the store
 * adds on top is the difference. A benchmark, not part of hotich: the
 * only file besides src/store.c that includes <db.h>; it links the key
 * builder but not the store.
 */

#include "config.h"

#include <sys/stat.h>

#include <db.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "csv.h"
#include "errlist.h"
#include "form.h"
#include "idxkey.h"
#include "rec.h"
#include "store.h"
#include "utf8.h"
#include "xmalloc.h"

#define BATCH		1000
#define STATUS_SUFFIX	"__status"

/* What the store writes for one row. */
struct row {
	void		*bytes;		/* the record's encoding */
	size_t		 len;
	u_char		*keys;		/* each key: index, 2-byte length, bytes */
	size_t		 keylen;
};

static void
die(const char *what, int ret)
{
	fprintf(stderr, "bdb-bare: %s: %s\n", what, db_strerror(ret));
	exit(1);
}

/* The field of each column of the header (-1: none), and status columns. */
static void
map_header(const struct form *f, char **fields, size_t n, int *field,
    int *status)
{
	char	*key;
	size_t	 i, len, slen = strlen(STATUS_SUFFIX);

	for (i = 0; i < n; i++) {
		key = xstrdup(fields[i]);
		len = strlen(key);
		status[i] = len > slen &&
		    strcmp(key + len - slen, STATUS_SUFFIX) == 0;
		if (status[i])
			key[len - slen] = '\0';
		field[i] = form_field_index(f, key);
		free(key);
	}
}

/* Make what the store writes for the row fields, as record id. */
static void
make_row(const struct form *f, char **fields, size_t n, const int *field,
    const int *status, uint64_t id, time_t when, const struct rec_dict *d,
    struct idxkeys *ks, struct row *row)
{
	struct fvalue		*fv;
	struct rec		*r;
	char			**norm;
	enum field_status	 st;
	const void		*k;
	size_t			 i, j, len;
	u_char			 hdr[3];
	int			 s;

	fv = xcalloc(f->nfields, sizeof *fv);
	norm = xcalloc(n, sizeof *norm);
	for (i = 0; i < n; i++) {
		if (field[i] == -1)
			continue;
		if (status[i]) {
			if (form_status_from_name(fields[i], &st) == 0)
				fv[field[i]].status = st;
		} else if ((norm[i] = utf8_nfc(fields[i])) != NULL)
			fv[field[i]].value = norm[i];
	}
	r = rec_from_fvalues(f, fv);
	r->id = id;
	r->created = r->modified = when;
	row->bytes = rec_encode(r, d, &row->len);
	row->keys = NULL;
	row->keylen = 0;
	for (s = 0; s < SI_COUNT; s++) {
		idxkeys_build(ks, s, r, f, NULL);
		for (j = 0; j < ks->n; j++) {
			k = idxkeys_get(ks, j, &len);
			hdr[0] = s;
			hdr[1] = len >> 8;
			hdr[2] = len & 0xff;
			row->keys = xrealloc(row->keys, row->keylen + 3 + len);
			memcpy(row->keys + row->keylen, hdr, 3);
			memcpy(row->keys + row->keylen + 3, k, len);
			row->keylen += 3 + len;
		}
	}
	rec_free(r);
	for (i = 0; i < n; i++)
		free(norm[i]);
	free(norm);
	free(fv);
}

static DB *
open_db(DB_ENV *env, const char *name, int dup)
{
	DB	*db;
	int	 ret;

	if ((ret = db_create(&db, env, 0)) != 0)
		die(name, ret);
	db->set_flags(db, DB_CHKSUM);
	if (dup)
		db->set_flags(db, DB_DUP | DB_DUPSORT);
	else
		db->set_pagesize(db, 16384);
	if ((ret = db->open(db, NULL, name, NULL, DB_BTREE, DB_CREATE |
	    DB_AUTO_COMMIT, 0600)) != 0)
		die(name, ret);
	return (db);
}

int
main(int argc, char **argv)
{
	DB_ENV			 *env;
	DB			 *pri, *sec[SI_COUNT];
	DB_TXN			 *txn = NULL;
	DBT			  k, d;
	FILE			 *f;
	struct csv_reader	 *cr;
	struct formset		  fs;
	struct errlist		  el;
	struct idxkeys		  ks;
	struct rec_dict		  dict;
	const struct form	 *form;
	struct row		 *rows = NULL;
	char			**fields, *cause, name[32];
	int			 *field, *status, ch, ret, s;
	size_t			  n, ncols, i, nrows = 0, cap = 0, off, len;
	u_int			  mb = STORE_CACHE_MB;
	u_char			  id[8];
	time_t			  when = time(NULL);
	double			  t0, t1, c0, c1;

	while ((ch = getopt(argc, argv, "c:")) != -1) {
		switch (ch) {
		case 'c':
			mb = (u_int)atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 4 || mb == 0) {
usage:
		fprintf(stderr, "usage: bdb-bare [-c MB] DIR FORMS-DIR FORM "
		    "FILE.csv\n");
		return (2);
	}
	errlist_init(&el);
	formset_load(&fs, argv[1], &el);
	errlist_free(&el);
	if ((form = formset_find(&fs, argv[2])) == NULL) {
		fprintf(stderr, "bdb-bare: no form %s in %s\n", argv[2],
		    argv[1]);
		return (1);
	}
	if ((f = fopen(argv[3], "r")) == NULL) {
		perror(argv[3]);
		return (1);
	}
	cr = csv_reader_new(f, argv[3], 0);
	if (csv_read(cr, &fields, &ncols, &cause) <= 0) {
		fprintf(stderr, "bdb-bare: %s: no header\n", argv[3]);
		return (1);
	}
	/* Number the keys of every form, in order, as the store does. */
	rec_dict_init(&dict);
	for (i = 0; i < fs.n; i++) {
		for (n = 0; n < fs.v[i]->nfields; n++)
			if (rec_dict_code(&dict, fs.v[i]->fields[n].key) == 0)
				rec_dict_add(&dict, fs.v[i]->fields[n].key);
	}
	field = xcalloc(ncols, sizeof *field);
	status = xcalloc(ncols, sizeof *status);
	map_header(form, fields, ncols, field, status);
	memset(&ks, 0, sizeof ks);
	while ((ret = csv_read(cr, &fields, &n, &cause)) != 0) {
		if (ret < 0 || n != ncols) {
			if (ret < 0)
				free(cause);
			continue;
		}
		if (nrows == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			rows = xreallocarray(rows, cap, sizeof *rows);
		}
		make_row(form, fields, n, field, status, nrows + 1, when, &dict,
		    &ks, &rows[nrows]);
		nrows++;
	}
	idxkeys_free(&ks);
	rec_dict_free(&dict);
	csv_reader_free(cr);
	fclose(f);

	mkdir(argv[0], 0700);
	if ((ret = db_env_create(&env, 0)) != 0)
		die("db_env_create", ret);
	env->set_cachesize(env, 0, mb * 1024 * 1024, 1);
	env->mutex_set_max(env, 20000 + mb * 500);
	env->set_lk_detect(env, DB_LOCK_DEFAULT);
	env->set_lg_bsize(env, 262144);
	env->log_set_config(env, DB_LOG_AUTO_REMOVE, 1);
	env->set_timeout(env, 5000000, DB_SET_LOCK_TIMEOUT);
	if ((ret = env->open(env, argv[0], DB_CREATE | DB_INIT_TXN |
	    DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL | DB_THREAD |
	    DB_REGISTER | DB_RECOVER, 0600)) != 0)
		die(argv[0], ret);
	pri = open_db(env, "records.db", 0);
	for (s = 0; s < SI_COUNT; s++) {
		snprintf(name, sizeof name, "idx-%d.db", s);
		sec[s] = open_db(env, name, 1);
	}

	fprintf(stderr, "bdb-bare: %zu rows ready, timing the puts\n", nrows);
	t0 = bench_now();
	c0 = bench_cpu();
	for (i = 0; i < nrows; i++) {
		if (i % BATCH == 0) {
			if (txn != NULL && (ret = txn->commit(txn, 0)) != 0)
				die("commit", ret);
			if ((ret = env->txn_begin(env, NULL, &txn, 0)) != 0)
				die("txn_begin", ret);
		}
		for (s = 0; s < 8; s++)
			id[s] = (u_char)((uint64_t)(i + 1) >> (56 - 8 * s));
		memset(&k, 0, sizeof k);
		memset(&d, 0, sizeof d);
		k.data = id;
		k.size = 8;
		d.data = rows[i].bytes;
		d.size = rows[i].len;
		if ((ret = pri->put(pri, txn, &k, &d, 0)) != 0)
			die("put", ret);
		d.data = id;
		d.size = 8;
		for (off = 0; off < rows[i].keylen; off += 3 + len) {
			s = rows[i].keys[off];
			len = rows[i].keys[off + 1] << 8 | rows[i].keys[off + 2];
			k.data = rows[i].keys + off + 3;
			k.size = len;
			if ((ret = sec[s]->put(sec[s], txn, &k, &d, 0)) != 0)
				die("secondary put", ret);
		}
	}
	if (txn != NULL && (ret = txn->commit(txn, 0)) != 0)
		die("commit", ret);
	t1 = bench_now();
	c1 = bench_cpu();
	printf("bare put loop: %zu rows in %.2f s (%.2f s of processor): "
	    "%.0f rows/s\n", nrows, t1 - t0, c1 - c0, nrows / (t1 - t0));
	for (s = 0; s < SI_COUNT; s++)
		sec[s]->close(sec[s], 0);
	pri->close(pri, 0);
	env->close(env, 0);
	for (i = 0; i < nrows; i++) {
		free(rows[i].bytes);
		free(rows[i].keys);
	}
	free(rows);
	free(field);
	free(status);
	formset_free(&fs);
	return (0);
}
