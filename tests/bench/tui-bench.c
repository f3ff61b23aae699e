/*
 * tui-bench.c: what a full-screen program costs a terminal, measured on a
 * pseudo-terminal: bytes for the first screen and for each keystroke, the
 * time to the first screen, CPU time per keystroke and peak memory.
 *
 *	tui-bench [options] [--] COMMAND [ARG...]
 *
 * COMMAND runs on a pty of the given size with TERM set and LANG=C.UTF-8.
 * The first screen is done once the --ready text has been written and the
 * output has then been quiet for --ready-settle milliseconds; its time is
 * that of the read that completed the marker, without the settle time.
 * Then the keystrokes are sent one at a time, and after each the output is
 * read until it has been quiet for --settle milliseconds; what was read
 * is that keystroke's, and so is the CPU time the program's threads used
 * meanwhile (the first field of /proc/PID/task/TID/schedstat, in ns).
 * A keystroke whose output clears the screen (the terminfo clear and ed
 * of TERM, or ESC [2J) or is larger than a share of the first screen is
 * counted as a full redraw. Last, VmHWM is read from /proc/PID/status,
 * the --quit keys are sent, and the program is ended with SIGTERM, then
 * SIGKILL, if it has not exited within the timeout.
 *
 * Keystrokes come from --keys FILE and -k SPEC, one spec a line:
 *
 *	text:Nguyễn	one keystroke a character
 *	key:Tab		a named key: Tab BTab Enter Escape Space BSpace
 *			Left Right Up Down Home End PgUp PgDn IC DC
 *			F1..F63, C-x, M-x, or a terminfo key capability
 *			(kcbt, kf13); the bytes come from TERM's terminfo
 *	key:\033[12~	literal bytes with C escapes (\e, \t, \r, \NNN,
 *			\xHH); so is a single character
 *
 * Lines starting with # and empty lines are skipped. Text keystrokes and
 * named keys are reported apart. The harness links ncurses for terminfo
 * only. Exits 0 when every keystroke was measured and the program ended,
 * 1 when it timed out, exited early or had to be killed, 2 on bad usage.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>

#include <curses.h>
#include <term.h>

#include "utf8.h"
#include "xmalloc.h"

/* One keystroke: what is sent and what it cost. */
struct stroke {
	char		*seq;		/* the bytes sent */
	size_t		 len;
	char		*label;		/* the character or the key's spec */
	int		 text;		/* typed text, not a named key */

	size_t		 out;		/* bytes the program wrote back */
	double		 cpu_us;	/* its CPU time; -1 when unknown */
	double		 first_ms;	/* from sending to the first byte */
	double		 last_ms;	/* ... to the last byte; -1: none */
	int		 redraw;
};

struct strokes {
	struct stroke	*v;
	size_t		 n;
};

/* The program under test, seen from the master side of its pty. */
struct child {
	pid_t		 pid;
	int		 fd;
	int		 hup;		/* the pty's other side is closed */
	int		 reaped;
	int		 status;
	struct ubuf	 out;		/* every byte it wrote */
	struct ubuf	 text;		/* the same without control sequences */
	int		 esc;		/* state of the sequence stripper */
	FILE		*raw;
};

/* States of the stripper of control sequences. */
enum { E_GROUND, E_ESC, E_INTER, E_CSI, E_STR, E_STR_ESC };

/* One wait for output. */
struct pump {
	double		 since;		/* in: when the quiet time starts */
	int		 settle_ms;	/* in: -1 to wait for the exit */
	double		 deadline;	/* in */
	const char	*marker;	/* in: text to see first, or NULL */
	double		 marker_at;	/* out: -1 until seen */
	double		 first_at;	/* out: -1 while nothing came */
	double		 last_at;
};

enum pump_result {
	PUMP_QUIET,
	PUMP_EXITED,
	PUMP_TIMEOUT
};

/* What is summarized over keystrokes. */
enum measure {
	M_BYTES,
	M_CPU,
	M_LATENCY
};

/* Where keystrokes come from: a file of specs or one spec. */
struct source {
	const char	*arg;
	int		 file;
};

struct summary {
	size_t		 n;
	double		 median;
	double		 mean;
	double		 max;
};

/* What a run gives, besides each keystroke's figures. */
struct result {
	struct strokes	 keys;		/* the keystrokes measured */
	size_t		 screen;	/* bytes of the first screen */
	double		 ready_ms;	/* -1: the marker never came */
	double		 screen_ms;
	size_t		 redraws;
	long		 peak_kb;	/* -1: unknown */
	const char	*how;		/* how the program ended */
	char		 status[32];	/* and its status */
	size_t		 end_bytes;	/* what it wrote meanwhile */
	const char	*why;		/* why the run failed, or NULL */
	char		 tail[512];	/* its last output, if it failed early */
};

