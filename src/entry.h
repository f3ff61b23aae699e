/*
 * entry.h: one entry of a book as the clerk types it.
 *
 * The entry screen keeps here what has been typed into each field of a
 * form, each field's status (blank in the book, illegible, ...), and the
 * warnings the clerk has accepted; it turns the entry into a record to
 * save, or into a draft that also remembers the field being typed, and
 * back. The rules of a new entry live here too: carried fields, default
 * values and the next registration number. No curses, no database.
 */
#ifndef ENTRY_H
#define ENTRY_H

#include <stdint.h>

#include "form.h"
#include "rec.h"
#include "validate.h"

/* Keys of a record that are not fields: they start with '@'. */
#define ENTRY_KEY_FIELD		"@field"	/* draft: the field typed */
#define ENTRY_KEY_ID		"@id"		/* draft: the record corrected */
#define ENTRY_KEY_ACCEPTED	"@accepted"	/* "FIELD:CODE ..." */

struct entry {
	const struct form	*form;
	char			**val;		/* per field, never NULL */
	enum field_status	*st;
	char			 *accepted;	/* "FIELD:CODE ..." or "" */
	uint64_t		  id;		/* record corrected; 0: new */
	int64_t			  created;
	int			  cur;		/* the field being typed */
	int			  touched;	/* changed since started */
};

struct entry	*entry_new(const struct form *);
void		 entry_free(struct entry *);
void		 entry_set(struct entry *, int, const char *,
		    enum field_status);
void		 entry_start(struct entry *, const struct rec *,
		    const struct rec *);
void		 entry_load(struct entry *, const struct rec *);
struct rec	*entry_rec(const struct entry *, int);
size_t		 entry_check_field(const struct entry *, int,
		    struct vresult *);
size_t		 entry_check(const struct entry *, struct vresult *);
int		 entry_is_accepted(const struct entry *, int, const char *);
void		 entry_accept(struct entry *, int, const char *);
char		*entry_next_number(const char *);
int		 entry_in_book_key(const struct form *, int);

#endif
