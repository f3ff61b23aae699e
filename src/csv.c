/*
 * csv.c: an RFC 4180 CSV reader and writer.
 *
 * The reader takes UTF-8 text with CR LF or LF line ends (a final record
 * may have none), skips a UTF-8 byte order mark at the start of the file,
 * and turns "" inside a quoted field into one quote. Quoted fields may hold
 * commas, quotes and line ends. What it reads:
 *
 *  - an empty line at the very end of the file is not a record; an empty
 *    line anywhere else is a record of one empty field (the caller decides
 *    what to say about it);
 *  - a bad record is refused with "NAME:LINE: message": a quoted field not
 *    closed before the end of the file (LINE is where the field began,
 *    and nothing more is read), text after the closing quote of a field,
 *    a quote inside a field that does not start with one, a carriage
 *    return not followed by a line feed outside quotes, a NUL byte,
 *    invalid UTF-8 ("at byte N", counted from 1 in the line), a field
 *    longer than the limit, more than CSV_FIELDS_MAX fields, or a record
 *    longer than CSV_RECORD_MAX bytes;
 *  - after a refused record, reading goes on at the next line end that
 *    is not inside a quoted field, so one mistake costs one record.
 *
 * The input is read with fread() into a large buffer and scanned a span
 * at a time with a table of the bytes that matter, so the cost per byte
 * is a table lookup. From a pipe or a terminal it is read a line at a
 * time instead, so that each record is returned as soon as it has come:
 * fread() would wait for a whole buffer. A field over the limit stops
 * being kept as soon as it passes it: memory grows with the limit, never
 * with the input.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "utf8.h"
#include "xmalloc.h"

#define CSV_BUFSIZE	(256 * 1024)

/* Byte classes: what ends a span of plain bytes in each state. */
#define C_PLAIN		0x01	/* outside quotes: , " CR LF NUL */
#define C_QUOTED	0x02	/* inside quotes: " LF NUL */

static const u_char csv_class[256] = {
	['\0'] = C_PLAIN|C_QUOTED,
	['\n'] = C_PLAIN|C_QUOTED,
	['\r'] = C_PLAIN,
	[','] = C_PLAIN,
	['"'] = C_PLAIN|C_QUOTED
};

enum csv_state {
	S_START,		/* at the start of a field */
	S_PLAIN,		/* in a field without quotes */
	S_QUOTED,		/* in a quoted field */
	S_QUOTE,		/* after a quote in a quoted field */
	S_CR			/* after a CR outside quotes */
};

enum csv_error {
	E_NONE,
	E_UNCLOSED,
	E_AFTER_QUOTE,
	E_BARE_QUOTE,
	E_CR,
	E_NUL,
	E_FIELD,
	E_FIELDS,
	E_RECORD,
	E_UTF8
};

struct csv_reader {
	FILE		*f;
	char		*name;
	size_t		 maxfield;
	size_t		 recmax;

	u_char		*buf;		/* allocated at the first read */
	size_t		 bufsize;
	size_t		 len;		/* bytes in buf */
	size_t		 pos;		/* next byte of buf */
	uint64_t	 base;		/* file offset of buf[0] */
	int		 started;	/* byte order mark looked for */
	int		 done;		/* nothing more to read */
	int		 stream;	/* not a file: read line by line */

	u_long		 line;		/* line of the next byte */
	uint64_t	 linestart;	/* file offset of that line */
	u_long		 recline;	/* line of the record last read */

	char		*raw;		/* the record as read */
	size_t		 rawlen;
	size_t		 rawsize;
	int		 rawcut;	/* raw stopped short */

	char		*data;		/* the fields, each NUL-terminated */
	size_t		 datalen;
	size_t		 datasize;
	size_t		 fieldstart;	/* offset of the current field */
	u_long		 fieldline;	/* and its line */
	int		 nostore;	/* refused: keep nothing more */

	size_t		*offs;		/* field offsets into data */
	char		**fields;
	size_t		 nfields;
	size_t		 fieldsize;

	enum csv_error	 err;		/* the first problem of the record */
	u_long		 errline;
	size_t		 errbyte;
};

/*
 * Make a reader of f (which the caller keeps and closes). name is used in
 * messages; maxfield is the longest field accepted in bytes, 0 for
 * CSV_MAXFIELD_DEFAULT. Free the reader with csv_reader_free.
 */
