/*
 * fixture.h: a form made from text for the unit tests, and its values;
 * a store in a temporary directory, saving one record in it, and
 * removing the directory.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "form.h"
#include "rec.h"
#include "store.h"

struct form	*fixture_form(const char *, const char *);
void		 fixture_clear(struct fvalue *, size_t);
void		 fixture_formset(struct formset *);
void		 fixture_rmdir(const char *);
struct store	*fixture_store(const char *, const char *,
		    const struct formset *, char **);
uint64_t	 fixture_save(struct store *, struct rec *);

#endif
