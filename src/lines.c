/*
 * lines.c: whole-file reads and a line iterator.
 *
 * Files here are small (a form is a few hundred lines), so they are read
 * whole. Each line is handed out as its own NUL-terminated copy with the
 * position of the first invalid UTF-8 byte, if any, so the parsers can
 * report it and skip the line.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errlist.h"
#include "i18n.h"
#include "lines.h"
#include "utf8.h"
#include "xmalloc.h"

#define LINES_FILE_MAX	(16 * 1024 * 1024)

/*
 * Read all of path (a regular file: a device or a FIFO could hang or never
 * end) into a new NUL-terminated buffer the caller frees and set *len to
 * its length. On failure return NULL and set *cause to a
 * translated message the caller frees.
 */
char *
lines_read_file(const char *path, size_t *len, char **cause)
{
	FILE		*f;
	struct stat	 sb;
	char		*buf;
	size_t		 cap = 4096, n = 0, r;
	int		 fd;

	/* Non-blocking, so that naming a FIFO cannot hang the open. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		xasprintf(cause, _("cannot open: %s"), strerror(errno));
		return (NULL);
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		xasprintf(cause, _("cannot open: not a regular file"));
		close(fd);
		return (NULL);
	}
	if (fcntl(fd, F_SETFL, 0) == -1 || (f = fdopen(fd, "rb")) == NULL) {
		xasprintf(cause, _("cannot open: %s"), strerror(errno));
		close(fd);
		return (NULL);
	}
	buf = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap >= LINES_FILE_MAX) {
				xasprintf(cause, _("file is too large"));
				goto fail;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		xasprintf(cause, _("cannot read: %s"), strerror(errno));
		goto fail;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return (buf);

fail:
	fclose(f);
	free(buf);
	return (NULL);
}

/*
 * As lines_read_file, but a failure is added to el as "PATH: reason"
 * rather than returned.
 */
char *
lines_load(const char *path, size_t *len, struct errlist *el)
{
	char	*buf, *cause;

	if ((buf = lines_read_file(path, len, &cause)) == NULL) {
		errlist_add(el, path, 0, 0, "%s", cause);
		free(cause);
	}
	return (buf);
}

/* Start walking buf (len bytes); skips a UTF-8 byte order mark. */
void
lines_init(struct lines *l, const char *buf, size_t len)
{
	l->buf = buf;
	l->len = len;
	l->off = 0;
	l->lineno = 0;
	l->line = NULL;
	l->bad = NULL;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		l->off = 3;
}

/*
 * Move to the next line. Return 1 with l->line set (valid until the next
 * call), or 0 at the end. l->bad points into l->line at the first byte
 * that is not valid UTF-8 (a NUL counts), or is NULL.
 */
int
lines_next(struct lines *l)
{
	const char	*start, *nl;
	size_t		 n;

	free(l->line);
	l->line = NULL;
	if (l->off >= l->len)
		return (0);
	start = l->buf + l->off;
	nl = memchr(start, '\n', l->len - l->off);
	n = (nl != NULL) ? (size_t)(nl - start) : l->len - l->off;
	l->off += n + (nl != NULL);
	l->lineno++;
	if (n > 0 && start[n - 1] == '\r')
		n--;
	l->line = xmalloc(n + 1);
	memcpy(l->line, start, n);
	l->line[n] = '\0';
	l->bad = utf8_invalid(l->line, n);
	return (1);
}

/* Release the current line. */
void
lines_done(struct lines *l)
{
	free(l->line);
	l->line = NULL;
}