struct csv_reader *
csv_reader_new(FILE *f, const char *name, size_t maxfield)
{
	struct csv_reader	*r;
	struct stat		 sb;
	int			 fd;

	r = xcalloc(1, sizeof *r);
	r->f = f;
	if ((fd = fileno(f)) != -1 && fstat(fd, &sb) == 0 &&
	    !S_ISREG(sb.st_mode))
		r->stream = 1;
	r->name = xstrdup(name);
	r->maxfield = (maxfield == 0) ? CSV_MAXFIELD_DEFAULT : maxfield;
	r->recmax = CSV_RECORD_MAX;
	if (r->maxfield <= SIZE_MAX / 4 && r->maxfield * 4 > r->recmax)
		r->recmax = r->maxfield * 4;
	r->bufsize = CSV_BUFSIZE;
	r->line = 1;
	r->recline = 1;
	return (r);
}

/*
 * Read with a buffer of size bytes (4 at least) instead of 256 KiB: for
 * the tests, which check that nothing depends on where a block of input
 * ends. Call it before the first csv_read.
 */
void
csv_reader_bufsize(struct csv_reader *r, size_t size)
{
	if (r->buf == NULL)
		r->bufsize = size < 4 ? 4 : size;
}

/* Free r and everything it returned. Accepts NULL. */
void
csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->name);
	free(r->buf);
	free(r->raw);
	free(r->data);
	free(r->offs);
	free(r->fields);
	free(r);
}

/*
 * Return the line (from 1) at which the record last returned or refused
 * by csv_read began; once csv_read has returned 0, the line after the
 * last one read.
 */
u_long
csv_line(const struct csv_reader *r)
{
	return (r->recline);
}

/*
 * Return the bytes of the record last returned or refused by csv_read,
 * without its line end, and set *len to their number. The reader owns
 * them until the next csv_read. They are not NUL-terminated. For a
 * record refused as too long they stop where the reader stopped keeping
 * it.
 */
const char *
csv_raw(const struct csv_reader *r, size_t *len)
{
	*len = r->rawlen;
	return (r->raw != NULL ? r->raw : "");
}

/* Remember the first problem of the record, at file offset off. */
static void
csv_fail(struct csv_reader *r, enum csv_error err, u_long line, uint64_t off)
{
	if (r->err != E_NONE)
		return;
	r->err = err;
	r->errline = line;
	r->errbyte = (size_t)(off - r->linestart + 1);
}

/* Refuse the record and stop keeping it. */
static void
csv_overflow(struct csv_reader *r, enum csv_error err, u_long line)
{
	csv_fail(r, err, line, r->linestart);
	r->nostore = 1;
}

/* Keep buf[from..to) as part of the raw record. */
static void
csv_keep_raw(struct csv_reader *r, size_t from, size_t to)
{
	size_t	n = to - from, size;

	if (n == 0 || r->rawcut)
		return;
	if (r->nostore) {
		/* Keep the start of a refused record, for the message. */
		if (r->rawlen >= r->maxfield)
			n = 0;
		else if (n > r->maxfield - r->rawlen)
			n = r->maxfield - r->rawlen;
		r->rawcut = 1;
		if (n == 0)
			return;
	}
	if (r->rawlen + n > r->recmax) {
		r->rawcut = 1;
		csv_overflow(r, E_RECORD, r->recline);
		return;
	}
	if (r->rawlen + n > r->rawsize) {
		size = r->rawsize == 0 ? 4096 : r->rawsize;
		while (size < r->rawlen + n)
			size *= 2;
		r->raw = xrealloc(r->raw, size);
		r->rawsize = size;
	}
	memcpy(r->raw + r->rawlen, r->buf + from, n);
	r->rawlen += n;
}

/* Append n bytes to the field being read. */
static void
csv_store(struct csv_reader *r, const u_char *p, size_t n)
{
	size_t	size;

	if (r->nostore || n == 0)
		return;
	if (r->datalen - r->fieldstart + n > r->maxfield) {
		csv_overflow(r, E_FIELD, r->fieldline);
		return;
	}
	if (r->datalen + n + 1 > r->datasize) {
		size = r->datasize == 0 ? 4096 : r->datasize;
		while (size < r->datalen + n + 1)
			size *= 2;
		r->data = xrealloc(r->data, size);
		r->datasize = size;
	}
	memcpy(r->data + r->datalen, p, n);
	r->datalen += n;
}

