/*
 * tok.c: the tokeniser shared by the line-oriented file formats.
 *
 * A line (valid UTF-8, without its newline) becomes an array of tokens.
 * Outside strings only ASCII is allowed, so a stray letter with a
 * diacritic is reported at its column instead of being taken for a word.
 */

#include "config.h"

#include <sys/types.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tok.h"
#include "utf8.h"
#include "xmalloc.h"

static void
tok_add(struct tokline *tl, enum tok_type type, char *text, u_int col)
{
	tl->v = xreallocarray(tl->v, tl->n + 1, sizeof *tl->v);
	tl->v[tl->n].type = type;
	tl->v[tl->n].text = text;
	tl->v[tl->n].col = col;
	tl->n++;
}

static int
tok_isword(int c)
{
	return (isalnum(c) || c == '_' || c == '-' || c == '.');
}

/*
 * Split line into tl (which the caller frees with tok_free, also on
 * error). On error return -1, set *cause to a translated message the
 * caller frees and *col to the column it is about.
 */
int
tok_split(const char *line, struct tokline *tl, char **cause, u_int *col)
{
	const char	*p = line, *start;
	char		*buf;
	size_t		 len;
	u_int		 c0;

	tl->v = NULL;
	tl->n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			return (0);
		c0 = utf8_column(line, p - line);
		start = p;

		if (*p == '"') {
			buf = xmalloc(strlen(p) + 1);
			len = 0;
			for (p++; *p != '"'; p++) {
				if (*p == '\0') {
					free(buf);
					*col = c0;
					xasprintf(cause,
					    _("unterminated string"));
					return (-1);
				}
				if (*p == '\\') {
					p++;
					switch (*p) {
					case '"':
					case '\\':
						buf[len++] = *p;
						continue;
					case 'n':
						buf[len++] = '\n';
						continue;
					case 't':
						buf[len++] = '\t';
						continue;
					}
					free(buf);
					*col = utf8_column(line, p - line - 1);
					if (*p == '\0')
						xasprintf(cause,
						    _("unterminated string"));
					else if ((u_char)*p < 0x80 &&
					    isprint((u_char)*p))
						xasprintf(cause, _("unknown "
						    "escape '\\%c' in string"),
						    *p);
					else
						xasprintf(cause, _("unknown "
						    "escape in string"));
					return (-1);
				}
				if ((u_char)*p < 0x20 && *p != '\t') {
					free(buf);
					*col = utf8_column(line, p - line);
					xasprintf(cause, _("control character "
					    "in string"));
					return (-1);
				}
				buf[len++] = *p;
			}
			p++;
			buf[len] = '\0';
			tok_add(tl, TOK_STRING, buf, c0);
			continue;
		}
		if (tok_isword((u_char)*p)) {
			while (tok_isword((u_char)*p))
				p++;
			tok_add(tl, TOK_WORD, xstrndup(start, p - start), c0);
			continue;
		}
		if (*p == '(' || *p == ')' || *p == ',' || *p == '=') {
			p++;
			tok_add(tl, TOK_OP, xstrndup(start, 1), c0);
			continue;
		}
		if (*p == '<' || *p == '>' || *p == '!') {
			p++;
			if (*p == '=')
				p++;
			else if (start[0] == '!')
				goto bad;
			tok_add(tl, TOK_OP, xstrndup(start, p - start), c0);
			continue;
		}
	bad:
		*col = c0;
		if ((u_char)*start >= 0x20 && (u_char)*start < 0x7f)
			xasprintf(cause, _("unexpected character '%c'"),
			    *start);
		else if ((u_char)*start >= 0x80)
			xasprintf(cause, _("unexpected non-ASCII character: "
			    "put text in \"quotes\""));
		else
			xasprintf(cause, _("unexpected control character"));
		return (-1);
	}
}

/* Free the tokens of tl; tl may be empty. */
void
tok_free(struct tokline *tl)
{
	size_t	i;

	for (i = 0; i < tl->n; i++)
		free(tl->v[i].text);
	free(tl->v);
	tl->v = NULL;
	tl->n = 0;
}