static const struct {
	const char	*name;
	const char	*cap;		/* a terminfo capability */
	const char	*seq;		/* or these bytes */
} key_names[] = {
	{ "Tab", NULL, "\t" },
	{ "BTab", "kcbt", NULL },
	{ "Enter", NULL, "\r" },
	{ "Escape", NULL, "\033" },
	{ "Space", NULL, " " },
	{ "BSpace", "kbs", NULL },
	{ "Left", "kcub1", NULL },
	{ "Right", "kcuf1", NULL },
	{ "Up", "kcuu1", NULL },
	{ "Down", "kcud1", NULL },
	{ "Home", "khome", NULL },
	{ "End", "kend", NULL },
	{ "PgUp", "kpp", NULL },
	{ "PgDn", "knp", NULL },
	{ "IC", "kich1", NULL },
	{ "DC", "kdch1", NULL }
};

/* The options. */
static int	 o_cols = 80;
static int	 o_rows = 24;
static const char *o_term = "xterm";
static const char *o_ready;
static int	 o_settle = 30;
static int	 o_ready_settle = 100;
static double	 o_timeout = 10;
static double	 o_redraw_share = 0.5;
static const char *o_label;
static const char *o_tsv;
static const char *o_log;
static const char *o_raw;

static int	 have_terminfo;
static char	*clears[4];		/* what clears the screen; NULL ends */
static volatile sig_atomic_t running;		/* for the signal handler */

/* Print the usage to f and exit with status. */
static void
usage(FILE *f, int status)
{
	fprintf(f, "usage: tui-bench [--size COLSxROWS] [--term TERM] "
	    "[--ready TEXT]\n"
	    "    [--keys FILE] [-k SPEC]... [--quit KEY]... [--settle MS]\n"
	    "    [--ready-settle MS] [--timeout SECONDS] "
	    "[--redraw-share FRACTION]\n"
	    "    [--label NAME] [--tsv FILE] [--log FILE] [--raw FILE] "
	    "[--] COMMAND [ARG...]\n");
	exit(status);
}

static double
mono(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* Kill the program's process group, or the program if it has none. */
static void
kill_child(pid_t pid, int sig)
{
	if (kill(-pid, sig) != 0)
		kill(pid, sig);
}

static void
on_signal(int sig)
{
	if (running > 0)
		kill_child(running, SIGKILL);
	_exit(128 + sig);
}

/*
 * Decode C escapes in s into a new string (free it); its length goes in
 * *len. Returns NULL for a bad escape.
 */
static char *
unescape(const char *s, size_t *len)
{
	struct ubuf	 b;
	const char	*p;
	int		 v, i;

	memset(&b, 0, sizeof b);
	for (p = s; *p != '\0'; p++) {
		if (*p != '\\') {
			ubuf_addch(&b, *p);
			continue;
		}
		switch (*++p) {
		case 'a':
			v = '\a';
			break;
		case 'b':
			v = '\b';
			break;
		case 'e':
		case 'E':
			v = '\033';
			break;
		case 'f':
			v = '\f';
			break;
		case 'n':
			v = '\n';
			break;
		case 'r':
			v = '\r';
			break;
		case 't':
			v = '\t';
			break;
		case 'v':
			v = '\v';
			break;
		case '\\':
			v = '\\';
			break;
		case 'x':
			v = 0;
			for (i = 0; i < 2 && isxdigit((u_char)p[1]); i++) {
				p++;
				v = v * 16 + (isdigit((u_char)*p) ? *p - '0' :
				    (*p | 0x20) - 'a' + 10);
			}
			if (i == 0) {
				free(b.p);
				return (NULL);
			}
			break;
		default:
			if (*p < '0' || *p > '7') {
				free(b.p);
				return (NULL);
			}
			v = *p - '0';
			for (i = 1; i < 3 && p[1] >= '0' && p[1] <= '7'; i++)
				v = v * 8 + *++p - '0';
			break;
		}
		ubuf_addch(&b, (char)v);
	}
	return (ubuf_finish(&b, len));
}

/*
 * The bytes of key NAME (see the top of the file) in a new string, its
 * length in *len; NULL if the name is unknown or TERM lacks the key.
 */
static char *
key_bytes(const char *name, size_t *len)
{
	const char	*cap = NULL, *s;
	char		 fk[16], b[2];
	size_t		 i;
	int		 n;

	if (strchr(name, '\\') != NULL ||
	    u8_mblen((const uint8_t *)name, strlen(name)) ==
	    (int)strlen(name))
		return (unescape(name, len));
	if (strlen(name) == 3 && name[1] == '-' &&
	    (name[0] == 'C' || name[0] == 'M')) {
		if (name[0] == 'C') {
			b[0] = name[2] & 0x1f;
			*len = 1;
		} else {
			b[0] = '\033';
			b[1] = name[2];
			*len = 2;
		}
		return (xstrndup(b, *len));
	}
	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
		if (strcmp(name, key_names[i].name) != 0)
			continue;
		if ((cap = key_names[i].cap) == NULL) {
			*len = strlen(key_names[i].seq);
			return (xstrdup(key_names[i].seq));
		}
		break;
	}
	if (cap == NULL && name[0] == 'F' && (n = atoi(name + 1)) > 0 &&
	    n < 64) {
		snprintf(fk, sizeof fk, "kf%d", n);
		cap = fk;
	}
	if (cap == NULL && name[0] == 'k')
		cap = name;
	if (cap == NULL || !have_terminfo)
		return (NULL);
	s = tigetstr(cap);
	if (s == NULL || s == (char *)-1 || *s == '\0')
		return (NULL);
	*len = strlen(s);
	return (xstrdup(s));
}

