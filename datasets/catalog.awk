# datasets/catalog.awk: read datasets/CATALOG (see datasets/README).
# SPDX-License-Identifier: MIT
#
#   awk -v what=check   -f catalog.awk CATALOG   check it; nothing on success
#   awk -v what=train   -f catalog.awk CATALOG   NAME|MODEL-NAME|FILE|OPTIONS
#   awk -v what=presets -f catalog.awk CATALOG   NAME|PRESET|EXPECT|SOURCE|COL=VALUE; ...
#   awk -v what=list -v key=KEY -f catalog.awk CATALOG
#                       NAME|VALUE, one line per entry of a multi-line KEY
#
# Every mode checks the whole file first: an error is reported on standard
# error as FILE:LINE: message, nothing is written to standard output, and
# the exit status is 1.  POSIX awk (mawk and gawk are tested).

BEGIN {
	nerr = 0
	out = ""
	if (what != "check" && what != "train" && what != "presets" && what != "list") {
		print "catalog.awk: what=" what ": not check, train, presets or list" | "cat 1>&2"
		close("cat 1>&2")
		bad_usage = 1
		exit 2
	}
	if (what == "list" && key == "") {
		print "catalog.awk: what=list needs -v key=KEY" | "cat 1>&2"
		close("cat 1>&2")
		bad_usage = 1
		exit 2
	}
	# The keys: 1 = required, 0 = optional; Classes is required exactly when
	# the target has no number format (a classifier).
	nkeys = split("Name Title Subtitle Description Source Link Licence File Rows Model-Name Options Target Classes Columns Codes Presets", keys, " ")
	for (b = 1; b <= nkeys; b++)
		known[keys[b]] = 1
	split("Name Title Subtitle Description Source Link Licence File Rows Model-Name Target Columns Presets", req, " ")
	multi["Classes"] = 1; multi["Columns"] = 1; multi["Codes"] = 1; multi["Presets"] = 1
	instanza = 0
	cur = ""
	SKIP = "\001"
}

function err(line, msg) {
	print FILENAME ":" line ": " msg | "cat 1>&2"
	nerr++
}

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

# fields(s, a): split an entry at "|" into a[1..n], trimmed; returns n.
function fields(s, a,    n, i) {
	n = split(s, a, "|")
	for (i = 1; i <= n; i++)
		a[i] = trim(a[i])
	return n
}

function isnum(s) {
	return s ~ /^-?[0-9]+(\.[0-9]+)?$/ || s ~ /^-?\.[0-9]+$/
}

