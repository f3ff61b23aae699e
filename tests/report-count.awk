# report-count.awk: the totals of "hotich report" counted again, from the
# exported records, by rules written from forms 13a and 14a rather than
# from report-count.c, for tests/report.sh.
#
#	awk -v from=YYYYMMDD -v to=YYYYMMDD -f report-count.awk \
#	    ks.csv kt.csv kh.csv cmc.csv tdcc.csv
#
# Each file is "hotich export" of one form (its name says which). Prints
# "table,total,measure,value" lines as "report --format csv" does for the
# total row of the events view.

# Split CSV line s into f[1..n] (RFC 4180 quotes); returns n.
function csv_split(s, f,    n, i, c, q, v) {
	n = 0; v = ""; q = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (q) {
			if (c == "\"") {
				if (substr(s, i + 1, 1) == "\"") { v = v "\""; i++ }
				else q = 0
			} else v = v c
		} else if (c == "\"") q = 1
		else if (c == ",") { f[++n] = v; v = "" }
		else v = v c
	}
	f[++n] = v
	return n
}

# Days from 1 March 0000 to y-m-d: a day number.
function days(y, m, d) {
	if (m <= 2) { y--; m += 12 }
	return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + \
	    int((153 * (m - 3) + 2) / 5) + d
}

# The value of field k, or "" if the book marks it (blank, illegible,
# partly legible, struck out): only plain values count.
function val(k,    st) {
	st = (k "__status") in col ? f[col[k "__status"]] : ""
	if (st != "" && st != "ok")
		return ""
	return (k in col) ? f[col[k]] : ""
}

# The year of a date string: its last part.
function year_of(s,    p, n) {
	n = split(s, p, "/")
	return p[n] + 0
}

