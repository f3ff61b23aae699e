/*
 * store-writer.c: save records one transaction at a time, as the entry
 * screen does, for the concurrency and crash tests.
 *
 *	store-writer DIR COUNT TAG
 *
 * Saves COUNT birth entries into one book (office "UBND xã Thử Nghiệm",
 * year 2020, book 01), numbered TAG * 100000 + i, and prints each id on
 * its own line once its transaction has committed.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "errlist.h"
#include "form.h"
#include "i18n.h"
#include "rec.h"
#include "store.h"

int
main(int argc, char **argv)
{
	struct formset	 fs;
	struct errlist	 el;
	struct store	*s;
	struct rec	*r;
	char		*cause, buf[32];
	long		 n, tag, i;

	i18n_init("en");
	if (argc != 4) {
		fprintf(stderr, "usage: store-writer DIR COUNT TAG\n");
		return (2);
	}
	n = atol(argv[2]);
	tag = atol(argv[3]);
	errlist_init(&el);
	formset_load(&fs, getenv("HOTICH_FORMS"), &el);
	errlist_free(&el);
	if (store_open(&s, argv[1], STORE_CREATE, getenv("HOTICH_PASSPHRASE"),
	    &fs, &cause) != 0) {
		fprintf(stderr, "store-writer: %s\n", cause);
		return (3);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i <= n; i++) {
		r = rec_new("ks");
		rec_set(r, "co_quan_dang_ky", "UBND xã Thử Nghiệm", FS_OK);
		rec_set(r, "nam_dang_ky", "2020", FS_OK);
		rec_set(r, "quyen_so", "01", FS_OK);
		snprintf(buf, sizeof buf, "%ld/2020", tag * 100000 + i);
		rec_set(r, "so", buf, FS_OK);
		rec_set(r, "ngay_dang_ky", "02/03/2020", FS_OK);
		rec_set(r, "nks_ho_ten", "Nguyễn Văn Bình", FS_OK);
		rec_set(r, "nks_ngay_sinh", "01/02/2020", FS_OK);
		rec_set(r, "me_ho_ten", "Trần Thị Lan", FS_OK);
		if (store_put(s, r, &cause) != 0) {
			fprintf(stderr, "store-writer: %s\n", cause);
			rec_free(r);
			store_close(s);
			return (3);
		}
		printf("%llu\n", (unsigned long long)r->id);
		rec_free(r);
	}
	store_close(s);
	formset_free(&fs);
	return (0);
}