# A number format: an optional prefix, 0 or #,##0, optionally a point and
# one or more 0, an optional suffix; prefix and suffix hold no 0 # . ,
function isformat(f) {
	return f ~ /^[^0#.,]*(0|#,##0)(\.0+)?[^0#.,]*$/
}

function start_stanza(    k) {
	instanza = 1
	sline = FNR
	for (k in val) delete val[k]
	for (k in vline) delete vline[k]
	for (k in nent) delete nent[k]
	for (k in ent) delete ent[k]
	for (k in eline) delete eline[k]
}

function end_stanza(    i, k, n, f, g, name, ok, cls, col, code, task, hard, vals, nv, kv, c, x, y, seenc, lbuf) {
	if (!instanza)
		return
	instanza = 0
	cur = ""
	for (i = 1; i in req; i++)
		if (!(req[i] in val))
			err(sline, "missing " req[i] ":")
	name = val["Name"]
	if ("Name" in val) {
		if (name !~ /^[a-z0-9][a-z0-9_-]*$/)
			err(vline["Name"], "bad Name '" name "': lower-case letters, digits, '-' and '_', starting with a letter or digit")
		else if (name in names)
			err(vline["Name"], "Name " name " already used on line " names[name])
		else
			names[name] = vline["Name"]
	}
	for (k in val)
		if (!(k in multi) && k != "Options" && val[k] == "")
			err(vline[k], k ": empty value")
	if ("Link" in val && val["Link"] !~ /^https:\/\/[^ \t]+$/)
		err(vline["Link"], "Link: not an https URL: " val["Link"])
	if ("Rows" in val && val["Rows"] !~ /^[1-9][0-9]*$/)
		err(vline["Rows"], "Rows: not a positive whole number: " val["Rows"])

	# Target: "label | format"; an empty format makes a classifier.
	task = ""
	if ("Target" in val) {
		n = fields(val["Target"], f)
		if (n != 2 || f[1] == "")
			err(vline["Target"], "Target needs 2 fields (label | format), not " n)
		else if (f[2] == "")
			task = "classification"
		else if (!isformat(f[2]))
			err(vline["Target"], "bad number format '" f[2] "'")
		else
			task = "regression"
	}
	if (task == "classification" && !("Classes" in val))
		err(vline["Target"], "missing Classes: (the target has no number format, so the model is a classifier)")
	if (task == "regression" && ("Classes" in val))
		err(vline["Classes"], "Classes: given, but the target has a number format (a regression)")

	for (k in multi)
		if ((k in val) && nent[k] == 0)
			err(vline[k], k ": no entries")

	for (k in cls) delete cls[k]
	for (i = 1; i <= nent["Classes"] + 0; i++) {
		n = fields(ent["Classes", i], f)
		if (n != 2 || f[1] == "" || f[2] == "")
			err(eline["Classes", i], "Classes entry needs 2 fields (CODE | label), not " n)
		else if (f[1] in cls)
			err(eline["Classes", i], "class " f[1] " listed twice")
		else
			cls[f[1]] = 1
	}
	for (k in col) delete col[k]
	for (i = 1; i <= nent["Columns"] + 0; i++) {
		n = fields(ent["Columns", i], f)
		if (n != 3 || f[1] == "" || f[2] == "")
			err(eline["Columns", i], "Columns entry needs 3 fields (COLUMN | label | format), not " n)
		else if (f[1] in col)
			err(eline["Columns", i], "column " f[1] " listed twice")
		else {
			col[f[1]] = 1
			if (f[3] != "" && !isformat(f[3]))
				err(eline["Columns", i], "bad number format '" f[3] "'")
		}
	}
	for (k in code) delete code[k]
	for (i = 1; i <= nent["Codes"] + 0; i++) {
		n = fields(ent["Codes", i], f)
		if (n != 3 || f[1] == "" || f[2] == "" || f[3] == "")
			err(eline["Codes", i], "Codes entry needs 3 fields (COLUMN | CODE | label), not " n)
		else if (!(f[1] in col))
			err(eline["Codes", i], "Codes: column " f[1] " is not in Columns")
		else if ((f[1] SUBSEP f[2]) in code)
			err(eline["Codes", i], "code " f[2] " of " f[1] " listed twice")
		else
			code[f[1], f[2]] = 1
	}

	n = nent["Presets"] + 0
	if ("Presets" in val && (n < 3 || n > 5))
		err(vline["Presets"], n " presets: 3 to 5 are needed")
	hard = 0
	for (i = 1; i <= n; i++) {
		g = fields(ent["Presets", i], f)
		if (g != 4) {
			err(eline["Presets", i], "Presets entry needs 4 fields (NAME | EXPECT | SOURCE | VALUES), not " g)
			continue
		}
		if (f[1] == "")
			err(eline["Presets", i], "preset without a name")
		if (f[1] ~ /^Hard case/ && ++hard == 2)
			err(eline["Presets", i], "more than one hard case")
		if (task == "regression") {
			x = f[2]
			if (x ~ /^[<>] *[^ ]/) {
				sub(/^[<>] */, "", x)
				if (!isnum(x))
					err(eline["Presets", i], "regression EXPECT must be '< X', '> X' or 'X..Y', not '" f[2] "'")
			} else if (index(x, "..") > 0) {
				y = substr(x, index(x, "..") + 2)
				x = substr(x, 1, index(x, "..") - 1)
				if (!isnum(x) || !isnum(y))
					err(eline["Presets", i], "regression EXPECT must be '< X', '> X' or 'X..Y', not '" f[2] "'")
				else if (x + 0 > y + 0)
					err(eline["Presets", i], "EXPECT " f[2] ": empty range")
			} else
				err(eline["Presets", i], "regression EXPECT must be '< X', '> X' or 'X..Y', not '" f[2] "'")
		} else if (task == "classification" && !(f[2] in cls))
			err(eline["Presets", i], "EXPECT " f[2] " is not a class of Classes")
		if (f[3] !~ /^row [1-9][0-9]*$/ && f[3] != "made up")
			err(eline["Presets", i], "SOURCE must be 'row N' or 'made up', not '" f[3] "'")
		for (k in seenc) delete seenc[k]
		nv = split(f[4], vals, "; ")
		for (k = 1; k <= nv; k++) {
			c = index(vals[k], "=")
			if (c < 2) {
				err(eline["Presets", i], "preset value '" vals[k] "' is not COLUMN=VALUE")
				continue
			}
			kv = substr(vals[k], 1, c - 1)
			if (!(kv in col))
				err(eline["Presets", i], "preset value for " kv ", which is not in Columns")
			else if (kv in seenc)
				err(eline["Presets", i], "preset gives " kv " twice")
			seenc[kv] = 1
		}
		for (k in col)
			if (!(k in seenc))
				err(eline["Presets", i], "preset gives no value for " k)
	}

	if (nerr)
		return
	if (what == "train")
		out = out name "|" val["Model-Name"] "|" val["File"] "|" val["Options"] "\n"
	else if (what == "presets")
		for (i = 1; i <= n; i++) {
			fields(ent["Presets", i], f)
			out = out name "|" f[1] "|" f[2] "|" f[3] "|" f[4] "\n"
		}
	else if (what == "list") {
		if (key in multi)
			for (i = 1; i <= nent[key] + 0; i++)
				out = out name "|" ent[key, i] "\n"
		else if (key in val) {
			lbuf = val[key]
			gsub(/\n/, " ", lbuf)
			out = out name "|" lbuf "\n"
		}
	}
}

/^#/ { next }

/^[ \t]*$/ { end_stanza(); next }

/^ / {
	if (cur == "") {
		err(FNR, "a continuation line outside a field")
		next
	}
	if (cur == SKIP)
		next
	fv = substr($0, 2)
	if (fv == ".")
		fv = ""
	if (cur in multi) {
		fv = trim(fv)
		if (fv == "")
			err(FNR, cur ": an empty entry")
		else {
			nent[cur]++
			ent[cur, nent[cur]] = fv
			eline[cur, nent[cur]] = FNR
		}
	} else if (cur == "Description")
		val[cur] = val[cur] "\n" fv
	else
		err(FNR, cur ": one line only")
	next
}

{
	if (!instanza)
		start_stanza()
	if (!match($0, /^[A-Za-z][A-Za-z-]*:/)) {
		err(FNR, "not a field (Key: value), a continuation line or a comment")
		cur = SKIP
		next
	}
	fk = substr($0, 1, RLENGTH - 1)
	fv = trim(substr($0, RLENGTH + 1))
	if (!(fk in known)) {
		err(FNR, "unknown key " fk ":")
		cur = SKIP
	} else if (fk in val) {
		err(FNR, "repeated key " fk ": (first on line " vline[fk] ")")
		cur = SKIP
	} else {
		val[fk] = fv
		vline[fk] = FNR
		nent[fk] = 0
		cur = fk
		if ((fk in multi) && fv != "")
			err(FNR, fk ": entries go on the lines that follow, one each")
	}
}

END {
	if (bad_usage)
		exit 2
	end_stanza()
	close("cat 1>&2")
	if (nerr)
		exit 1
	printf "%s", out
}
