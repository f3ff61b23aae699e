/*
 * rec.h: one entry of one book, as the store keeps it.
 *
 * A record is the form id, who entered it and when, its review state,
 * and a set of field values, each with its status. Values are kept by
 * field key, not by position, so adding or removing a field in a form
 * file never makes old records unreadable: keys the form no longer has
 * are kept and shown as extra, new keys read as empty.
 *
 * The byte encoding (rec_encode/rec_decode) is versioned, compact and
 * checksummed; the decoder refuses damaged bytes with a message. Keys are
 * written as numbers from a dictionary when one is given.
 */
#ifndef REC_H
#define REC_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#include "form.h"

/* Review states, in order. */
enum rec_state {
	RS_DRAFT,
	RS_ENTERED,
	RS_VERIFIED,
	RS_APPROVED
};
#define RS_COUNT	4

struct rec_val {
	char			*key;
	char			*value;		/* never NULL; "" when none */
	enum field_status	 status;
};

struct rec {
	uint64_t		 id;		/* 0 until stored */
	char			*form;		/* form id */
	char			*user;		/* who entered it, or "" */
	enum rec_state		 state;
	int64_t			 created;	/* seconds since the epoch */
	int64_t			 modified;
	struct rec_val		*vals;		/* sorted by key */
	size_t			 nvals;

	/*
	 * One allocation holding the keys and values of vals when the
	 * record was decoded or built whole, or NULL. Strings inside it are
	 * not freed one by one: change values with rec_set only.
	 */
	char			*pool;
	size_t			 poolsize;
};

/*
 * Field keys by number, for the encoding: key i has number i + 1. The
 * store keeps one and numbers every key its forms use. Start it with
 * rec_dict_init.
 */
struct rec_dict {
	char		**keys;
	size_t		 *lens;
	u_int		 *rank;		/* place of key i in key order */
	u_int		 *sorted;	/* numbers in key order */
	size_t		  n;
	size_t		  maxlen;	/* the longest key */
	u_int		 *slots;	/* hash table of numbers, 0 empty */
	size_t		  nslots;	/* a power of two */
};

struct rec	*rec_new(const char *);
void		 rec_free(struct rec *);
struct rec	*rec_copy(const struct rec *);
void		 rec_set(struct rec *, const char *, const char *,
		    enum field_status);
const struct rec_val *rec_get(const struct rec *, const char *);
const char	*rec_value(const struct rec *, const char *);
const char	*rec_field_ok(const struct rec *, const struct form *, int);
struct rec	*rec_book_fields(const struct form *, const char *, const char *,
		    const char *);
struct rec	*rec_from_fvalues(const struct form *, const struct fvalue *);
struct fvalue	*rec_fvalues(const struct rec *, const struct form *);

void		 rec_dict_init(struct rec_dict *);
void		 rec_dict_free(struct rec_dict *);
u_int		 rec_dict_code(const struct rec_dict *, const char *);
u_int		 rec_dict_add(struct rec_dict *, const char *);

void		*rec_encode(const struct rec *, const struct rec_dict *,
		    size_t *);
struct rec	*rec_decode(const void *, size_t, const struct rec_dict *,
		    char **);
void		 rec_digest(const struct rec *, uint8_t [32]);
void		 rec_fingerprint(const struct rec *, uint8_t [16]);
char		*rec_val_quote(const struct rec_val *);
char		*rec_diff(const struct rec *, const struct rec *);

const char	*rec_state_name(enum rec_state);
int		 rec_state_parse(const char *, enum rec_state *);

#endif