/* Add a keystroke; it takes seq, a copy of label. */
static void
add_stroke(struct strokes *ss, char *seq, size_t len, const char *label,
    int text)
{
	struct stroke	*s;

	ss->v = xreallocarray(ss->v, ss->n + 1, sizeof *ss->v);
	s = &ss->v[ss->n++];
	memset(s, 0, sizeof *s);
	s->seq = seq;
	s->len = len;
	s->label = xstrdup(label);
	s->text = text;
	s->cpu_us = s->first_ms = s->last_ms = -1;
}

static void
free_strokes(struct strokes *ss)
{
	size_t	i;

	for (i = 0; i < ss->n; i++) {
		free(ss->v[i].seq);
		free(ss->v[i].label);
	}
	free(ss->v);
}

/* Add a key spec without its "key:"; exit on a bad one. */
static void
add_key(struct strokes *ss, const char *spec, const char *where)
{
	char	*seq;
	size_t	 len;

	if (*spec == '\0' || (seq = key_bytes(spec, &len)) == NULL ||
	    len == 0) {
		fprintf(stderr, "tui-bench: %s: unknown key '%s'%s\n", where,
		    spec, have_terminfo ? "" : " (no terminfo for TERM)");
		exit(2);
	}
	add_stroke(ss, seq, len, spec, 0);
}

/* Add the keystrokes of one spec line (see the top of the file). */
static void
add_spec(struct strokes *ss, const char *line, const char *where)
{
	const char	*p;
	char		 ch[8];
	int		 n;

	if (*line == '\0' || *line == '#')
		return;
	if (strncmp(line, "key:", 4) == 0) {
		add_key(ss, line + 4, where);
		return;
	}
	if (strncmp(line, "text:", 5) != 0) {
		fprintf(stderr, "tui-bench: %s: not text:... or key:...\n",
		    where);
		exit(2);
	}
	for (p = line + 5; *p != '\0'; p += n) {
		n = u8_mblen((const uint8_t *)p, strlen(p));
		if (n <= 0 || (size_t)n >= sizeof ch) {
			fprintf(stderr, "tui-bench: %s: not UTF-8\n", where);
			exit(2);
		}
		memcpy(ch, p, n);
		ch[n] = '\0';
		add_stroke(ss, xstrdup(ch), n, ch, 1);
	}
}

/* Add the keystrokes of a keys file; exit if it is unreadable or bad. */
static void
read_keys(struct strokes *ss, const char *path)
{
	FILE	*f;
	char	*line = NULL, *where;
	size_t	 size = 0;
	ssize_t	 n;
	u_int	 lineno = 0;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "tui-bench: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while ((n = getline(&line, &size, f)) != -1) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		xasprintf(&where, "%s:%u", path, lineno);
		add_spec(ss, line, where);
		free(where);
	}
	free(line);
	fclose(f);
}

/* Look up TERM's terminfo: the named keys and the clearing sequences. */
static void
setup_terminfo(void)
{
	static const char	*caps[] = { "clear", "ed" };
	const char		*s;
	size_t			 i, n = 0;
	int			 error;

	if (setupterm(o_term, STDERR_FILENO, &error) == OK) {
		have_terminfo = 1;
		for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
			s = tigetstr(caps[i]);
			if (s != NULL && s != (char *)-1 && *s != '\0')
				clears[n++] = xstrdup(s);
		}
	} else
		fprintf(stderr, "tui-bench: no terminfo for TERM=%s; only "
		    "literal keys\n", o_term);
	clears[n] = xstrdup("\033[2J");
}