/* End the field being read and start the next one. */
static void
csv_end_field(struct csv_reader *r)
{
	size_t	size;

	if (r->nostore)
		return;
	if (r->nfields == CSV_FIELDS_MAX) {
		csv_overflow(r, E_FIELDS, r->recline);
		return;
	}
	if (r->nfields == r->fieldsize) {
		size = r->fieldsize == 0 ? 64 : r->fieldsize * 2;
		r->offs = xreallocarray(r->offs, size, sizeof *r->offs);
		r->fields = xreallocarray(r->fields, size, sizeof *r->fields);
		r->fieldsize = size;
	}
	if (r->datalen + 1 > r->datasize) {
		r->datasize = r->datasize == 0 ? 4096 : r->datasize * 2;
		r->data = xrealloc(r->data, r->datasize);
	}
	r->offs[r->nfields++] = r->fieldstart;
	r->data[r->datalen++] = '\0';
	r->fieldstart = r->datalen;
}

/*
 * Read the next block of input into buf. Return its length: 0 at the end
 * of the input or on a read error (then *cause is set).
 */
static size_t
csv_fill(struct csv_reader *r, char **cause)
{
	int	c;

	if (r->buf == NULL)
		r->buf = xmalloc(r->bufsize);
	r->base += r->len;
	r->pos = 0;
	if (r->stream) {
		r->len = 0;
		while (r->len < r->bufsize && (c = getc(r->f)) != EOF) {
			r->buf[r->len++] = c;
			if (c == '\n')
				break;
		}
	} else
		r->len = fread(r->buf, 1, r->bufsize, r->f);
	if (r->len == 0 && ferror(r->f)) {
		xasprintf(cause, _("%s: read error: %s"), r->name,
		    strerror(errno));
		r->done = 1;
	}
	return (r->len);
}

