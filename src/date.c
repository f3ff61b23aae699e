/*
 * date.c: parse and compare the dates and times written in the books.
 *
 * Dates are read as d/m/yyyy, m/yyyy or yyyy, with '/', '.' or '-'
 * between the parts (the Ministry's template writes dd.mm.yyyy). Days are
 * counted on the proleptic Gregorian calendar; a day number is the number
 * of days since 1 January 1970, negative before it.
 */

#include "config.h"

#include <sys/types.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "i18n.h"
#include "xmalloc.h"

/* Return 1 if y is a Gregorian leap year. */
int
date_is_leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

/* Return the number of days in month m (1..12) of year y. */
int
date_days_in_month(int y, int m)
{
	static const int days[12] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return (0);
	if (m == 2 && date_is_leap(y))
		return (29);
	return (days[m - 1]);
}

/*
 * Return the day number of y-m-d (a valid date). This is the usual
 * era-based civil-from-days algorithm run backwards.
 */
long
date_daynum(int y, int m, int d)
{
	long	era, yoe, doy, doe;

	y -= (m <= 2);
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/* Fill d with the full date of day number n. */
void
date_from_daynum(long n, struct vdate *d)
{
	long	era, doe, yoe, y, doy, mp;

	n += 719468;
	era = (n >= 0 ? n : n - 146096) / 146097;
	doe = n - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d->year = (int)(y + (d->month <= 2));
}

/* Read up to max digits at *sp as a number; return the digit count. */
static int
date_digits(const char **sp, int max, int *out)
{
	const char	*s = *sp;
	int		 n = 0, v = 0;

	while (isdigit((u_char)*s) && n < max + 1) {
		v = v * 10 + (*s - '0');
		s++;
		n++;
	}
	*sp = s;
	*out = v;
	return (n);
}

/*
 * Parse s as a full or partial date into d. On error return -1 and, if
 * cause is not NULL, set *cause to a translated message the caller frees.
 */
int
date_parse(const char *s, struct vdate *d, char **cause)
{
	const char	*p;
	int		 part[3], len[3], n = 0, sep = 0;

	while (*s == ' ')
		s++;
	p = s;
	for (;;) {
		if (n == 3)
			goto bad;
		len[n] = date_digits(&p, 4, &part[n]);
		if (len[n] == 0 || len[n] > 4)
			goto bad;
		n++;
		if (*p == '/' || *p == '.' || *p == '-') {
			if (sep != 0 && *p != sep)
				goto bad;
			sep = *p++;
			continue;
		}
		break;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		goto bad;

	/* The year is always the last part and has four digits. */
	if (len[n - 1] != 4) {
		if (cause != NULL)
			xasprintf(cause, _("the year must have four digits: "
			    "'%s'"), s);
		return (-1);
	}
	d->year = part[n - 1];
	d->month = d->day = 0;
	if ((n >= 2 && len[n - 2] > 2) || (n == 3 && len[0] > 2))
		goto bad;
	if (n >= 2)
		d->month = part[n - 2];
	if (n == 3)
		d->day = part[0];

	if (d->year < DATE_MIN_YEAR) {
		if (cause != NULL)
			xasprintf(cause, _("year %d is before %d, the earliest "
			    "allowed"), d->year, DATE_MIN_YEAR);
		return (-1);
	}
	if (n >= 2 && (d->month < 1 || d->month > 12)) {
		if (cause != NULL)
			xasprintf(cause, _("month %d does not exist"),
			    d->month);
		return (-1);
	}
	if (n == 3 && (d->day < 1 ||
	    d->day > date_days_in_month(d->year, d->month))) {
		if (cause == NULL)
			return (-1);
		if (d->month == 2 && d->day == 29)
			xasprintf(cause, _("29/02/%d does not exist: %d is not "
			    "a leap year"), d->year, d->year);
		else if (d->day >= 1 && d->day <= 31)
			xasprintf(cause, _("%02d/%02d/%d does not exist: month "
			    "%d has %d days"), d->day, d->month, d->year,
			    d->month, date_days_in_month(d->year, d->month));
		else
			xasprintf(cause, _("day %d does not exist"), d->day);
		return (-1);
	}
	return (0);

bad:
	if (cause != NULL)
		xasprintf(cause, _("'%s' is not a date: write dd/mm/yyyy, "
		    "mm/yyyy or yyyy"), s);
	return (-1);
}

/* Set *lo and *hi to the first and last day number d could stand for. */
void
date_range(const struct vdate *d, long *lo, long *hi)
{
	if (d->month == 0) {
		*lo = date_daynum(d->year, 1, 1);
		*hi = date_daynum(d->year, 12, 31);
	} else if (d->day == 0) {
		*lo = date_daynum(d->year, d->month, 1);
		*hi = date_daynum(d->year, d->month,
		    date_days_in_month(d->year, d->month));
	} else
		*lo = *hi = date_daynum(d->year, d->month, d->day);
}

/* The time (seconds since the epoch) day number day starts, local time. */
time_t
date_day_start(long day)
{
	struct vdate	d;
	struct tm	tm;

	date_from_daynum(day, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = d.year - 1900;
	tm.tm_mon = d.month - 1;
	tm.tm_mday = d.day;
	tm.tm_isdst = -1;
	return (mktime(&tm));
}

/* Fill d with today's local date. */
void
date_today(struct vdate *d)
{
	time_t		t = time(NULL);
	struct tm	tm;

	localtime_r(&t, &tm);
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
}

/* Return d as dd/mm/yyyy, mm/yyyy or yyyy; the caller frees it. */
char *
date_format(const struct vdate *d)
{
	char	*s;

	if (d->month == 0)
		xasprintf(&s, "%04d", d->year);
	else if (d->day == 0)
		xasprintf(&s, "%02d/%04d", d->month, d->year);
	else
		xasprintf(&s, "%02d/%02d/%04d", d->day, d->month, d->year);
	return (s);
}

/*
 * Parse a time of day written h:mm, hh:mm or hhhmm ("14h30") into minutes
 * since midnight. On error return -1 and set *cause as date_parse does.
 */
int
time_parse(const char *s, int *minutes, char **cause)
{
	const char	*p = s;
	int		 h, m, nh, nm;

	while (*p == ' ')
		p++;
	nh = date_digits(&p, 2, &h);
	if (nh < 1 || nh > 2 || (*p != ':' && *p != 'h' && *p != 'H'))
		goto bad;
	p++;
	nm = date_digits(&p, 2, &m);
	if (nm != 2)
		goto bad;
	while (*p == ' ')
		p++;
	if (*p != '\0')
		goto bad;
	if (h > 23 || m > 59) {
		if (cause != NULL)
			xasprintf(cause, _("%02d:%02d is not a time of day"),
			    h, m);
		return (-1);
	}
	*minutes = h * 60 + m;
	return (0);

bad:
	if (cause != NULL)
		xasprintf(cause, _("'%s' is not a time: write hh:mm"), s);
	return (-1);
}
