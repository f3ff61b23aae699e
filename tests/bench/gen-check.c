/*
 * gen-check.c: validate a CSV file of entries against a form.
 *
 *	gen-check --form ID [--forms DIR] [--quiet] [FILE]
 *
 * Reads the CSV that gen (or an export) writes: a header of field keys,
 * each optionally followed by KEY__status, then one entry a row. Every
 * row is checked with validate_record(), as the importer will. Prints
 * "rows N errors E warnings W", then (unless --quiet) up to 20 errors as
 * "ROW: FIELD: message" and the count of each warning's code as
 * "warning CODE N", and exits 1 if any row has an error or the file
 * cannot be read, 2 on a usage error.
 */

#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "date.h"
#include "errlist.h"
#include "form.h"
#include "i18n.h"
#include "validate.h"
#include "xmalloc.h"

static void
usage(void)
{
	fprintf(stderr, "usage: gen-check --form ID [--forms DIR] [--quiet] "
	    "[FILE]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option	  longopts[] = {
		{ "form", required_argument, NULL, 'f' },
		{ "forms", required_argument, NULL, 'F' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	struct formset			  fs;
	struct errlist			  el;
	struct csv_reader		 *r;
	const struct form		 *f;
	struct fvalue			 *vals;
	struct vresult			  vr;
	struct vdate			  today;
	FILE				 *in = stdin;
	const char			 *form_id = NULL, *dir = NULL;
	const char			 *name = "<stdin>";
	char				**fields, *cause, *key;
	int				 *col_field, *col_status, c, quiet = 0;
	size_t				  n, ncols = 0, i, j, rows = 0;
	size_t				  errors = 0, warnings = 0, shown = 0;
	enum field_status		  st;
	char				**codes = NULL;
	size_t				 *ncodes = NULL, ncode = 0, k;

	i18n_init(NULL);
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			form_id = optarg;
			break;
		case 'F':
			dir = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			usage();
		}
	}
	if (form_id == NULL || argc - optind > 1)
		usage();
	if (optind < argc) {
		name = argv[optind];
		if ((in = fopen(name, "r")) == NULL) {
			fprintf(stderr, "gen-check: %s: %s\n", name,
			    strerror(errno));
			return (1);
		}
	}
	if (dir == NULL && ((dir = getenv("HOTICH_FORMS")) == NULL ||
	    *dir == '\0'))
		dir = FORMSDIR;
	errlist_init(&el);
	formset_load(&fs, dir, &el);
	errlist_free(&el);
	if ((f = formset_find(&fs, form_id)) == NULL) {
		fprintf(stderr, "gen-check: no form '%s' in %s\n", form_id,
		    dir);
		return (2);
	}

	r = csv_reader_new(in, name, 0);
	if (csv_read(r, &fields, &n, &cause) != 1) {
		fprintf(stderr, "gen-check: %s: no header%s%s\n", name,
		    cause ? ": " : "", cause ? cause : "");
		return (1);
	}
	ncols = n;
	col_field = xcalloc(ncols, sizeof *col_field);
	col_status = xcalloc(ncols, sizeof *col_status);
	for (i = 0; i < ncols; i++) {
		key = xstrdup(fields[i]);
		col_status[i] = 0;
		if (strlen(key) > 8 &&
		    strcmp(key + strlen(key) - 8, "__status") == 0) {
			key[strlen(key) - 8] = '\0';
			col_status[i] = 1;
		}
		if ((col_field[i] = form_field_index(f, key)) < 0) {
			fprintf(stderr, "gen-check: %s: column '%s' is not a "
			    "field of %s\n", name, fields[i], form_id);
			return (1);
		}
		free(key);
	}

	date_today(&today);
	vals = xcalloc(f->nfields, sizeof *vals);
	vresult_init(&vr);
	for (;;) {
		c = csv_read(r, &fields, &n, &cause);
		if (c == 0)
			break;
		rows++;
		if (c < 0 || n != ncols) {
			errors++;
			if (!quiet && shown++ < 20)
				printf("%zu: %s\n", rows, c < 0 ? cause :
				    "wrong number of columns");
			free(cause);
			continue;
		}
		for (i = 0; i < f->nfields; i++) {
			vals[i].value = NULL;
			vals[i].status = FS_OK;
		}
		for (i = 0; i < ncols; i++) {
			j = (size_t)col_field[i];
			if (!col_status[i])
				vals[j].value = fields[i];
			else if (*fields[i] != '\0') {
				if (form_status_from_name(fields[i], &st) != 0)
					st = FS_ILLEGIBLE;
				vals[j].status = st;
			}
		}
		validate_record(f, vals, &today, &vr);
		warnings += vresult_count(&vr, VL_WARNING);
		for (i = 0; i < vr.n; i++) {
			if (vr.v[i].level == VL_WARNING) {
				for (k = 0; k < ncode; k++)
					if (strcmp(codes[k], vr.v[i].code) == 0)
						break;
				if (k == ncode) {
					codes = xreallocarray(codes, ncode + 1,
					    sizeof *codes);
					ncodes = xreallocarray(ncodes,
					    ncode + 1, sizeof *ncodes);
					codes[ncode] = xstrdup(vr.v[i].code);
					ncodes[ncode++] = 0;
				}
				ncodes[k]++;
			}
			if (vr.v[i].level != VL_ERROR)
				continue;
			errors++;
			if (!quiet && shown++ < 20)
				printf("%zu: %s: %s\n", rows,
				    vr.v[i].field >= 0 ?
				    f->fields[vr.v[i].field].key : "-",
				    vr.v[i].message);
		}
		vresult_free(&vr);
	}
	printf("rows %zu errors %zu warnings %zu\n", rows, errors, warnings);
	for (k = 0; k < ncode; k++) {
		if (!quiet)
			printf("warning %s %zu\n", codes[k], ncodes[k]);
		free(codes[k]);
	}
	free(codes);
	free(ncodes);
	csv_reader_free(r);
	free(vals);
	free(col_field);
	free(col_status);
	formset_free(&fs);
	if (in != stdin)
		fclose(in);
	return (errors != 0);
}
