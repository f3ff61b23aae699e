/*
 * encoding.h: the legacy Vietnamese encodings, for import and export.
 *
 * Old registers typed on Windows come as TCVN3 (ABC), VNI-Windows, VISCII
 * or Windows-1258 files, sometimes as VIQR. Decoding gives UTF-8 in NFC;
 * encoding takes UTF-8 in any form. TCVN3, VISCII and CP1258 go through
 * iconv, VNI and VIQR through tables of their own. Every conversion can
 * be done on a whole buffer or through a FILE* that converts as it is
 * read or written, and both give the same bytes. Nothing is ever dropped:
 * a byte that cannot be decoded or a character that cannot be encoded is
 * an error naming its offset.
 */
#ifndef ENCODING_H
#define ENCODING_H

#include <stddef.h>
#include <stdio.h>

enum encoding {
	ENC_UTF8,
	ENC_TCVN3,
	ENC_VNI,
	ENC_VISCII,
	ENC_CP1258,
	ENC_VIQR,
	ENC_AUTO		/* reading only: guess from the text */
};

/* What encoding_guess() chose and why. */
struct encoding_guess {
	enum encoding	enc;
	size_t		words;		/* words in the sample so decoded */
	size_t		vietnamese;	/* of which Vietnamese syllables */
};

int		 encoding_parse(const char *, enum encoding *, char **);
const char	*encoding_name(enum encoding);

int		 encoding_decode(enum encoding, const char *, size_t, char **,
		     size_t *, char **);
int		 encoding_encode(enum encoding, const char *, size_t, char **,
		     size_t *, char **);
void		 encoding_guess(const char *, size_t, struct encoding_guess *);

FILE		*encoding_open_reader(FILE *, enum encoding, char **);
FILE		*encoding_open_writer(FILE *, enum encoding, char **);
const char	*encoding_error(FILE *);
int		 encoding_guessed(FILE *, struct encoding_guess *);
int		 encoding_close(FILE *, char **);

#endif