/* Keep the printable part of what the program wrote, for the marker. */
static void
strip(struct child *c, const char *p, size_t n)
{
	size_t	i;
	u_char	ch;

	for (i = 0; i < n; i++) {
		ch = p[i];
		switch (c->esc) {
		case E_GROUND:
			if (ch == 0x1b)
				c->esc = E_ESC;
			else if (ch == '\n')
				ubuf_addch(&c->text, ' ');
			else if (ch >= 0x20 && ch != 0x7f)
				ubuf_addch(&c->text, ch);
			break;
		case E_ESC:
			if (ch == '[')
				c->esc = E_CSI;
			else if (ch != '\0' && strchr("]P_^X", ch) != NULL)
				c->esc = E_STR;
			else if (ch >= 0x20 && ch <= 0x2f)
				c->esc = E_INTER;
			else
				c->esc = E_GROUND;
			break;
		case E_INTER:
			if (ch < 0x20 || ch > 0x2f)
				c->esc = E_GROUND;
			break;
		case E_CSI:
			if (ch >= 0x40 && ch <= 0x7e)
				c->esc = E_GROUND;
			break;
		case E_STR:
			if (ch == 0x07)
				c->esc = E_GROUND;
			else if (ch == 0x1b)
				c->esc = E_STR_ESC;
			break;
		case E_STR_ESC:
			c->esc = ch == '\\' ? E_GROUND : E_STR;
			break;
		}
	}
}

/* Reap the program if it has exited; returns 1 if it has been reaped. */
static int
try_reap(struct child *c)
{
	if (!c->reaped && waitpid(c->pid, &c->status, WNOHANG) == c->pid) {
		c->reaped = 1;
		running = 0;
	}
	return (c->reaped);
}

/*
 * Read what the program writes until it has been quiet for settle_ms
 * after since (and after the marker, if any), it has gone, or the
 * deadline has passed.
 */
static enum pump_result
pump(struct child *c, struct pump *pp)
{
	struct pollfd	 pfd;
	char		 buf[16384];
	double		 now, quiet_at, wake;
	ssize_t		 n;
	size_t		 from, mlen;
	int		 ready;

	pp->marker_at = pp->first_at = pp->last_at = -1;
	mlen = pp->marker != NULL ? strlen(pp->marker) : 0;
	for (;;) {
		now = mono();
		if (c->hup) {
			/*
			 * Nothing more to read: wait for the exit. A program
			 * that outlives its terminal is as good as gone; it
			 * is killed at the end.
			 */
			if (try_reap(c) || now >= pp->deadline)
				return (PUMP_EXITED);
			usleep(5000);
			continue;
		}
		ready = pp->marker == NULL || pp->marker_at >= 0;
		quiet_at = (pp->last_at >= 0 ? pp->last_at : pp->since) +
		    pp->settle_ms / 1e3;
		if (ready && pp->settle_ms >= 0 && now >= quiet_at)
			return (PUMP_QUIET);
		if (now >= pp->deadline)
			return (PUMP_TIMEOUT);

		/* Look at the program now and then: it may exit and leave
		 * the pty open in another process. */
		wake = now + 0.1;
		if (wake > pp->deadline)
			wake = pp->deadline;
		if (ready && pp->settle_ms >= 0 && quiet_at < wake)
			wake = quiet_at;
		pfd.fd = c->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)((wake - now) * 1e3) + 1) == -1) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tui-bench: poll: %s\n",
			    strerror(errno));
			exit(1);
		}
		if (pfd.revents == 0) {
			if (try_reap(c))
				return (PUMP_EXITED);
			continue;
		}
		n = read(c->fd, buf, sizeof buf);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			/* EIO: every descriptor of the other side is shut. */
			c->hup = 1;
			continue;
		}
		now = mono();
		if (pp->first_at < 0)
			pp->first_at = now;
		pp->last_at = now;
		ubuf_add(&c->out, buf, n);
		if (c->raw != NULL)
			fwrite(buf, 1, n, c->raw);
		from = c->text.len > mlen ? c->text.len - mlen : 0;
		strip(c, buf, n);
		if (pp->marker_at < 0 && pp->marker != NULL &&
		    c->text.len > from && (mlen == 0 ||
		    memmem(c->text.p + from, c->text.len - from, pp->marker,
		    mlen) != NULL))
			pp->marker_at = now;
	}
}

/* Wait up to secs for the program to exit; returns 0 once reaped. */
static int
wait_exit(struct child *c, double secs)
{
	struct pump	p;

	if (c->reaped)
		return (0);
	memset(&p, 0, sizeof p);
	p.since = mono();
	p.settle_ms = -1;
	p.deadline = p.since + secs;
	pump(c, &p);
	return (c->reaped ? 0 : -1);
}

/* Write a keystroke; returns -1 if the pty would not take it in time. */
static int
send_stroke(struct child *c, const struct stroke *s, double deadline)
{
	struct pollfd	pfd;
	size_t		done = 0;
	ssize_t		n;

	while (done < s->len) {
		n = write(c->fd, s->seq + done, s->len - done);
		if (n > 0) {
			done += n;
			continue;
		}
		if (n == -1 && errno != EAGAIN && errno != EINTR)
			return (-1);
		if (mono() >= deadline)
			return (-1);
		pfd.fd = c->fd;
		pfd.events = POLLOUT;
		poll(&pfd, 1, 10);
	}
	return (0);
}

