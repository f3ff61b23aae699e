/*
 * replay.c: run a fuzz target's inputs without libFuzzer.
 *
 * "make check" builds the form fuzzer with this main() and feeds it the
 * seed corpus (the shipped forms and the golden test inputs), so every
 * build exercises the target under the normal compiler and sanitizers.
 * Arguments are files or directories (read one level deep).
 */

#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lines.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

static int
replay_file(const char *path)
{
	char	*buf, *cause;
	size_t	 len;

	if ((buf = lines_read_file(path, &len, &cause)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, cause);
		free(cause);
		return (-1);
	}
	/* Name the input first, so a crash in it says which it was. */
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	return (0);
}

int
main(int argc, char **argv)
{
	struct dirent	**names;
	struct stat	  sb;
	char		 *path;
	int		  i, j, n, count = 0, bad = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if ((n = scandir(argv[i], &names, NULL, alphasort)) < 0)
				continue;
			for (j = 0; j < n; j++) {
				if (names[j]->d_name[0] != '.' &&
				    asprintf(&path, "%s/%s", argv[i],
				    names[j]->d_name) >= 0) {
					if (stat(path, &sb) == 0 &&
					    S_ISREG(sb.st_mode)) {
						bad += replay_file(path) != 0;
						count++;
					}
					free(path);
				}
				free(names[j]);
			}
			free(names);
		} else {
			bad += replay_file(argv[i]) != 0;
			count++;
		}
	}
	printf("replayed %d inputs\n", count - bad);
	return (bad != 0);
}
