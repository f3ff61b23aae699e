/*
 * bdb-bare.c: the baseline for the store benchmark: a bare Berkeley DB
 * put loop with as many indexes as the store keeps.
 *
 *	bdb-bare DIR FILE.csv
 *
 * Reads the CSV (the same file hotich imports) into memory first, then
 * times only the puts: each row's bytes into a primary B-tree under an
 * 8-byte id, and six secondary keys of the same shapes as the store's
 * (book + number, two names + year, date, time, book, 16-byte
 * fingerprint) into six DUPSORT B-trees, 1,000 rows a transaction with
 * synchronous commits, page checksums and the store's cache size. No
 * validation, no record encoding, no folding: what the store adds on top
 * is the difference. A benchmark, not part of hotich: the only file
 * besides src/store.c that includes <db.h>.
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <db.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "xmalloc.h"

#define NSEC	6

static double
now(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return (tv.tv_sec + tv.tv_usec / 1e6);
}

static void
die(const char *what, int ret)
{
	fprintf(stderr, "bdb-bare: %s: %s\n", what, db_strerror(ret));
	exit(1);
}

int
main(int argc, char **argv)
{
	DB_ENV		 *env;
	DB		 *pri, *sec[NSEC];
	DB_TXN		 *txn = NULL;
	DBT		  k, d;
	FILE		 *f;
	struct csv_reader *cr;
	char		**fields, *cause, name[32], **rows, key[512];
	size_t		  n, i, nrows = 0, cap = 0, len, j;
	u_char		  id[8];
	double		  t0, t1;
	int		  ret, s;

	if (argc != 3) {
		fprintf(stderr, "usage: bdb-bare DIR FILE.csv\n");
		return (2);
	}
	if ((f = fopen(argv[2], "r")) == NULL) {
		perror(argv[2]);
		return (1);
	}
	cr = csv_reader_new(f, argv[2], 0);
	rows = NULL;
	csv_read(cr, &fields, &n, &cause);	/* the header */
	while ((ret = csv_read(cr, &fields, &n, &cause)) != 0) {
		if (ret < 0) {
			free(cause);
			continue;
		}
		if (nrows == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			rows = xreallocarray(rows, cap, sizeof *rows);
		}
		len = 0;
		for (i = 0; i < n; i++)
			len += strlen(fields[i]) + 1;
		rows[nrows] = xmalloc(len + 1);
		rows[nrows][0] = '\0';
		for (i = 0; i < n; i++) {
			strcat(rows[nrows], fields[i]);
			strcat(rows[nrows], "\x1f");
		}
		nrows++;
	}
	csv_reader_free(cr);
	fclose(f);

	mkdir(argv[1], 0700);
	if ((ret = db_env_create(&env, 0)) != 0)
		die("db_env_create", ret);
	env->set_cachesize(env, 0, 8 * 1024 * 1024, 1);
	env->set_lg_bsize(env, 262144);
	env->log_set_config(env, DB_LOG_AUTO_REMOVE, 1);
	if ((ret = env->open(env, argv[1], DB_CREATE | DB_INIT_TXN |
	    DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL | DB_RECOVER, 0600)) != 0)
		die(argv[1], ret);
	db_create(&pri, env, 0);
	pri->set_flags(pri, DB_CHKSUM);
	if ((ret = pri->open(pri, NULL, "records.db", NULL, DB_BTREE,
	    DB_CREATE | DB_AUTO_COMMIT, 0600)) != 0)
		die("records.db", ret);
	for (s = 0; s < NSEC; s++) {
		db_create(&sec[s], env, 0);
		sec[s]->set_flags(sec[s], DB_CHKSUM | DB_DUP | DB_DUPSORT);
		snprintf(name, sizeof name, "idx-%d.db", s);
		if ((ret = sec[s]->open(sec[s], NULL, name, NULL, DB_BTREE,
		    DB_CREATE | DB_AUTO_COMMIT, 0600)) != 0)
			die(name, ret);
	}

	t0 = now();
	for (i = 0; i < nrows; i++) {
		if (i % 1000 == 0) {
			if (txn != NULL && (ret = txn->commit(txn, 0)) != 0)
				die("commit", ret);
			if ((ret = env->txn_begin(env, NULL, &txn, 0)) != 0)
				die("txn_begin", ret);
		}
		for (j = 0; j < 8; j++)
			id[j] = (u_char)((uint64_t)(i + 1) >> (56 - 8 * j));
		memset(&k, 0, sizeof k);
		memset(&d, 0, sizeof d);
		k.data = id;
		k.size = 8;
		d.data = rows[i];
		d.size = strlen(rows[i]);
		if ((ret = pri->put(pri, txn, &k, &d, 0)) != 0)
			die("put", ret);
		for (s = 0; s < NSEC; s++) {
			/* Keys of the store's sizes, taken from the row. */
			len = s == 5 ? 16 : s == 2 ? 4 : s == 3 ? 8 :
			    s == 1 ? 24 : 28;
			if (len > d.size)
				len = d.size;
			memcpy(key, rows[i] + (s == 1 ? 60 % (d.size - len + 1) :
			    0), len);
			if (s == 0 || s == 4 || s == 5)
				memcpy(key + len - 8 > key ? key + len - 8 : key,
				    id, len >= 8 ? 8 : len);
			k.data = key;
			k.size = len;
			d.data = id;
			d.size = 8;
			if ((ret = sec[s]->put(sec[s], txn, &k, &d, 0)) != 0 &&
			    ret != DB_KEYEXIST)
				die("secondary put", ret);
		}
	}
	if (txn != NULL && (ret = txn->commit(txn, 0)) != 0)
		die("commit", ret);
	t1 = now();
	printf("bare put loop: %zu rows in %.2f s: %.0f rows/s\n", nrows,
	    t1 - t0, nrows / (t1 - t0));
	for (s = 0; s < NSEC; s++)
		sec[s]->close(sec[s], 0);
	pri->close(pri, 0);
	env->close(env, 0);
	for (i = 0; i < nrows; i++)
		free(rows[i]);
	free(rows);
	return (0);
}