/* The CPU time the program's threads have used, in ns; -1 if unknown. */
static int64_t
cpu_ns(pid_t pid)
{
	DIR			*d;
	struct dirent		*de;
	FILE			*f;
	char			 path[512];
	unsigned long long	 ns;
	int64_t			 sum = 0;
	int			 found = 0;

	snprintf(path, sizeof path, "/proc/%ld/task", (long)pid);
	if ((d = opendir(path)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "/proc/%ld/task/%s/schedstat",
		    (long)pid, de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fscanf(f, "%llu", &ns) == 1) {
			sum += ns;
			found = 1;
		}
		fclose(f);
	}
	closedir(d);
	return (found ? sum : -1);
}

/* The program's peak resident memory (VmHWM) in KB, or -1. */
static long
peak_kb(pid_t pid)
{
	FILE	*f;
	char	 path[64], line[256];
	long	 kb = -1;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "VmHWM: %ld", &kb) == 1)
			break;
	fclose(f);
	return (kb);
}

/* Does this output clear the screen or come close to a whole screen? */
static int
is_redraw(const char *p, size_t n, size_t screen)
{
	size_t	i;

	for (i = 0; clears[i] != NULL; i++)
		if (memmem(p, n, clears[i], strlen(clears[i])) != NULL)
			return (1);
	return (screen > 0 && n > o_redraw_share * screen);
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return ((x > y) - (x < y));
}

/*
 * Summarize one measure of the keystrokes of a kind (text 1, named keys
 * 0, all -1); values below zero are unknown and left out.
 */
static void
summarize(const struct strokes *ss, int kind, enum measure m,
    struct summary *sum)
{
	double	*v, x;
	size_t	 i, n = 0;

	memset(sum, 0, sizeof *sum);
	if (ss->n == 0)
		return;
	v = xreallocarray(NULL, ss->n, sizeof *v);
	for (i = 0; i < ss->n; i++) {
		if (kind != -1 && ss->v[i].text != kind)
			continue;
		switch (m) {
		case M_BYTES:
			x = ss->v[i].out;
			break;
		case M_CPU:
			x = ss->v[i].cpu_us;
			break;
		default:
			x = ss->v[i].last_ms;
			break;
		}
		if (x < 0)
			continue;
		v[n++] = x;
		sum->mean += x;
	}
	if (n > 0) {
		qsort(v, n, sizeof *v, cmp_double);
		sum->n = n;
		sum->mean /= n;
		sum->median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
		sum->max = v[n - 1];
	}
	free(v);
}

/* Print p as a TSV field: control bytes as \ooo. */
static void
print_escaped(FILE *f, const char *p)
{
	for (; *p != '\0'; p++) {
		if ((u_char)*p < 0x20 || *p == 0x7f || *p == '\\')
			fprintf(f, "\\%03o", (u_char)*p);
		else
			fputc(*p, f);
	}
}

/* Keep the last part of the program's visible output, for a diagnosis. */
static void
keep_tail(const struct child *c, struct result *res)
{
	const char	*p = c->text.p;
	size_t		 n = c->text.len;

	if (n > 300) {
		p += n - 300;
		n = 300;
		while (n > 0 && (*p & 0xc0) == 0x80) {
			p++;
			n--;
		}
	}
	snprintf(res->tail, sizeof res->tail, "%.*s", (int)n, p);
}

/* Say in buf how the program ended. */
static void
end_status(const struct child *c, char *buf, size_t size)
{
	if (!c->reaped)
		snprintf(buf, size, "not reaped");
	else if (WIFEXITED(c->status))
		snprintf(buf, size, "exit %d", WEXITSTATUS(c->status));
	else if (WIFSIGNALED(c->status))
		snprintf(buf, size, "signal %d", WTERMSIG(c->status));
	else
		snprintf(buf, size, "status %d", c->status);
}