/* Where in the file, and in which line, byte off of raw is. */
static void
csv_raw_position(const struct csv_reader *r, size_t off, u_long *line,
    size_t *byte)
{
	size_t	i, start = 0;

	*line = r->recline;
	for (i = 0; i < off; i++) {
		if (r->raw[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	}
	*byte = off - start + 1;
}

/*
 * Keep the bytes from the current one up to the next of class mask, which
 * is returned and stepped over, its offset in buf put in *at; or return
 * -1 at the end of the buffer.
 */
static int
csv_span(struct csv_reader *r, u_char mask, size_t *at)
{
	const u_char	*b = r->buf;
	size_t		 q;

	for (q = r->pos; q < r->len && (csv_class[b[q]] & mask) == 0; q++)
		;
	csv_store(r, b + r->pos, q - r->pos);
	r->pos = q;
	if (q == r->len)
		return (-1);
	*at = q;
	r->pos++;
	return (b[q]);
}

/* The message for the record's problem, for the caller to free. */
static char *
csv_message(const struct csv_reader *r)
{
	char	*msg = NULL;

	switch (r->err) {
	case E_NONE:
		break;
	case E_UNCLOSED:
		xasprintf(&msg, _("%s:%lu: a quoted field is not closed before "
		    "the end of the file"), r->name, r->errline);
		break;
	case E_AFTER_QUOTE:
		xasprintf(&msg, _("%s:%lu: text after the closing quote of a "
		    "field, at byte %zu"), r->name, r->errline, r->errbyte);
		break;
	case E_BARE_QUOTE:
		xasprintf(&msg, _("%s:%lu: a quote in a field that does not "
		    "start with one, at byte %zu: quote the whole field and "
		    "double the quote"), r->name, r->errline, r->errbyte);
		break;
	case E_CR:
		xasprintf(&msg, _("%s:%lu: a carriage return not followed by a "
		    "line feed, at byte %zu"), r->name, r->errline,
		    r->errbyte);
		break;
	case E_NUL:
		xasprintf(&msg, _("%s:%lu: a NUL byte at byte %zu"), r->name,
		    r->errline, r->errbyte);
		break;
	case E_FIELD:
		xasprintf(&msg, _("%s:%lu: a field is longer than %zu bytes"),
		    r->name, r->errline, r->maxfield);
		break;
	case E_FIELDS:
		xasprintf(&msg, _("%s:%lu: a record has more than %d fields"),
		    r->name, r->errline, CSV_FIELDS_MAX);
		break;
	case E_RECORD:
		xasprintf(&msg, _("%s:%lu: a record is longer than %zu bytes"),
		    r->name, r->errline, r->recmax);
		break;
	case E_UTF8:
		xasprintf(&msg, _("%s:%lu: invalid UTF-8 at byte %zu"), r->name,
		    r->errline, r->errbyte);
		break;
	}
	return (msg);
}

/* Start reading a record: forget the last one. */
static void
csv_reset(struct csv_reader *r)
{
	r->rawlen = 0;
	r->rawcut = 0;
	r->datalen = 0;
	r->fieldstart = 0;
	r->nfields = 0;
	r->nostore = 0;
	r->err = E_NONE;
	r->recline = r->line;
	r->fieldline = r->line;
}

/*
 * Read the next record of r. Return 1 and set *fields and *nfields to its
 * fields (NUL-terminated UTF-8, owned by r, valid until the next call);
 * return 0 at the end of the input; return -1 if the record is refused or
 * the input cannot be read, with *cause set to "NAME:LINE: message" for
 * the caller to free. After a refused record the next call reads the
 * record after it, except after a quoted field left open at the end of
 * the file, or a read error, which end the input.
 */
int
csv_read(struct csv_reader *r, char ***fields, size_t *nfields,
    char **cause)
{
	enum csv_state	 state = S_START;
	const u_char	*b;
	const char	*bad;
	uint64_t	 crpos = 0;
	size_t		 q, mark, i;
	u_long		 crline = 0;
	int		 c, crlf = 0;

	*fields = NULL;
	*nfields = 0;
	*cause = NULL;
	csv_reset(r);
	if (r->done)
		return (0);
	if (!r->started) {
		r->started = 1;
		if (csv_fill(r, cause) == 0) {
			r->done = 1;
			return (*cause != NULL ? -1 : 0);
		}
		/*
		 * fread() fills the buffer unless the input ends; a line
		 * read from a pipe holds the mark if the line does.
		 */
		if (r->len >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0) {
			r->pos = 3;
			r->linestart = 3;
		}
	}

	mark = r->pos;
	for (;;) {
		if (r->pos == r->len) {
			csv_keep_raw(r, mark, r->len);
			mark = 0;
			if (csv_fill(r, cause) == 0)
				break;
		}
		b = r->buf;
		switch (state) {
		case S_START:
			r->fieldline = r->line;
			if (b[r->pos] == '"') {
				r->pos++;
				state = S_QUOTED;
				break;
			}
			state = S_PLAIN;
			/* FALLTHROUGH */
		case S_PLAIN:
			if ((c = csv_span(r, C_PLAIN, &q)) == -1)
				break;
			if (c == ',') {
				csv_end_field(r);
				state = S_START;
			} else if (c == '\n')
				goto line_end;
			else if (c == '\r') {
				crpos = r->base + q;
				crline = r->line;
				state = S_CR;
			} else if (c == '"') {
				csv_fail(r, E_BARE_QUOTE, r->line, r->base + q);
				csv_store(r, b + q, 1);
			} else
				csv_fail(r, E_NUL, r->line, r->base + q);
			break;
		case S_QUOTED:
			if ((c = csv_span(r, C_QUOTED, &q)) == -1)
				break;
			if (c == '"')
				state = S_QUOTE;
			else if (c == '\n') {
				csv_store(r, b + q, 1);
				r->line++;
				r->linestart = r->base + r->pos;
			} else
				csv_fail(r, E_NUL, r->line, r->base + q);
			break;
		case S_QUOTE:
			c = b[r->pos];
			if (c == '"') {
				csv_store(r, b + r->pos, 1);
				r->pos++;
				state = S_QUOTED;
			} else if (c == ',') {
				r->pos++;
				csv_end_field(r);
				state = S_START;
			} else if (c == '\n') {
				r->pos++;
				goto line_end;
			} else if (c == '\r') {
				crpos = r->base + r->pos;
				crline = r->line;
				r->pos++;
				state = S_CR;
			} else {
				csv_fail(r, E_AFTER_QUOTE, r->line,
				    r->base + r->pos);
				state = S_PLAIN;
			}
			break;
		case S_CR:
			if (b[r->pos] == '\n') {
				r->pos++;
				crlf = 1;
				goto line_end;
			}
			csv_fail(r, E_CR, crline, crpos);
			csv_store(r, (const u_char *)"\r", 1);
			state = S_PLAIN;
			break;
		}
	}

	/* The end of the input. */
	if (*cause != NULL)
		return (-1);
	r->done = 1;
	if (state == S_QUOTED) {
		csv_fail(r, E_UNCLOSED, r->fieldline, r->linestart);
		goto finish;
	}
	if (state == S_START && r->rawlen == 0 && r->nfields == 0 &&
	    !r->rawcut) {
		r->recline = r->line;
		return (0);
	}
	if (state == S_CR && !r->rawcut && r->rawlen > 0)
		r->rawlen--;
	r->line++;
	goto finish;

line_end:
	csv_keep_raw(r, mark, r->pos - 1);
	if (crlf && !r->rawcut && r->rawlen > 0)
		r->rawlen--;
	r->line++;
	r->linestart = r->base + r->pos;
	if (r->rawlen == 0 && !r->rawcut && r->nfields == 0 &&
	    r->err == E_NONE && r->pos == r->len) {
		/* An empty line: not a record if it is the last. */
		if (csv_fill(r, cause) == 0) {
			if (*cause != NULL)
				return (-1);
			r->done = 1;
			r->recline = r->line;
			return (0);
		}
	}

finish:
	csv_end_field(r);
	if (r->err == E_NONE && r->rawlen > 0 &&
	    (bad = utf8_invalid(r->raw, r->rawlen)) != NULL) {
		r->err = E_UTF8;
		csv_raw_position(r, (size_t)(bad - r->raw), &r->errline,
		    &r->errbyte);
	}
	if (r->err != E_NONE) {
		*cause = csv_message(r);
		return (-1);
	}
	for (i = 0; i < r->nfields; i++)
		r->fields[i] = r->data + r->offs[i];
	*fields = r->fields;
	*nfields = r->nfields;
	return (1);
}

/* Does field s need quotes to read back the same? */
static int
csv_needs_quotes(const char *s)
{
	size_t	len;

	if (*s == '\0')
		return (0);
	if (*s == ' ' || *s == '\t' || strncmp(s, "\xef\xbb\xbf", 3) == 0)
		return (1);
	len = strcspn(s, ",\"\r\n");
	if (s[len] != '\0')
		return (1);
	return (s[len - 1] == ' ' || s[len - 1] == '\t');
}

/* Write s quoted, doubling its quotes. */
static int
csv_write_quoted(FILE *f, const char *s)
{
	const char	*q;
	size_t		 n;

	if (putc_unlocked('"', f) == EOF)
		return (-1);
	for (;;) {
		q = strchr(s, '"');
		n = (q == NULL) ? strlen(s) : (size_t)(q - s + 1);
		if (n != 0 && fwrite_unlocked(s, 1, n, f) != n)
			return (-1);
		if (q == NULL)
			break;
		if (putc_unlocked('"', f) == EOF)
			return (-1);
		s = q + 1;
	}
	if (putc_unlocked('"', f) == EOF)
		return (-1);
	return (0);
}

/*
 * Write one record of nfields fields (at least one) to f, with CR LF at
 * the end. A field is quoted if it holds a comma, a quote, a CR or an LF,
 * begins or ends with a space or a tab, or begins with a byte order mark;
 * a record of one empty field is written "" so that it is not an empty
 * line. Return 0, or -1 with errno set if writing fails (or EINVAL if
 * nfields is 0). Errors that stdio holds back show at fflush or fclose.
 */
int
csv_write(FILE *f, const char *const *fields, size_t nfields)
{
	size_t	i, n;
	int	rv = -1;

	if (nfields == 0) {
		errno = EINVAL;
		return (-1);
	}
	flockfile(f);
	for (i = 0; i < nfields; i++) {
		if (i != 0 && putc_unlocked(',', f) == EOF)
			goto out;
		if (csv_needs_quotes(fields[i]) ||
		    (nfields == 1 && *fields[i] == '\0')) {
			if (csv_write_quoted(f, fields[i]) != 0)
				goto out;
			continue;
		}
		n = strlen(fields[i]);
		if (n != 0 && fwrite_unlocked(fields[i], 1, n, f) != n)
			goto out;
	}
	if (putc_unlocked('\r', f) != EOF && putc_unlocked('\n', f) != EOF)
		rv = 0;
out:
	funlockfile(f);
	return (rv);
}
