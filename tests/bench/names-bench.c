/*
 * names-bench.c: how many names a second go through NFC and the three
 * matching keys, and through the collation and person keys.
 *
 *	names-bench [-n COUNT] [FILE]
 *
 * Reads one name a line from FILE (or standard input) and cycles through
 * them until COUNT names (default: as many as there are) have been keyed.
 * "make bench" runs it on a million names, repeating the test list.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "utf8.h"
#include "vntext.h"

static void
report(const char *what, size_t count, size_t bytes, double secs)
{
	printf("%-32s %9zu names %7.3f s %10.0f names/s %7.1f MB/s\n", what,
	    count, secs, count / secs, bytes / secs / 1e6);
}

int
main(int argc, char **argv)
{
	FILE	 *f = stdin;
	char	**names = NULL, *line = NULL, *k;
	size_t	  n = 0, cap = 0, count = 0, i, bytes;
	ssize_t	  len;
	double	  t;
	int	  ch;

	while ((ch = getopt(argc, argv, "n:")) != -1) {
		if (ch != 'n') {
			fprintf(stderr, "usage: names-bench [-n count] [file]\n");
			return (2);
		}
		count = strtoul(optarg, NULL, 10);
	}
	if (optind < argc && (f = fopen(argv[optind], "r")) == NULL) {
		perror(argv[optind]);
		return (1);
	}
	while ((len = getline(&line, &cap, f)) != -1) {
		line[strcspn(line, "\r\n")] = '\0';
		names = realloc(names, (n + 1) * sizeof *names);
		names[n++] = strdup(line);
	}
	free(line);
	if (n == 0) {
		fprintf(stderr, "names-bench: no names\n");
		return (1);
	}
	if (count == 0)
		count = n;

	bytes = 0;
	t = bench_now();
	for (i = 0; i < count; i++) {
		k = utf8_nfc(names[i % n]);
		bytes += strlen(k);
		free(k);
		free(vntext_key_loose(names[i % n]));
		free(vntext_key_tone(names[i % n]));
		free(vntext_key_variant(names[i % n]));
	}
	report("NFC + loose + tone + variant", count, bytes, bench_now() - t);

	t = bench_now();
	for (i = 0; i < count; i++)
		free(vntext_key_tone(names[i % n]));
	report("tone key alone", count, bytes, bench_now() - t);

	t = bench_now();
	for (i = 0; i < count; i++)
		free(vntext_collate_key(names[i % n]));
	report("collation key", count, bytes, bench_now() - t);

	t = bench_now();
	for (i = 0; i < count; i++)
		free(vntext_person_key(names[i % n]));
	report("person key", count, bytes, bench_now() - t);

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return (0);
}
