/*
 * i18n.h: message translation.
 *
 * The interface speaks Vietnamese by default and English on request. All
 * user-visible strings are written in English in the source and wrapped in
 * _() (translated at run time) or N_() (marked, translated later).
 */
#ifndef I18N_H
#define I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

int	 i18n_init(const char *);

#endif
