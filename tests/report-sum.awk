# report-sum.awk: the report of several databases made again from their
# own reports, for tests/report-across.sh and tests/replicate-district.sh.
#
#	awk -f report-sum.awk one-a.csv one-b.csv ... | sort
#
# Each input is the output of "hotich report --format csv" on one database,
# without its carriage returns: a header, then "table,group,measure,value"
# lines, where only a group may be quoted with commas. Prints, without a
# header, every group of any of them once with the sum of its values:
# counts added (an empty value, not known, stays out of a sum), then the
# shares and rates made again from the sums. This is what "hotich report
# --db A --db B ..." prints, header aside, once sorted.
#
#	awk -v column=N -f report-sum.awk by-commune.csv | sort
#
# The input is "hotich report --format csv --by commune", without its
# carriage returns: a header "table,group,measure,OFFICE...,total", then
# lines with a value for each commune and the total. Prints column N (the
# first commune is 1, the total the last) in the layout of one report,
# without a header: "table,group,measure,value".
#
#	awk -v groups_of=COLUMN -f report-sum.awk one-a.csv
#
# The input is one database's own report (as for the sum); COLUMN is what
# column=N printed for it. Prints, in the order of COLUMN, each group of
# COLUMN with the database's own value for it (empty for a group it
# lacks), then "missing groups" if one of its own groups is not in COLUMN:
# the output is COLUMN itself when the column holds its own numbers.

# The value of a line: its last field.
function val(line,   p, f) { p = split(line, f, ","); return f[p] }

# The group of a line: all but its value.
function key(line) {
	return substr(line, 1, length(line) - length(val(line)) - 1)
}

function num(k) { return (k in sum) ? sum[k] + 0 : 0 }

# One column of a report --by commune.
column != "" && FNR == 1 { ncol = split($0, h, ",") - 3; next }
column != "" {
	p = split($0, f, ",")
	w = 0
	for (i = p - ncol + 1; i <= p; i++)
		w += length(f[i]) + 1
	print substr($0, 1, length($0) - w) "," f[p - ncol + column]
	next
}

FNR == 1 { next }

# A database's own report in the groups of a column.
groups_of != "" {
	own[key($0)] = val($0)
	mine++
	next
}

# The sum.
{
	k = key($0); v = val($0)
	if (!(k in seen)) { seen[k] = 1; order[++n] = k }
	if (v != "") sum[k] = (k in sum) ? sum[k] + v : v
}

END {
	if (column != "")
		exit
	if (groups_of != "") {
		while ((getline line < groups_of) > 0) {
			k = key(line)
			print k "," ((k in own) ? own[k] : "")
			if (k in own) found++
		}
		if (found != mine) print "missing groups"
		exit
	}
	for (i = 1; i <= n; i++) {
		k = order[i]
		m = split(k, g, ",")
		table = g[1]; measure = g[m]
		grp = substr(k, length(table) + 2)
		grp = substr(grp, 1, length(grp) - length(measure) - 1)
		v = (k in sum) ? sprintf("%.0f", sum[k]) : ""
		if (table == "registers" && measure == "share_percent") {
			tot = num("registers,total,entries")
			v = tot > 0 ? sprintf("%.2f",
			    100 * num(table "," grp ",entries") / tot) : ""
		} else if (table == "books" && measure == "typed_percent") {
			c = table "," grp ",closing_note"
			v = (c in sum) && sum[c] > 0 ? sprintf("%.1f",
			    100 * num(table "," grp ",entries") / sum[c]) : ""
		} else if (measure == "per_day") {
			d = num(table "," grp ",days")
			v = grp != "total" && d > 0 ? sprintf("%.1f",
			    num(table "," grp ",entries") / d) : ""
		} else if (measure == "per_1000") {
			d = num(table "," grp ",fields")
			v = grp != "total" && d > 0 ? sprintf("%.1f",
			    1000 * num(table "," grp ",fields_wrong") / d) : ""
		} else if (measure ~ /^first_marriage_age/) {
			# No marriages in these registers: no mean.
			if (k in sum) v = "?"
		}
		print k "," v
	}
}
