/*
 * csv-fuzzer.c: libFuzzer target for the CSV reader and writer.
 *
 * The input is read as a CSV file twice: with the default field limit and
 * buffer, and with a small limit and a buffer of 4 to 16 bytes, so that
 * blocks of input end anywhere. Whatever the bytes, the reader must not
 * crash, must end, and every record it returns must be valid UTF-8; a
 * refused record must come with a "fuzz:LINE: " message. Then the round
 * trips: each record's raw bytes read on their own give the same fields,
 * and the records written back with csv_write read back to the same
 * records.
 */

#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "utf8.h"

#define FUZZ_MAX_INPUT	(64 * 1024)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

/* The records read, kept for the round trip. */
struct recs {
	char	***v;
	size_t	 *n;
	size_t	  count;
};

static void
recs_add(struct recs *rs, char **fields, size_t n)
{
	size_t	i;

	rs->v = realloc(rs->v, (rs->count + 1) * sizeof *rs->v);
	rs->n = realloc(rs->n, (rs->count + 1) * sizeof *rs->n);
	assert(rs->v != NULL && rs->n != NULL);
	rs->v[rs->count] = calloc(n, sizeof **rs->v);
	assert(rs->v[rs->count] != NULL);
	for (i = 0; i < n; i++) {
		rs->v[rs->count][i] = strdup(fields[i]);
		assert(rs->v[rs->count][i] != NULL);
	}
	rs->n[rs->count++] = n;
}

static void
recs_free(struct recs *rs)
{
	size_t	i, j;

	for (i = 0; i < rs->count; i++) {
		for (j = 0; j < rs->n[i]; j++)
			free(rs->v[i][j]);
		free(rs->v[i]);
	}
	free(rs->v);
	free(rs->n);
	memset(rs, 0, sizeof *rs);
}

static FILE *
open_bytes(const void *data, size_t size)
{
	if (size == 0)
		return (fopen("/dev/null", "r"));
	return (fmemopen((void *)data, size, "r"));
}

/* Parse raw (one record's bytes) alone: it must give fields[n]. */
static void
check_raw(const char *raw, size_t rawlen, char **fields, size_t n)
{
	struct csv_reader	 *r;
	FILE			 *f;
	char			**v, *cause;
	size_t			  nv, i;
	int			  rv;

	if (rawlen == 0 || (rawlen >= 3 && memcmp(raw, "\xef\xbb\xbf",
	    3) == 0))
		return;		/* an empty line; a BOM read as one */
	if ((f = open_bytes(raw, rawlen)) == NULL)
		return;
	r = csv_reader_new(f, "raw", 0);
	csv_reader_bufsize(r, 64);
	rv = csv_read(r, &v, &nv, &cause);
	assert(rv == 1 && nv == n);
	for (i = 0; i < n; i++)
		assert(strcmp(v[i], fields[i]) == 0);
	assert(csv_read(r, &v, &nv, &cause) == 0);
	csv_reader_free(r);
	fclose(f);
}

/* Read all of data; keep the records in rs. */
static void
read_all(const uint8_t *data, size_t size, size_t maxfield, size_t bufsize,
    struct recs *rs, int strict)
{
	struct csv_reader	 *r;
	FILE			 *f;
	const char		 *raw;
	char			**fields, *cause;
	size_t			  n, i, rawlen, calls = 0;
	u_long			  line = 0;
	int			  rv;

	if ((f = open_bytes(data, size)) == NULL)
		return;
	r = csv_reader_new(f, "fuzz", maxfield);
	if (bufsize != 0)
		csv_reader_bufsize(r, bufsize);
	while ((rv = csv_read(r, &fields, &n, &cause)) != 0) {
		assert(++calls <= size + 1);
		assert(csv_line(r) > line);
		line = csv_line(r);
		raw = csv_raw(r, &rawlen);
		assert(rawlen <= size);
		if (rv < 0) {
			assert(!strict);
			assert(cause != NULL &&
			    strncmp(cause, "fuzz:", 5) == 0);
			free(cause);
			continue;
		}
		assert(rv == 1 && n >= 1 && cause == NULL);
		for (i = 0; i < n; i++) {
			assert(strlen(fields[i]) <= (maxfield ? maxfield :
			    CSV_MAXFIELD_DEFAULT));
			assert(utf8_invalid(fields[i], strlen(fields[i])) ==
			    NULL);
		}
		check_raw(raw, rawlen, fields, n);
		recs_add(rs, fields, n);
	}
	assert(csv_read(r, &fields, &n, &cause) == 0);
	csv_reader_free(r);
	fclose(f);
}

/* Write rs with csv_write, read it back: the same records. */
static void
roundtrip(const struct recs *rs)
{
	struct recs	 back = { NULL, NULL, 0 };
	FILE		*f;
	char		*buf = NULL;
	size_t		 len = 0, i, j;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return;
	for (i = 0; i < rs->count; i++)
		assert(csv_write(f, (const char *const *)rs->v[i],
		    rs->n[i]) == 0);
	fclose(f);
	read_all((const uint8_t *)buf, len, 0, 5, &back, 1);
	assert(back.count == rs->count);
	for (i = 0; i < rs->count; i++) {
		assert(back.n[i] == rs->n[i]);
		for (j = 0; j < rs->n[i]; j++)
			assert(strcmp(back.v[i][j], rs->v[i][j]) == 0);
	}
	recs_free(&back);
	free(buf);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	i18n_init("en");
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct recs	rs = { NULL, NULL, 0 };

	if (size > FUZZ_MAX_INPUT)
		return (0);
	read_all(data, size, 0, 0, &rs, 0);
	roundtrip(&rs);
	recs_free(&rs);
	read_all(data, size, 16, size > 0 ? 4 + data[0] % 13 : 4, &rs, 0);
	roundtrip(&rs);
	recs_free(&rs);
	return (0);
}