/* Run argv on a new pty of the size and TERM asked for. */
static void
start(struct child *c, char **argv)
{
	struct winsize	ws;

	memset(&ws, 0, sizeof ws);
	ws.ws_col = o_cols;
	ws.ws_row = o_rows;
	c->pid = forkpty(&c->fd, NULL, NULL, &ws);
	if (c->pid == -1) {
		fprintf(stderr, "tui-bench: forkpty: %s\n", strerror(errno));
		exit(1);
	}
	if (c->pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		setenv("TERM", o_term, 1);
		setenv("LANG", "C.UTF-8", 1);
		unsetenv("LC_ALL");
		unsetenv("LC_CTYPE");
		unsetenv("COLUMNS");
		unsetenv("LINES");
		execvp(argv[0], argv);
		fprintf(stderr, "tui-bench: %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	running = c->pid;
	fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
}

/*
 * Send the keystrokes one at a time, measuring each. Returns the number
 * measured; *why says why it stopped early.
 */
static size_t
type_keys(struct child *c, struct strokes *ss, size_t screen,
    const char **why)
{
	struct stroke	*s;
	struct pump	 p;
	int64_t		 cpu0, cpu1;
	size_t		 i, before;
	int		 r;

	for (i = 0; i < ss->n; i++) {
		s = &ss->v[i];
		before = c->out.len;
		cpu0 = cpu_ns(c->pid);
		memset(&p, 0, sizeof p);
		p.since = mono();
		p.settle_ms = o_settle;
		p.deadline = p.since + o_timeout;
		if (send_stroke(c, s, p.deadline) != 0) {
			*why = "the pty would not take a keystroke";
			return (i);
		}
		r = pump(c, &p);
		cpu1 = cpu_ns(c->pid);
		s->out = c->out.len - before;
		if (cpu0 >= 0 && cpu1 >= cpu0)
			s->cpu_us = (cpu1 - cpu0) / 1e3;
		if (p.first_at >= 0) {
			s->first_ms = (p.first_at - p.since) * 1e3;
			s->last_ms = (p.last_at - p.since) * 1e3;
		}
		s->redraw = is_redraw(c->out.p + before, s->out, screen);
		if (r == PUMP_EXITED) {
			*why = "the program exited during a keystroke";
			return (i);
		}
		if (r == PUMP_TIMEOUT) {
			*why = "the program was still writing at the timeout";
			return (i);
		}
	}
	return (i);
}

/*
 * End the program: the quit keys, then SIGTERM, then SIGKILL. Returns
 * how it ended.
 */
static const char *
finish(struct child *c, struct strokes *quit)
{
	struct pump	p;
	size_t		i;

	if (c->reaped)
		return ("exited early");
	for (i = 0; i < quit->n && !c->hup; i++) {
		memset(&p, 0, sizeof p);
		p.since = mono();
		p.settle_ms = o_settle;
		p.deadline = p.since + o_timeout;
		if (send_stroke(c, &quit->v[i], p.deadline) != 0 ||
		    pump(c, &p) != PUMP_QUIET)
			break;
	}
	if (quit->n > 0 && wait_exit(c, o_timeout) == 0)
		return ("quit");
	kill_child(c->pid, SIGTERM);
	if (wait_exit(c, o_timeout) == 0)
		return ("SIGTERM");
	kill_child(c->pid, SIGKILL);
	if (wait_exit(c, o_timeout) != 0) {
		waitpid(c->pid, &c->status, 0);
		c->reaped = 1;
		running = 0;
	}
	return ("SIGKILL");
}

/* Print the report's line for the keystrokes of a kind. */
static void
print_row(const char *what, const struct strokes *ss, int kind)
{
	struct summary	b, u, l;

	summarize(ss, kind, M_BYTES, &b);
	summarize(ss, kind, M_CPU, &u);
	summarize(ss, kind, M_LATENCY, &l);
	if (b.n == 0) {
		printf("  %-10s %5d\n", what, 0);
		return;
	}
	printf("  %-10s %5zu  %7.1f %7.1f %6.0f  %7.1f %7.1f %7.1f  "
	    "%7.2f %7.2f\n", what, b.n, b.median, b.mean, b.max, u.median,
	    u.mean, u.max, l.median, l.max);
}

/* A TSV field: "-" when the value is unknown. */
static void
tsv_num(FILE *f, int known, int prec, double v)
{
	if (known)
		fprintf(f, "\t%.*f", prec, v);
	else
		fputs("\t-", f);
}

/* Median, mean and max as TSV fields; the count first if asked. */
static void
tsv_summary(FILE *f, const struct summary *sum, int count, int prec)
{
	if (count)
		fprintf(f, "\t%zu", sum->n);
	tsv_num(f, sum->n > 0, prec, sum->median);
	tsv_num(f, sum->n > 0, prec, sum->mean);
	tsv_num(f, sum->n > 0, prec, sum->max);
}

/* Add a run's line to the summary file, with a header if it is new. */
static void
write_tsv(const struct result *res)
{
	struct summary	 sum;
	struct stat	 sb;
	FILE		*f;

	if (strcmp(o_tsv, "-") == 0)
		f = stdout;
	else if ((f = fopen(o_tsv, "a")) == NULL) {
		fprintf(stderr, "tui-bench: %s: %s\n", o_tsv, strerror(errno));
		return;
	}
	if (f == stdout || (fstat(fileno(f), &sb) == 0 && sb.st_size == 0))
		fprintf(f, "label\tterm\tsize\tready_ms\tscreen_ms\t"
		    "screen_bytes\ttext_keys\ttext_bytes_median\t"
		    "text_bytes_mean\ttext_bytes_max\tnav_keys\t"
		    "nav_bytes_median\tnav_bytes_mean\tnav_bytes_max\t"
		    "cpu_us_median\tcpu_us_mean\tcpu_us_max\t"
		    "latency_ms_median\tlatency_ms_mean\tlatency_ms_max\t"
		    "redraws\tpeak_kb\tresult\n");
	fprintf(f, "%s\t%s\t%dx%d", o_label, o_term, o_cols, o_rows);
	tsv_num(f, res->ready_ms >= 0, 1, res->ready_ms);
	tsv_num(f, res->ready_ms >= 0, 1, res->screen_ms);
	fprintf(f, "\t%zu", res->screen);
	summarize(&res->keys, 1, M_BYTES, &sum);
	tsv_summary(f, &sum, 1, 1);
	summarize(&res->keys, 0, M_BYTES, &sum);
	tsv_summary(f, &sum, 1, 1);
	summarize(&res->keys, -1, M_CPU, &sum);
	tsv_summary(f, &sum, 0, 1);
	summarize(&res->keys, -1, M_LATENCY, &sum);
	tsv_summary(f, &sum, 0, 2);
	fprintf(f, "\t%zu", res->redraws);
	tsv_num(f, res->peak_kb >= 0, 0, res->peak_kb);
	fprintf(f, "\t%s\n", res->why == NULL ? "ok" : "failed");
	if (f != stdout)
		fclose(f);
}

/* Print the report of a run. */
static void
report(const struct result *res)
{
	printf("tui-bench: %s (%dx%d, TERM=%s, settle %d ms)\n", o_label,
	    o_cols, o_rows, o_term, o_settle);
	if (res->ready_ms >= 0)
		printf("  first screen  %zu bytes; ready after %.1f ms (last "
		    "byte %.1f ms)\n", res->screen, res->ready_ms,
		    res->screen_ms);
	else
		printf("  first screen  never ready; %zu bytes\n",
		    res->screen);
	printf("%18s  %-22s  %-23s  %s\n", "", "bytes written",
	    "CPU us of the program", "ms to the last byte");
	printf("  %-10s %5s  %7s %7s %6s  %7s %7s %7s  %7s %7s\n",
	    "keystrokes", "count", "median", "mean", "max", "median", "mean",
	    "max", "median", "max");
	print_row("text", &res->keys, 1);
	print_row("named keys", &res->keys, 0);
	print_row("all", &res->keys, -1);
	printf("  full redraws  %zu of %zu keystrokes (a clearing sequence, "
	    "or over %.0f%% of the first screen)\n", res->redraws,
	    res->keys.n, o_redraw_share * 100);
	if (res->peak_kb >= 0)
		printf("  peak memory   %ld KB (VmHWM)\n", res->peak_kb);
	else
		printf("  peak memory   unknown: the program had gone\n");
	printf("  end           %s, %s; %zu bytes at the end\n", res->how,
	    res->status, res->end_bytes);
	if (res->why != NULL)
		printf("  FAILED        %s\n", res->why);
	if (res->tail[0] != '\0')
		printf("  its last text \"%s\"\n", res->tail);
}

/* Write one line a keystroke to the --log file. */
static void
write_log(const struct strokes *ss)
{
	FILE	*f;
	size_t	 i;

	if ((f = fopen(o_log, "w")) == NULL) {
		fprintf(stderr, "tui-bench: %s: %s\n", o_log, strerror(errno));
		return;
	}
	fprintf(f, "n\tkind\tkey\tbytes\tcpu_us\tfirst_ms\tlast_ms\t"
	    "redraw\n");
	for (i = 0; i < ss->n; i++) {
		fprintf(f, "%zu\t%s\t", i + 1, ss->v[i].text ? "text" : "key");
		print_escaped(f, ss->v[i].label);
		fprintf(f, "\t%zu\t%.1f\t%.2f\t%.2f\t%d\n", ss->v[i].out,
		    ss->v[i].cpu_us, ss->v[i].first_ms, ss->v[i].last_ms,
		    ss->v[i].redraw);
	}
	fclose(f);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "term", required_argument, NULL, 'T' },
		{ "ready", required_argument, NULL, 'r' },
		{ "keys", required_argument, NULL, 'K' },
		{ "key", required_argument, NULL, 'k' },
		{ "quit", required_argument, NULL, 'q' },
		{ "settle", required_argument, NULL, 'S' },
		{ "ready-settle", required_argument, NULL, 'R' },
		{ "timeout", required_argument, NULL, 't' },
		{ "redraw-share", required_argument, NULL, 'D' },
		{ "label", required_argument, NULL, 'l' },
		{ "tsv", required_argument, NULL, 'o' },
		{ "log", required_argument, NULL, 'L' },
		{ "raw", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct child	 c;
	struct strokes	 keys, quit;
	struct result	 res;
	struct pump	 p;
	struct sigaction sa;
	struct source	*srcs = NULL;
	const char	*quits[16];
	size_t		 nsrcs = 0, nquits = 0, i, before;
	double		 t0;
	int		 ch, r;

	while ((ch = getopt_long(argc, argv, "+k:", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if (sscanf(optarg, "%dx%d", &o_cols, &o_rows) != 2 ||
			    o_cols < 2 || o_rows < 2 || o_cols > 1000 ||
			    o_rows > 1000)
				usage(stderr, 2);
			break;
		case 'T':
			o_term = optarg;
			break;
		case 'r':
			o_ready = optarg;
			break;
		case 'K':
		case 'k':
			/* Kept in order; read once terminfo is known. */
			srcs = xreallocarray(srcs, nsrcs + 1, sizeof *srcs);
			srcs[nsrcs].arg = optarg;
			srcs[nsrcs++].file = ch == 'K';
			break;
		case 'q':
			if (nquits == sizeof quits / sizeof quits[0])
				usage(stderr, 2);
			quits[nquits++] = optarg;
			break;
		case 'S':
			o_settle = atoi(optarg);
			break;
		case 'R':
			o_ready_settle = atoi(optarg);
			break;
		case 't':
			o_timeout = atof(optarg);
			break;
		case 'D':
			o_redraw_share = atof(optarg);
			break;
		case 'l':
			o_label = optarg;
			break;
		case 'o':
			o_tsv = optarg;
			break;
		case 'L':
			o_log = optarg;
			break;
		case 'w':
			o_raw = optarg;
			break;
		case 'h':
			usage(stdout, 0);
			break;
		default:
			usage(stderr, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 || o_settle < 1 || o_ready_settle < 1 ||
	    o_timeout <= 0)
		usage(stderr, 2);
	if (o_label == NULL)
		o_label = argv[0];

	setup_terminfo();
	memset(&keys, 0, sizeof keys);
	memset(&quit, 0, sizeof quit);
	for (i = 0; i < nsrcs; i++) {
		if (srcs[i].file)
			read_keys(&keys, srcs[i].arg);
		else
			add_spec(&keys, srcs[i].arg, "-k");
	}
	for (i = 0; i < nquits; i++)
		add_key(&quit, quits[i], "--quit");
	free(srcs);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	memset(&c, 0, sizeof c);
	if (o_raw != NULL && (c.raw = fopen(o_raw, "w")) == NULL) {
		fprintf(stderr, "tui-bench: %s: %s\n", o_raw, strerror(errno));
		return (2);
	}
	t0 = mono();
	start(&c, argv);

	/* The first screen. */
	memset(&res, 0, sizeof res);
	memset(&p, 0, sizeof p);
	p.since = t0;
	p.settle_ms = o_ready_settle;
	p.deadline = t0 + o_timeout;
	p.marker = o_ready != NULL ? o_ready : "";
	r = pump(&c, &p);
	res.screen = c.out.len;
	res.ready_ms = res.screen_ms = -1;
	if (p.marker_at >= 0) {
		res.ready_ms = (p.marker_at - t0) * 1e3;
		res.screen_ms = (p.last_at - t0) * 1e3;
	}
	res.keys.v = keys.v;
	if (r == PUMP_EXITED)
		res.why = "the program exited before its first screen";
	else if (r == PUMP_TIMEOUT)
		res.why = p.marker_at < 0 ? "no ready marker before the "
		    "timeout" : "the first screen was still being written at "
		    "the timeout";
	else
		res.keys.n = type_keys(&c, &keys, res.screen, &res.why);
	if (res.why != NULL)
		keep_tail(&c, &res);
	for (i = 0; i < res.keys.n; i++)
		res.redraws += keys.v[i].redraw;

	res.peak_kb = c.reaped ? -1 : peak_kb(c.pid);
	before = c.out.len;
	res.how = finish(&c, &quit);
	res.end_bytes = c.out.len - before;
	end_status(&c, res.status, sizeof res.status);
	if (res.why == NULL && (strcmp(res.how, "SIGKILL") == 0 ||
	    (quit.n > 0 && strcmp(res.how, "quit") != 0)))
		res.why = "the program did not end on the quit keys";
	if (c.raw != NULL)
		fclose(c.raw);

	report(&res);
	if (o_tsv != NULL)
		write_tsv(&res);
	if (o_log != NULL)
		write_log(&res.keys);

	free_strokes(&keys);
	free_strokes(&quit);
	free(c.out.p);
	free(c.text.p);
	return (res.why != NULL);
}
