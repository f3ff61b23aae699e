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

const char *utf8_invalid(const char *, size_t);
char	*utf8_nfc(const char *);
size_t	 utf8_len(const char *);
size_t	 utf8_width(const char *);
u_int	 utf8_column(const char *, size_t);
char	*utf8_fold(const char *);

#endif
