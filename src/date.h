/*
 * date.h: partial dates and times as written in civil-status books.
 *
 * A book may give a full date (dd/mm/yyyy), a month (mm/yyyy) or only a
 * year (yyyy). A partial date stands for the interval of days it could be,
 * so comparisons between dates can answer "true", "false" or "cannot
 * tell" (see expr.c).
 */
#ifndef DATE_H
#define DATE_H

#include <time.h>

/* Earlier years are refused as typing errors. */
#define DATE_MIN_YEAR	1800

struct vdate {
	int	year;
	int	month;		/* 1..12, or 0 if not written */
	int	day;		/* 1..31, or 0 if not written */
};

int	 date_is_leap(int);
int	 date_days_in_month(int, int);
long	 date_daynum(int, int, int);
void	 date_from_daynum(long, struct vdate *);
int	 date_parse(const char *, struct vdate *, char **);
void	 date_range(const struct vdate *, long *, long *);
void	 date_today(struct vdate *);
time_t	 date_day_start(long);
char	*date_format(const struct vdate *);
int	 time_parse(const char *, int *, char **);

#endif
