/*
 * i18n.c: choose the interface language and set up gettext.
 *
 * The language is "vi" unless --lang or $HOTICH_LANG says "en". Commune
 * PCs and fresh servers often have only the C or C.UTF-8 locale, and gettext
 * ignores $LANGUAGE under the plain C locale, so when the character type or
 * message locale is C this moves them to C.UTF-8 (built into glibc 2.35 and
 * later) before asking for the catalogue. Translations are looked up under
 * $HOTICH_LOCALEDIR if set (the test suite and the uninstalled program use
 * the build tree), else under the installed locale directory.
 */

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/*
 * Set the locale and the message language. lang is "vi", "en" or NULL (use
 * $HOTICH_LANG, else "vi"). Return 0, or -1 if lang is not a known language.
 */
int
i18n_init(const char *lang)
{
	const char	*dir, *cur;

	if (lang == NULL || *lang == '\0')
		lang = getenv("HOTICH_LANG");
	if (lang == NULL || *lang == '\0')
		lang = "vi";
	if (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
		return (-1);

	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	cur = setlocale(LC_MESSAGES, NULL);
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	/* Numbers in reports and files are always written the C way. */
	setlocale(LC_NUMERIC, "C");

	setenv("LANGUAGE", lang, 1);
	if ((dir = getenv("HOTICH_LOCALEDIR")) == NULL || *dir == '\0')
		dir = LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	return (0);
}
