/*
 * fixture.h: a form made from text for the unit tests, and its values;
 * removing a test's database directory.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stddef.h>

#include "form.h"

struct form	*fixture_form(const char *, const char *);
void		 fixture_clear(struct fvalue *, size_t);
void		 fixture_formset(struct formset *);
void		 fixture_rmdir(const char *);

#endif
