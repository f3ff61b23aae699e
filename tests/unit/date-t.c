/*
 * date-t.c: partial dates, impossible dates, day numbers and times.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "tap.h"

/* Parse s; expect success with the given parts. */
static void
good(const char *s, int y, int m, int d)
{
	struct vdate	 v;
	char		*cause = NULL;

	if (date_parse(s, &v, &cause) != 0) {
		ok(0, "'%s' parses", s);
		diag("%s", cause);
		free(cause);
		return;
	}
	ok(v.year == y && v.month == m && v.day == d, "'%s' is %d-%d-%d", s,
	    y, m, d);
}

/* Parse s; expect failure with exactly the message want. */
static void
bad(const char *s, const char *want)
{
	struct vdate	 v;
	char		*cause = NULL;

	if (date_parse(s, &v, &cause) == 0) {
		ok(0, "'%s' is refused", s);
		return;
	}
	is_string(cause, want, "'%s' is refused: %s", s, want);
	free(cause);
}

int
main(void)
{
	struct vdate	 v;
	long		 lo, hi, n;
	int		 m, roundtrip = 1;
	char		*s, *cause;

	i18n_init("en");

	/* Full and partial dates, and the separators of old files. */
	good("15/03/1985", 1985, 3, 15);
	good("5/3/1985", 1985, 3, 5);
	good("03/1985", 1985, 3, 0);
	good("1985", 1985, 0, 0);
	good("01.04.2005", 2005, 4, 1);
	good("01-04-2005", 2005, 4, 1);
	good(" 07/12/1977 ", 1977, 12, 7);

	/* Leap years. */
	good("29/02/2000", 2000, 2, 29);
	good("29/02/2024", 2024, 2, 29);
	bad("29/02/2023", "29/02/2023 does not exist: 2023 is not a leap year");
	bad("29/02/1900", "29/02/1900 does not exist: 1900 is not a leap year");
	good("28/02/1900", 1900, 2, 28);

	/* Days that do not exist. */
	bad("31/04/2020", "31/04/2020 does not exist: month 4 has 30 days");
	bad("31/06/1999", "31/06/1999 does not exist: month 6 has 30 days");
	bad("30/02/2024", "30/02/2024 does not exist: month 2 has 29 days");
	bad("00/01/2000", "day 0 does not exist");
	bad("32/01/2000", "day 32 does not exist");
	bad("13/2000", "month 13 does not exist");
	bad("0/2000", "month 0 does not exist");

	/* Malformed. */
	bad("5/5/85", "the year must have four digits: '5/5/85'");
	bad("1700", "year 1700 is before 1800, the earliest allowed");
	bad("01/04/5005x", "'01/04/5005x' is not a date: write dd/mm/yyyy, "
	    "mm/yyyy or yyyy");
	bad("", "'' is not a date: write dd/mm/yyyy, mm/yyyy or yyyy");
	bad("1/2/3/2000", "'1/2/3/2000' is not a date: write dd/mm/yyyy, "
	    "mm/yyyy or yyyy");
	bad("01/04.2005", "'01/04.2005' is not a date: write dd/mm/yyyy, "
	    "mm/yyyy or yyyy");
	bad("123/04/2005", "'123/04/2005' is not a date: write dd/mm/yyyy, "
	    "mm/yyyy or yyyy");
	bad("12345", "'12345' is not a date: write dd/mm/yyyy, mm/yyyy or "
	    "yyyy");
	bad("ngày 5", "'ngày 5' is not a date: write dd/mm/yyyy, mm/yyyy or "
	    "yyyy");

	/* A partial date is the interval of its days. */
	date_parse("02/2000", &v, NULL);
	date_range(&v, &lo, &hi);
	is_int(hi - lo, 28, "February 2000 has 29 days");
	date_parse("1999", &v, NULL);
	date_range(&v, &lo, &hi);
	is_int(hi - lo, 364, "1999 has 365 days");
	date_parse("15/03/1985", &v, NULL);
	date_range(&v, &lo, &hi);
	is_int(hi, lo, "a full date is one day");

	/* Day numbers. */
	is_int(date_daynum(1970, 1, 1), 0, "1970-01-01 is day 0");
	is_int(date_daynum(2000, 3, 1) - date_daynum(2000, 2, 28), 2,
	    "2000 has a 29 February");
	is_int(date_daynum(1900, 3, 1) - date_daynum(1900, 2, 28), 1,
	    "1900 has no 29 February");
	is_int(date_daynum(1800, 1, 1), -62091, "1800-01-01");
	for (n = -80000; n <= 80000; n += 13) {
		date_from_daynum(n, &v);
		if (date_daynum(v.year, v.month, v.day) != n ||
		    v.day > date_days_in_month(v.year, v.month))
			roundtrip = 0;
	}
	ok(roundtrip, "day numbers round-trip from 1751 to 2189");

	/* Printing. */
	v.year = 1985;
	v.month = 3;
	v.day = 5;
	s = date_format(&v);
	is_string(s, "05/03/1985", "a full date prints dd/mm/yyyy");
	free(s);
	v.day = 0;
	s = date_format(&v);
	is_string(s, "03/1985", "a month prints mm/yyyy");
	free(s);

	/* Times of day. */
	ok(time_parse("14:30", &m, NULL) == 0 && m == 870, "14:30");
	ok(time_parse("7:05", &m, NULL) == 0 && m == 425, "7:05");
	ok(time_parse("14h30", &m, NULL) == 0 && m == 870, "14h30");
	ok(time_parse("00:00", &m, NULL) == 0 && m == 0, "00:00");
	ok(time_parse("23:59", &m, NULL) == 0 && m == 1439, "23:59");
	cause = NULL;
	ok(time_parse("24:00", &m, &cause) != 0 && cause != NULL &&
	    strcmp(cause, "24:00 is not a time of day") == 0, "24:00 refused");
	free(cause);
	cause = NULL;
	ok(time_parse("12:60", &m, &cause) != 0, "12:60 refused");
	free(cause);
	cause = NULL;
	ok(time_parse("1430", &m, &cause) != 0 && cause != NULL &&
	    strcmp(cause, "'1430' is not a time: write hh:mm") == 0,
	    "1430 refused");
	free(cause);
	ok(time_parse("12:3", &m, NULL) != 0, "12:3 refused");

	return (done_testing());
}
