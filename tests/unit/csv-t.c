/*
 * csv-t.c: the CSV reader and writer: quoting, line ends, the byte order
 * mark, empty lines, line numbers, refused records and resynchronisation,
 * the field limit and its memory, write-then-read round trips, and
 * reading from a pipe a record at a time.
 */

#include "config.h"

#include <sys/resource.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "i18n.h"
#include "tap.h"
#include "xmalloc.h"

/* Append s to the growing string *out. */
static void
append(char **out, const char *s)
{
	char	*old = *out;

	xasprintf(out, "%s%s", old == NULL ? "" : old, s);
	free(old);
}

/*
 * Read all of f and describe what the reader returns: one line per call,
 * "LINE:[a|b|c]" for a record, "!message" for a refused one; the end
 * gives "end LINE".
 */
static size_t	bufsize;	/* the reader's buffer, if not 0 */

static char *
describe(FILE *f, size_t maxfield)
{
	struct csv_reader	 *r;
	char			**fields, *cause, *out = NULL, *s;
	size_t			  n, i;
	int			  rv, calls = 0;

	r = csv_reader_new(f, "t", maxfield);
	if (bufsize != 0)
		csv_reader_bufsize(r, bufsize);
	while ((rv = csv_read(r, &fields, &n, &cause)) != 0 && ++calls < 100) {
		if (rv < 0) {
			xasprintf(&s, "!%s\n", cause);
			free(cause);
		} else {
			xasprintf(&s, "%lu:[", csv_line(r));
			for (i = 0; i < n; i++) {
				append(&s, fields[i]);
				append(&s, i + 1 < n ? "|" : "]\n");
			}
		}
		append(&out, s);
		free(s);
	}
	xasprintf(&s, "end %lu", csv_line(r));
	append(&out, s);
	free(s);
	csv_reader_free(r);
	return (out);
}

/* What the reader makes of the len bytes of in. */
static char *
describe_mem(const char *in, size_t len, size_t maxfield)
{
	FILE	*f;
	char	*out;

	if ((f = fmemopen((void *)in, len, "r")) == NULL)
		bail("fmemopen: %s", strerror(errno));
	out = describe(f, maxfield);
	fclose(f);
	return (out);
}

#define READS(in, want, what) do {					\
	char	*got_ = describe_mem(in, sizeof in - 1, 0);		\
	is_string(got_, want, "%s", what);				\
	free(got_);							\
} while (0)

#define READS_MAX(in, max, want, what) do {				\
	char	*got_ = describe_mem(in, sizeof in - 1, max);		\
	is_string(got_, want, "%s", what);				\
	free(got_);							\
} while (0)

static void
test_basic(void)
{
	READS("", "end 1", "an empty file has no record");
	READS("a,b,c\r\n1,2,3\r\n", "1:[a|b|c]\n2:[1|2|3]\nend 3",
	    "CR LF line ends");
	READS("a,b\n1,2\n", "1:[a|b]\n2:[1|2]\nend 3", "LF line ends");
	READS("a,b\r\n1,2\nx,y\r\n", "1:[a|b]\n2:[1|2]\n3:[x|y]\nend 4",
	    "CR LF and LF mixed");
	READS("a,b\n1,2", "1:[a|b]\n2:[1|2]\nend 3",
	    "a last record without a line end");
	READS("a,b\r", "1:[a|b]\nend 2", "a last record ending in a bare CR");
	READS(",\n,,\n", "1:[|]\n2:[||]\nend 3", "empty fields");
	READS("a,\n", "1:[a|]\nend 2", "an empty last field");
	READS(" a , b \n", "1:[ a | b ]\nend 2", "spaces are kept");
	READS("Nguyễn Văn An,Hà Nội\n", "1:[Nguyễn Văn An|Hà Nội]\nend 2",
	    "Vietnamese text");
}

