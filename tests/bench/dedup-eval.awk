# dedup-eval.awk: precision and recall of duplicate pairs against the
# generator's ground truth.
#
#	awk -f dedup-eval.awk EXPORT.csv GEN.csv DUPLOG FOUND.tsv
#
# EXPORT.csv is "hotich export" of the imported GEN.csv: its rows are the
# generated rows with the record id in front, so each generated row is
# mapped to its record by its text (a row identical to an earlier one was
# not imported again and maps to the earlier record). DUPLOG is gen's
# --dup-log (ROW TAB SOURCE TAB WHAT); a row whose WHAT says "archive",
# "reregistration" or "struck" (and the source of one that says
# "source-struck") is a legitimate repeat that must not be flagged. The
# true pairs are every pair of other records in one chain of duplicates.
# FOUND.tsv is "ID_A TAB ID_B ..." (dedup --format tsv, or the baseline).
#
# Prints "expected E found F true T precision P recall R", then the
# missed pairs ("missed A B") and the wrong ones ("wrong A B") when
# VERBOSE is set.

function find(x) {
	while (parent[x] != "" && parent[x] != x)
		x = parent[x]
	return x
}

BEGIN { FS = "\t" }

FILENAME == ARGV[1] {
	if (FNR == 1)
		next
	i = index($0, ",")
	id_of[substr($0, i + 1)] = substr($0, 1, i - 1)
	next
}

FILENAME == ARGV[2] {
	if (FNR == 1)
		next
	if (!($0 in id_of)) {
		printf "row %d of %s is not in the export\n", FNR - 1,
		    FILENAME > "/dev/stderr"
		bad = 1
	}
	row[FNR - 1] = id_of[$0]
	next
}

FILENAME == ARGV[3] {
	a = row[$1]
	b = row[$2]
	if ($3 ~ /archive|reregistration|(^| )struck/)
		exempt[a] = 1
	if ($3 ~ /source-struck/)
		exempt[b] = 1
	if (a == b)
		next
	ra = find(a)
	rb = find(b)
	if (ra != rb)
		parent[ra] = rb
	member[a] = 1
	member[b] = 1
	next
}

{
	a = $1
	b = $2
	found++
	if (a in member && b in member && find(a) == find(b) &&
	    !(a in exempt) && !(b in exempt)) {
		if (!((a, b) in seen))
			tp++
		seen[a, b] = 1
	} else if (ENVIRON["VERBOSE"] != "")
		printf "wrong %s %s\n", a, b
}

END {
	for (m in member) {
		if (m in exempt)
			continue
		size[find(m)]++
		list[find(m)] = list[find(m)] " " m
	}
	for (r in size) {
		expected += size[r] * (size[r] - 1) / 2
		if (ENVIRON["VERBOSE"] == "")
			continue
		n = split(substr(list[r], 2), v, " ")
		for (i = 1; i <= n; i++)
			for (j = 1; j <= n; j++)
				if (v[i] + 0 < v[j] + 0 && !((v[i], v[j]) in seen))
					printf "missed %s %s\n", v[i], v[j]
	}
	printf "expected %d found %d true %d precision %.4f recall %.4f\n",
	    expected, found, tp, found ? tp / found : 1,
	    expected ? tp / expected : 1
	exit bad
}
