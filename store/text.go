package store

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/inferra/inferra"
)

// What a store keeps as text must be text that PostgreSQL can keep: UTF-8
// without the NUL character (U+0000). PostgreSQL refuses a NUL in text
// (SQLSTATE 22021) and in jsonb (the escape \u0000, SQLSTATE 22P05), and
// bytes that are not UTF-8 anywhere; SQLite would keep all of them. So
// that both stores answer alike, both refuse such text with an EInvalid
// error naming the field, before the database sees it. The job service
// applies the same check to every request (CheckText, CheckDataset), so a
// caller hears about it before anything is stored.

// CheckText returns nil when s is text a store can keep, and otherwise an
// EInvalid error that names field: "prompt contains a NUL character".
// Its details hold the field and the byte offset of the first bad byte.
func CheckText(field, s string) error {
	i, nul := badText(s)
	if i < 0 {
		return nil
	}
	return textError(field, i, nul)
}

// badText returns the byte offset of the first NUL or non-UTF-8 byte of s
// and whether it is a NUL, or -1.
func badText(s string) (int, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == 0 {
				return i, true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i, false
		}
		i += n
	}
	return -1, false
}

func textError(field string, offset int, nul bool) *inferra.Error {
	var e *inferra.Error
	if nul {
		e = inferra.Errorf(inferra.EInvalid, "%s contains a NUL character (U+0000), which cannot be stored; remove it", field)
	} else {
		e = inferra.Errorf(inferra.EInvalid, "%s is not valid UTF-8 text; send it as UTF-8", field)
	}
	return e.WithDetail("field", field).WithDetail("offset", offset)
}

// CheckJSON is CheckText for a JSON document kept as jsonb: its bytes must
// be UTF-8 and no string in it may hold the escape \u0000.
func CheckJSON(field string, doc []byte) error {
	if !utf8.Valid(doc) {
		i, _ := badText(string(doc))
		return textError(field, i, false)
	}
	for i := 0; ; {
		j := bytes.IndexByte(doc[i:], '\\')
		if j < 0 {
			return nil
		}
		i += j
		// In valid JSON a backslash only starts an escape inside a string.
		if i+1 < len(doc) && doc[i+1] == 'u' && i+6 <= len(doc) && string(doc[i+2:i+6]) == "0000" {
			return textError(field, i, true)
		}
		i += 2
		if i >= len(doc) {
			return nil
		}
	}
}

// CheckDataset checks that a dataset holds only text a store can keep:
// its raw bytes (CSV or JSON) are UTF-8 without NUL bytes, and its column
// names and labels hold no NUL (a JSON dataset can spell one \u0000). The
// EInvalid error names the line and the column: `line 4, column "g": the
// value contains a NUL character`, with both in its details. ds is raw as
// parsed; nil checks the bytes alone.
func CheckDataset(raw []byte, ds *inferra.Dataset) error {
	bad, nul := -1, false
	if bytes.IndexByte(raw, 0) >= 0 || !utf8.Valid(raw) {
		bad, nul = badText(string(raw))
	}
	col, isName, found := badColumn(ds)
	if bad < 0 && !found {
		return nil
	}
	if bad < 0 {
		// Only a decoded string is bad (a JSON escape): no line to name.
		nul = true
	}
	what := "the value"
	if isName {
		what = "the column name"
	}
	reason := "contains a NUL character (U+0000), which cannot be stored; remove it"
	if !nul {
		reason = "is not valid UTF-8 text; save the file as UTF-8"
	}
	var e *inferra.Error
	switch {
	case bad >= 0 && found:
		line := lineOf(raw, bad)
		e = inferra.Errorf(inferra.EInvalid, "line %d, column %s: %s %s", line, strconv.Quote(col), what, reason).
			WithDetail("line", line).WithDetail("column", col)
	case bad >= 0:
		line := lineOf(raw, bad)
		e = inferra.Errorf(inferra.EInvalid, "line %d: the dataset %s", line, reason).WithDetail("line", line)
	default:
		e = inferra.Errorf(inferra.EInvalid, "column %s: %s %s", strconv.Quote(col), what, reason).WithDetail("column", col)
	}
	return e
}

// lineOf returns the 1-based physical line of raw[offset], counting line
// feeds, or carriage returns in a file without a line feed (old Mac files,
// as ParseCSV reads them).
func lineOf(raw []byte, offset int) int {
	brk := byte('\n')
	if bytes.IndexByte(raw, '\n') < 0 {
		brk = '\r'
	}
	return 1 + bytes.Count(raw[:offset], []byte{brk})
}

// badColumn returns the column whose name, or one of whose labels, holds
// a NUL or a non-UTF-8 byte first in reading order: a bad name (the
// header comes first), else the earliest row holding a bad label, the
// leftmost column on that row.
func badColumn(ds *inferra.Dataset) (name string, isName, found bool) {
	if ds == nil {
		return "", false, false
	}
	for _, c := range ds.Columns {
		if i, _ := badText(c.Name); i >= 0 {
			return safeName(c.Name), true, true
		}
	}
	bestRow := -1
	for _, c := range ds.Columns {
		if c.Kind != inferra.Categorical && c.Kind != inferra.Text {
			continue
		}
		var badLevel []bool
		for l, s := range c.Levels {
			if i, _ := badText(s); i >= 0 {
				if badLevel == nil {
					badLevel = make([]bool, len(c.Levels))
				}
				badLevel[l] = true
			}
		}
		if badLevel == nil {
			continue
		}
		for r, code := range c.Codes {
			if bestRow >= 0 && r >= bestRow {
				break
			}
			if code >= 0 && int(code) < len(badLevel) && badLevel[code] {
				bestRow, name = r, safeName(c.Name)
				break
			}
		}
	}
	return name, false, bestRow >= 0
}

// safeName returns a column name fit for an error message, which is
// itself stored (a job's error): its bad bytes replaced by U+FFFD.
func safeName(s string) string {
	b := []byte(nil)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == 0 || (r == utf8.RuneError && n == 1) {
			r = utf8.RuneError
		}
		b = utf8.AppendRune(b, r)
		i += n
	}
	return string(b)
}
