/*
 * csv.h: read and write RFC 4180 CSV.
 *
 * The importer reads the clerks' and the Ministry's CSV files with the
 * reader, the exporter and the test generator write with csv_write. The
 * reader is strict about quoting and encoding (a bad record is refused
 * with a message naming the file and line, and reading can go on at the
 * next record) and bounds the memory one record may take.
 */
#ifndef CSV_H
#define CSV_H

#include <sys/types.h>
#include <stddef.h>
#include <stdio.h>

#define CSV_MAXFIELD_DEFAULT	(1024 * 1024)	/* bytes in one field */
#define CSV_FIELDS_MAX		10000		/* fields in one record */
#define CSV_RECORD_MAX		(16 * 1024 * 1024) /* bytes, or 4 * maxfield */

struct csv_reader;

struct csv_reader	*csv_reader_new(FILE *, const char *, size_t);
int			 csv_read(struct csv_reader *, char ***, size_t *,
			    char **);
u_long			 csv_line(const struct csv_reader *);
const char		*csv_raw(const struct csv_reader *, size_t *);
void			 csv_reader_bufsize(struct csv_reader *, size_t);
void			 csv_reader_free(struct csv_reader *);
int			 csv_write(FILE *, const char *const *, size_t);

#endif