static void
test_bom_and_blank(void)
{
	READS("\xef\xbb\xbf" "a,b\n", "1:[a|b]\nend 2", "a BOM is skipped");
	READS("\xef\xbb\xbf", "end 1", "a BOM alone is an empty file");
	READS("a\n\xef\xbb\xbf" "b\n", "1:[a]\n2:[\xef\xbb\xbf" "b]\nend 3",
	    "a BOM after the start is data");
	READS("\n", "end 2", "one empty line is not a record");
	READS("\r\n", "end 2", "one empty CR LF line is not a record");
	READS("a\n\n", "1:[a]\nend 3", "an empty line at the end is not a "
	    "record");
	READS("a\n\nb\n", "1:[a]\n2:[]\n3:[b]\nend 4",
	    "an empty line in the middle is a record of one empty field");
	READS("a\r\n\r\nb", "1:[a]\n2:[]\n3:[b]\nend 4",
	    "an empty CR LF line in the middle is a record");
	READS("a\n\n\n", "1:[a]\n2:[]\nend 4",
	    "of two empty lines at the end, only the last is dropped");
	READS("\"\"\n", "1:[]\nend 2", "a quoted empty field is a record");
}

static void
test_quotes(void)
{
	READS("\"a,b\",\"c\"\"d\",\"\"\"\"\n",
	    "1:[a,b|c\"d|\"]\nend 2", "quoted commas and doubled quotes");
	READS("\"line 1\r\nline 2\nline 3\",x\ny,z\n",
	    "1:[line 1\r\nline 2\nline 3|x]\n4:[y|z]\nend 5",
	    "line ends inside quotes count as lines");
	READS("\"a\"\r\n\"b\"", "1:[a]\n2:[b]\nend 3",
	    "quoted fields at the ends of lines");
	READS("\"a\rb\"\n", "1:[a\rb]\nend 2",
	    "a bare CR inside quotes is data");

	READS("\"ab\"c,d\nx,y\n",
	    "!t:1: text after the closing quote of a field, at byte 5\n"
	    "2:[x|y]\nend 3", "text after a closing quote; next record read");
	READS("a,\"b\" ,c\nx\n",
	    "!t:1: text after the closing quote of a field, at byte 6\n"
	    "2:[x]\nend 3", "a space after a closing quote");
	READS("ab\"c,d\nx\n",
	    "!t:1: a quote in a field that does not start with one, at byte "
	    "3: quote the whole field and double the quote\n2:[x]\nend 3",
	    "a quote inside an unquoted field");
	READS("a,b\nc,\"d\ne\nf",
	    "1:[a|b]\n!t:2: a quoted field is not closed before the end of "
	    "the file\nend 4", "a quote never closed ends the input");
	READS("\"", "!t:1: a quoted field is not closed before the end of the "
	    "file\nend 1", "a lone quote");
	READS("a\rb\nc\n",
	    "!t:1: a carriage return not followed by a line feed, at byte 2\n"
	    "2:[c]\nend 3", "a bare CR outside quotes");
	READS("\"ab\"c\"d,\ne\"\nx\n",
	    "!t:1: text after the closing quote of a field, at byte 5\n"
	    "!t:2: a quote in a field that does not start with one, at byte "
	    "2: quote the whole field and double the quote\n3:[x]\nend 4",
	    "after a bad quote the record ends at the line end");
}

static void
test_bytes(void)
{
	READS("a\0b,c\nd\n", "!t:1: a NUL byte at byte 2\n2:[d]\nend 3",
	    "a NUL byte");
	READS("\"a\0\"\nd\n", "!t:1: a NUL byte at byte 3\n2:[d]\nend 3",
	    "a NUL byte inside quotes");
	READS("ab,c\xff" "d\nok\n",
	    "!t:1: invalid UTF-8 at byte 5\n2:[ok]\nend 3", "a stray byte");
	READS("x\n\"a\nyz\xc3(\",q\nok\n",
	    "1:[x]\n!t:3: invalid UTF-8 at byte 3\n4:[ok]\nend 5",
	    "invalid UTF-8 on the second line of a record");
	READS("\xef\xbb\xbf" "ab\xff\n", "!t:1: invalid UTF-8 at byte 3\nend 2",
	    "the BOM is not counted in the byte offset");
	READS("\xc0\xaf\n", "!t:1: invalid UTF-8 at byte 1\nend 2",
	    "an overlong sequence");
	READS("ab\xed\xa0\x80\n", "!t:1: invalid UTF-8 at byte 3\nend 2",
	    "a UTF-16 surrogate");
	READS("\xf4\x90\x80\x80\n", "!t:1: invalid UTF-8 at byte 1\nend 2",
	    "past U+10FFFF");
	READS("Tr\xe1\xba\n", "!t:1: invalid UTF-8 at byte 3\nend 2",
	    "a sequence cut short by the line end");
}