function leap(y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

function mdays(y, m) {
	if (m == 2) return leap(y) ? 29 : 28
	return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
}

# The days date s (dd/mm/yyyy, mm/yyyy or yyyy) may be: into LO and HI
# (globals); returns 0 if s is not a date.
function span(s,    p, n) {
	n = split(s, p, "/")
	if (n == 3) LO = HI = days(p[3] + 0, p[2] + 0, p[1] + 0)
	else if (n == 2) {
		LO = days(p[2] + 0, p[1] + 0, 1)
		HI = days(p[2] + 0, p[1] + 0, mdays(p[2] + 0, p[1] + 0))
	} else if (n == 1 && s ~ /^[0-9][0-9][0-9][0-9]$/) {
		LO = days(s + 0, 1, 1); HI = days(s + 0, 12, 31)
	} else return 0
	return 1
}

# The age band of a death at an age.
function band(a) {
	return a < 1 ? "deaths_under_1" : a < 5 ? "deaths_1_to_5" : \
	    "deaths_5_and_over"
}

# Whole years from a birth in [blo, bhi] to a day in [lo, hi], or -1
# if the dates allow more than one answer.
function age(b, d,    a1, a2) {
	a1 = years(b, d, 1); a2 = years(b, d, 0)
	return a1 == a2 ? a1 : -1
}

# Years between date strings b and d, at the extremes: wide takes the
# earliest birth and the latest day.
function years(b, d, wide,    pb, pd, nb, nd, by, bm, bd, dy, dm, dd) {
	nb = split(b, pb, "/"); nd = split(d, pd, "/")
	by = pb[nb] + 0; dy = pd[nd] + 0
	bm = nb >= 2 ? pb[nb - 1] + 0 : (wide ? 1 : 12)
	bd = nb == 3 ? pb[1] + 0 : (wide ? 1 : mdays(by, bm))
	dm = nd >= 2 ? pd[nd - 1] + 0 : (wide ? 12 : 1)
	dd = nd == 3 ? pd[1] + 0 : (wide ? mdays(dy, dm) : 1)
	return dy - by - (dm < bm || (dm == bm && dd < bd))
}

BEGIN {
	FS = "\n"
	PF = days(substr(from, 1, 4) + 0, substr(from, 5, 2) + 0,
	    substr(from, 7, 2) + 0)
	PT = days(substr(to, 1, 4) + 0, substr(to, 5, 2) + 0,
	    substr(to, 7, 2) + 0)
}

FNR == 1 {
	form = FILENAME; sub(/.*\//, "", form); sub(/\..*/, "", form)
	n = csv_split($0, h)
	delete col
	for (i = 1; i <= n; i++) col[h[i]] = i
	next
}

{
	n = csv_split($0, f)
	if (!span(val("ngay_dang_ky"))) next
	if (LO < PF || HI > PT) next
	rlo = LO; rhi = HI
	if (val("nguon_so") ~ /^BAN_SAO/) next
	if (val("trang_thai_ban_ghi") == "DA_GACH_BO") next
	t = val("loai_dang_ky")
	reg[form]++
	if (form == "ks") births(t)
	else if (form == "kt") deaths(t)
	else if (form == "kh") marriages(t)
	else other(t)
}

function births(t,    lim, m, late, b, ok) {
	if (t == "2") { v["births,births_reregistered"]++; return }
	if (t == "3") { v["other_events,recorded_from_abroad"]++; return }
	if (t == "5") return
	v["births,births"]++
	if (val("nks_dan_toc") == "Kinh") v["births,births_kinh"]++
	else if (val("nks_dan_toc") != "") v["births,births_other_ethnic"]++
	if (val("nks_gioi_tinh") == "1") v["births,births_male"]++
	if (val("nks_gioi_tinh") == "2") v["births,births_female"]++
	m = val("the_he_mau")
	lim = m != "" ? (m == "TRUOC_1961" || m == "1961" ? 30 : 60) : \
	    (year_of(val("ngay_dang_ky")) < 1999 ? 30 : 60)
	b = val("nks_ngay_sinh")
	if (t == "1") late = 0
	else if (t == "4") late = 1
	else {
		if (!span(b)) return
		if (rhi - LO <= lim) late = 0
		else if (rlo - HI > lim) late = 1
		else return
	}
	if (!late) { v["births,births_on_time"]++; return }
	v["births,births_late"]++
	if (!span(b)) return
	if (year_of(b) == year_of(val("ngay_dang_ky")))
		v["births,births_late_born_in_year"]++
	if (years(b, val("ngay_dang_ky"), 1) < 5)	# at most 4: surely
		v["births,births_late_under_5"]++
}

function deaths(t,    d, b, a, ok) {
	if (t == "2") { v["deaths,deaths_reregistered"]++; return }
	if (t == "3") { v["other_events,recorded_from_abroad"]++; return }
	v["deaths,deaths"]++
	d = val("nkt_ngay_chet")
	b = val("nkt_ngay_sinh") != "" ? val("nkt_ngay_sinh") : \
	    val("nkt_nam_sinh")
	if (span(d) && span(b) && band(years(b, d, 0)) == band(years(b, d, 1)))
		v["deaths," band(years(b, d, 0))]++
	if (t == "1") ok = 1
	else if (t == "4") ok = 0
	else {
		if (!span(d)) return
		if (rhi - LO <= 15) ok = 1
		else if (rlo - HI > 15) ok = 0
		else return
	}
	v["deaths," (ok ? "deaths_on_time" : "deaths_late")]++
}

function marriages(t,    who, p, b, a) {
	if (t == "2") { v["marriages,marriages_reregistered"]++; return }
	if (t == "3") { v["other_events,recorded_from_abroad"]++; return }
	v["marriages,marriages"]++
	if (val("chong_lan_ket_hon") == "1" && val("vo_lan_ket_hon") == "1")
		v["marriages,marriages_first"]++
	for (who = 0; who < 2; who++) {
		p = who ? "vo" : "chong"
		if (val(p "_lan_ket_hon") != "1") continue
		b = val(p "_ngay_sinh") != "" ? val(p "_ngay_sinh") : \
		    val(p "_nam_sinh")
		if (!span(b)) continue
		a = age(b, val("ngay_dang_ky"))
		if (a < 0)	# a birth year alone: the years between
			a = year_of(val("ngay_dang_ky")) - year_of(b)
		agesum[who] += a; agen[who]++
	}
}

function other(t,    w) {
	if (t == "3") { v["other_events,recorded_from_abroad"]++; return }
	if (form == "cmc") { v["other_events,parentage"]++; return }
	w = val("viec_dang_ky")
	if (w == "THAY_DOI") v["other_events,changes"]++
	if (w == "CAI_CHINH") v["other_events,corrections"]++
	if (w == "BO_SUNG") v["other_events,supplements"]++
	if (w == "XAC_DINH_LAI_DAN_TOC") v["other_events,ethnicity_redetermined"]++
	if (w == "XAC_DINH_LAI_GIOI_TINH") v["other_events,sex_redetermined"]++
	if (w == "GHI_THEO_BAN_AN_QD") v["other_events,court_decisions"]++
}

END {
	if (agen[0] > 0)
		v["marriages,first_marriage_age_men"] = sprintf("%.1f", agesum[0] / agen[0])
	if (agen[1] > 0)
		v["marriages,first_marriage_age_women"] = sprintf("%.1f", agesum[1] / agen[1])
	for (k in reg) { v["registers,entries"] += reg[k] }
	for (k in v) {
		split(k, p, ",")
		printf "%s,total,%s,%s\n", p[1], p[2], v[k]
	}
	for (k in reg)
		printf "registers,%s,entries,%d\n", k, reg[k]
}
