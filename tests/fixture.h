/*
 * fixture.h: a form made from text for the unit tests, and its values.
 */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stddef.h>

#include "form.h"

struct form	*fixture_form(const char *, const char *);
void		 fixture_clear(struct fvalue *, size_t);

#endif