static void
test_limits(void)
{
	char		*in, *p;
	size_t		 len, i;

	READS_MAX("abcd,e\n", 4, "1:[abcd|e]\nend 2", "a field at the limit");
	READS_MAX("abcde,f\nx\n", 4,
	    "!t:1: a field is longer than 4 bytes\n2:[x]\nend 3",
	    "a field over the limit; the next record is read");
	READS_MAX("\"ab\"\"c\"\n", 4, "1:[ab\"c]\nend 2",
	    "the limit counts the field's bytes, not its quotes");
	READS_MAX("x\n\"a\nbcd\"\n", 4,
	    "1:[x]\n!t:2: a field is longer than 4 bytes\nend 4",
	    "the message names the line the field began on");

	/* Exactly CSV_FIELDS_MAX fields, then one more. */
	len = CSV_FIELDS_MAX * 2 + 2;
	in = xmalloc(len * 2);
	p = in;
	for (i = 0; i < CSV_FIELDS_MAX; i++) {
		*p++ = 'a';
		*p++ = (i + 1 < CSV_FIELDS_MAX) ? ',' : '\n';
	}
	for (i = 0; i <= CSV_FIELDS_MAX; i++) {
		*p++ = 'b';
		*p++ = (i < CSV_FIELDS_MAX) ? ',' : '\n';
	}
	*p++ = 'c';
	p = describe_mem(in, (size_t)(p - in), 0);
	ok(strncmp(p, "1:[a|a|", 7) == 0 && strstr(p, "\n!t:2: a record has "
	    "more than 10000 fields\n3:[c]\nend 4") != NULL,
	    "%d fields are read, one more is refused", CSV_FIELDS_MAX);
	free(p);
	free(in);
}

/* The largest resident set so far, in kilobytes. */
static long
maxrss(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_maxrss);
}

static void
test_big_field(void)
{
	struct csv_reader	 *r;
	FILE			 *f;
	char			**fields, *cause, chunk[4096];
	const char		 *raw;
	size_t			  n, i, rawlen, max = 64 * 1024;
	u_long			  lines = 1;
	long			  before;
	int			  rv;

	/* A 10 MB field, written in pieces: the test holds no 10 MB. */
	if ((f = tmpfile()) == NULL)
		bail("tmpfile: %s", strerror(errno));
	memset(chunk, 'x', sizeof chunk);
	fputs("a,\"", f);
	for (i = 0; i < 10 * 1024 * 1024 / sizeof chunk; i++) {
		fwrite(chunk, 1, sizeof chunk, f);
		if (i % 500 == 0) {
			fputs("\r\n,\"\"", f);
			lines++;
		}
	}
	fputs("\",b\r\nnext,1\r\n", f);
	rewind(f);

	before = maxrss();
	r = csv_reader_new(f, "big.csv", max);
	rv = csv_read(r, &fields, &n, &cause);
	ok(rv == -1, "a 10 MB field is refused with a limit of 64 KiB");
	is_string(cause, "big.csv:1: a field is longer than 65536 bytes",
	    "the message names the file and the line the field began on");
	free(cause);
	raw = csv_raw(r, &rawlen);
	ok(rawlen <= max + 256 * 1024 && strncmp(raw, "a,\"xxx", 6) == 0,
	    "the raw record stops soon after the limit (%zu bytes kept)",
	    rawlen);
	rv = csv_read(r, &fields, &n, &cause);
	ok(rv == 1 && n == 2 && strcmp(fields[0], "next") == 0 &&
	    csv_line(r) == lines + 1, "the record after it is read, at line "
	    "%lu", csv_line(r));
	ok(csv_read(r, &fields, &n, &cause) == 0, "then the end");
	csv_reader_free(r);
	fclose(f);
	ok(maxrss() - before < 6 * 1024, "reading it grew the resident set by "
	    "%ld KiB, less than 6 MiB", maxrss() - before);
}

