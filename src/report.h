/*
 * report.h: the supervisor's statistics.
 *
 * A report is a document of tables: each table has a column of group
 * labels (an office, a clerk, a book, or the one row "Tổng cộng") and
 * columns of measures, counts or means. report.c counts the records of a
 * period into one (report_count); report-text.c lays it out as pages of
 * text for a printer (report_text); the command line writes it as CSV.
 * The model is plain data, built with the functions below, so a test can
 * build one by hand.
 *
 * Reports of several databases add up (report_add): counts are summed,
 * a ratio (a mean) is made again from its parts, which report_ratio
 * keeps, a share of the total again from the sums (report_share), and a
 * note that says a count (report_note_count) says the sum.
 *
 * Every string is UTF-8 (NFC) and belongs to the report.
 */
#ifndef REPORT_H
#define REPORT_H

#include <sys/types.h>
#include <stddef.h>
#include <stdio.h>

#include "date.h"

/* A value that does not apply (a mean of nothing): printed "-". */
#define REPORT_NA	(-1.0)

/* A column of measures. */
struct report_col {
	char		*head;		/* heading; '\n' breaks it */
	char		*key;		/* the measure's name in CSV */
	int		 prec;		/* decimals: 0 for counts */
	double		 scale;		/* a ratio: scale * num / den; 0: not */
	size_t		 share;		/* 1 + the column it is a share of */
};

/* A row: one group. */
struct report_row {
	char		*label;
	char		*key;		/* the group's value in CSV */
	char		*order;		/* where report_add puts it, or NULL */
	double		*v;		/* ncols values, 0 to start */
	double		*num, *den;	/* a ratio's parts (report_ratio) */
	int		 total;		/* the total of the rows above it */
	int		 heading;	/* a label over the rows below, no values */
};

/* A line printed under a table. */
struct report_note {
	char		*text;		/* the line, or NULL: a count of 0 */
	char		*fmt;		/* a count's words (report_note_count) */
	u_long		 n;		/*   and the count */
};

struct report_table {
	char			*title;
	char			*key;		/* the table's name in CSV */
	char			*label_head;	/* heading of the label column */
	struct report_col	*cols;
	size_t			 ncols;
	struct report_row	*rows;
	size_t			 nrows;
	struct report_note	*notes;		/* lines printed under it */
	size_t			 nnotes;
};

struct report {
	char			*superior;	/* the office above, or NULL */
	char			*office;	/* the office reporting */
	char			*title;		/* "BÁO CÁO THỐNG KÊ HỘ TỊCH" */
	char			*subtitle;	/* which view, or NULL */
	char			*period;	/* "Tháng 3 năm 2024" */
	char			*place;		/* for the date line, or NULL */
	struct vdate		 made;		/* the date it is made */
	struct report_table	*tables;
	size_t			 ntables;
};

/* How report_text lays a report out. */
struct report_layout {
	int		 width;		/* columns: 80 or 132 */
	int		 lines;		/* lines a page: 66 by default */
	int		 bare;		/* the tables alone, no pages: a screen */
};

struct report		*report_new(void);
void			 report_free(struct report *);
struct report_table	*report_table_add(struct report *, const char *,
			    const char *, const char *);
struct report_col	*report_col_add(struct report_table *, const char *,
			    const char *, int);
struct report_row	*report_row_add(struct report_table *, const char *,
			    const char *);
void			 report_note_add(struct report_table *, const char *);
void			 report_note_count(struct report_table *, const char *,
			    u_long);
void			 report_total(struct report_table *, const char *);
void			 report_row_order(struct report_row *, const char *);
void			 report_ratio(struct report_table *,
			    struct report_row *, size_t, double, double,
			    double);
void			 report_share(struct report_table *, size_t, size_t,
			    double);
void			 report_add(struct report *, const struct report *);
const struct report_table *report_table_find(const struct report *,
			    const char *);
ssize_t			 report_row_match(const struct report_table *,
			    const struct report_table *, size_t);
struct report		*report_parts(const struct report *,
			    struct report *const *, const char *const *,
			    size_t, const char *);

int			 report_text(const struct report *,
			    const struct report_layout *, char **, size_t *,
			    char **);

#endif
