/*
 * report-count.h: count the records of a period into a report (see
 * report-count.c for what is counted and how).
 */
#ifndef REPORT_COUNT_H
#define REPORT_COUNT_H

#include "date.h"
#include "form.h"
#include "report.h"
#include "store.h"

/* Which views: bits. */
#define RV_EVENTS	0x1	/* events by their registration date */
#define RV_WORK		0x2	/* the work done: entries typed */

/* What the rows of the events view are. */
enum report_by {
	RB_NONE,		/* one row */
	RB_OFFICE,
	RB_TYPE,		/* the register */
	RB_CLERK,		/* who typed it */
	RB_BOOK,
	RB_YEAR			/* the registration year */
};

/* What to count, and the heading of the report. */
struct report_query {
	long		 from, to;	/* days (date_daynum), both counted */
	int		 views;		/* RV_* */
	enum report_by	 by;
	const char	*office;	/* the heading: borrowed strings */
	const char	*superior;	/*   (NULL: none) */
	const char	*period;
	const char	*place;
	struct vdate	 made;
};

int	report_count(struct store *, const struct formset *,
	    const struct report_query *, struct report **, char **);

#endif