static void
test_big_record(void)
{
	struct csv_reader	 *r;
	FILE			 *f;
	char			**fields, *cause, *field;
	size_t			  n, i, flen = 60000;
	int			  rv;

	/* 300 fields of 60000 bytes: each under the limit, 18 MB in all. */
	if ((f = tmpfile()) == NULL)
		bail("tmpfile: %s", strerror(errno));
	field = xmalloc(flen + 1);
	memset(field, 'y', flen);
	field[flen] = '\0';
	for (i = 0; i < 300; i++)
		fprintf(f, "%s%s", i == 0 ? "" : ",", field);
	fputs("\nlast\n", f);
	free(field);
	rewind(f);
	r = csv_reader_new(f, "rec.csv", 0);
	rv = csv_read(r, &fields, &n, &cause);
	ok(rv == -1, "a record over %d bytes is refused", CSV_RECORD_MAX);
	is_string(cause, "rec.csv:1: a record is longer than 16777216 bytes",
	    "with its message");
	free(cause);
	rv = csv_read(r, &fields, &n, &cause);
	ok(rv == 1 && n == 1 && strcmp(fields[0], "last") == 0,
	    "the record after it is read");
	csv_reader_free(r);
	fclose(f);
}

static uint64_t	rng_state = 0x1234abcd5678ef01ULL;

static uint64_t
rng(void)
{
	uint64_t	z;

	z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

/* Pieces random fields are made of. */
static const char *pieces[] = {
	"a", "Z", "0", ",", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\t",
	"ễ", "Đ", "Nguyễn", "Thủy", "\xef\xbb\xbf", "'", ";", "x y", ""
};
#define NPIECES	(sizeof pieces / sizeof pieces[0])

static void
test_roundtrip(void)
{
	struct csv_reader	 *r;
	FILE			 *f;
	char			***recs, **fields, *cause, *s;
	size_t			 *nrecs, nrec = 20000, i, j, k, n, np;
	u_long			 *lines, line = 1;
	int			  bad = 0, badline = 0;

	recs = xcalloc(nrec, sizeof *recs);
	nrecs = xcalloc(nrec, sizeof *nrecs);
	lines = xcalloc(nrec, sizeof *lines);
	if ((f = tmpfile()) == NULL)
		bail("tmpfile: %s", strerror(errno));
	for (i = 0; i < nrec; i++) {
		nrecs[i] = 1 + rng() % 8;
		recs[i] = xcalloc(nrecs[i], sizeof *recs[i]);
		lines[i] = line;
		for (j = 0; j < nrecs[i]; j++) {
			s = xstrdup("");
			np = rng() % 12;
			for (k = 0; k < np; k++)
				append(&s, pieces[rng() % NPIECES]);
			if (rng() % 50 == 0) {
				free(s);
				s = xmalloc(4001);
				for (k = 0; k < 4000; k += 2)
					memcpy(s + k, "ô", 2);
				s[4000] = '\0';
			}
			for (k = 0; s[k] != '\0'; k++)
				line += (s[k] == '\n');
			recs[i][j] = s;
		}
		line++;
		if (csv_write(f, (const char *const *)recs[i], nrecs[i]) != 0)
			bail("csv_write: %s", strerror(errno));
	}
	diag("wrote %ld bytes", ftell(f));
	rewind(f);

	r = csv_reader_new(f, "rt", 0);
	for (i = 0; i < nrec; i++) {
		if (csv_read(r, &fields, &n, &cause) != 1) {
			diag("record %zu: %s", i, cause);
			free(cause);
			bad++;
			break;
		}
		if (csv_line(r) != lines[i] && badline++ == 0)
			diag("record %zu: line %lu, want %lu", i, csv_line(r),
			    lines[i]);
		if (n != nrecs[i]) {
			bad++;
			continue;
		}
		for (j = 0; j < n; j++)
			bad += strcmp(fields[j], recs[i][j]) != 0;
	}
	ok(bad == 0, "%zu random records read back as written", nrec);
	ok(badline == 0, "every record begins at the line counted");
	ok(csv_read(r, &fields, &n, &cause) == 0, "and nothing after them");
	csv_reader_free(r);
	fclose(f);
	for (i = 0; i < nrec; i++) {
		for (j = 0; j < nrecs[i]; j++)
			free(recs[i][j]);
		free(recs[i]);
	}
	free(recs);
	free(nrecs);
	free(lines);
}

/* What csv_write writes for the n fields. */
static char *
written(const char *const *fields, size_t n)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len = 0;

	if ((f = open_memstream(&buf, &len)) == NULL)
		bail("open_memstream: %s", strerror(errno));
	if (csv_write(f, fields, n) != 0)
		bail("csv_write: %s", strerror(errno));
	fclose(f);
	return (buf);
}

