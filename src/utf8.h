/*
 * utf8.h: small UTF-8 helpers built on libunistring.
 *
 * Everything hotich stores is UTF-8 in Unicode normalisation form C. These
 * helpers validate, normalise, measure and fold strings; the Vietnamese
 * specific keys (diacritic folding, tone placement) live elsewhere.
 */
#ifndef UTF8_H
#define UTF8_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

/* A growing byte string; start it zeroed, finish or free its p. */
struct ubuf {
	char	*p;
	size_t	 len;
	size_t	 size;
};

const char *utf8_invalid(const char *, size_t);
int	 utf8_is_nfc_quick(const char *);
char	*utf8_nfc(const char *);
size_t	 utf8_len(const char *);
size_t	 utf8_width(const char *);
char	*utf8_pad(const char *, size_t);
u_int	 utf8_column(const char *, size_t);
char	*utf8_fold(const char *);
char	*utf8_casefold(const char *, size_t, size_t *);

void	 ubuf_add(struct ubuf *, const void *, size_t);
void	 ubuf_addch(struct ubuf *, char);
void	 ubuf_adduc(struct ubuf *, uint32_t);
void	 ubuf_addnfc(struct ubuf *, const char *, size_t);
char	*ubuf_finish(struct ubuf *, size_t *);

#endif