static void
test_write(void)
{
	const char	*plain[] = { "a", "Hà Nội", "", "1" };
	const char	*hard[] = { "b,c", "d\"e", " f", "g ", "h\ni", "j\rk",
			    "\tl", "\xef\xbb\xbfm", "n o" };
	const char	*empty[] = { "" };
	const char	*two[] = { "", "" };
	FILE		*f;
	char		*s;
	int		 rv;

	s = written(plain, 4);
	is_string(s, "a,Hà Nội,,1\r\n", "plain fields are not quoted");
	free(s);
	s = written(hard, 9);
	is_string(s, "\"b,c\",\"d\"\"e\",\" f\",\"g \",\"h\ni\",\"j\rk\","
	    "\"\tl\",\"\xef\xbb\xbfm\",n o\r\n",
	    "fields that need quotes get them, quotes doubled");
	free(s);
	s = written(empty, 1);
	is_string(s, "\"\"\r\n", "one empty field is written \"\", not as an "
	    "empty line");
	free(s);
	s = written(two, 2);
	is_string(s, ",\r\n", "two empty fields are a comma");
	free(s);

	errno = 0;
	ok(csv_write(stdout, plain, 0) == -1 && errno == EINVAL,
	    "no fields is EINVAL");
	if ((f = fopen("/dev/full", "w")) == NULL) {
		ok(1, "# SKIP no /dev/full");
		return;
	}
	setvbuf(f, NULL, _IONBF, 0);
	errno = 0;
	rv = csv_write(f, plain, 4);
	ok(rv == -1 && errno == ENOSPC, "a write error is -1 with errno (%s)",
	    strerror(errno));
	fclose(f);
}

/* write all of s to fd, or bail. */
static void
put(int fd, const char *s)
{
	size_t	len = strlen(s);

	if (write(fd, s, len) != (ssize_t)len)
		bail("write: %s", strerror(errno));
}

/*
 * From a pipe each record is returned as soon as its last line has come,
 * while the writer still holds the pipe open: a reader that waited for a
 * whole buffer would hang here, and the alarm would end the test.
 */
static void
test_pipe(void)
{
	struct csv_reader	*r;
	FILE			*f;
	char			**fields, *cause;
	size_t			 n;
	int			 fds[2];

	if (pipe(fds) != 0 || (f = fdopen(fds[0], "r")) == NULL)
		bail("pipe: %s", strerror(errno));
	r = csv_reader_new(f, "pipe", 0);
	alarm(20);
	put(fds[1], "\xef\xbb\xbf" "a,b\r\n");
	ok(csv_read(r, &fields, &n, &cause) == 1 && n == 2 &&
	    strcmp(fields[0], "a") == 0 && strcmp(fields[1], "b") == 0,
	    "from a pipe, a record is read while the writer goes on");
	put(fds[1], "\"c\r\n");
	put(fds[1], "d\",e\r\n");
	ok(csv_read(r, &fields, &n, &cause) == 1 && n == 2 &&
	    strcmp(fields[0], "c\r\nd") == 0 && csv_line(r) == 2,
	    "a quoted field over two lines comes whole");
	close(fds[1]);
	ok(csv_read(r, &fields, &n, &cause) == 0, "then the end");
	alarm(0);
	csv_reader_free(r);
	fclose(f);
}

int
main(void)
{
	static const size_t	 sizes[] = { 0, 4, 5, 7 };
	size_t			 i;

	i18n_init("en");

	/* Every case again with small buffers, which end anywhere. */
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		bufsize = sizes[i];
		diag("read buffer: %zu bytes", bufsize);
		test_basic();
		test_bom_and_blank();
		test_quotes();
		test_bytes();
		test_limits();
	}
	bufsize = 0;
	test_big_field();
	test_big_record();
	test_roundtrip();
	test_write();
	test_pipe();
	return (done_testing());
}
