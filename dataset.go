package inferra

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Kind is what a column holds, as decided when a dataset is loaded.
type Kind string

// The column kinds.
const (
	// Numeric columns hold numbers, stored as float64 with NaN for missing.
	Numeric Kind = "numeric"
	// Categorical columns hold a small-to-moderate set of labels.
	Categorical Kind = "categorical"
	// Boolean columns hold true/false (levels "false" and "true").
	Boolean Kind = "boolean"
	// Text columns hold free text or identifiers: labels so many and so
	// varied that grouping by them makes no sense.
	Text Kind = "text"
)

// Missing is the level code of a missing value in a non-numeric column.
const Missing int32 = -1

// Column is one column of a Dataset, stored by kind: numeric columns in
// Floats (NaN marks a missing value), every other kind as level codes in
// Codes indexing Levels (Missing marks a missing value). Levels are sorted
// in byte-wise lexicographic order, so code order is group order.
type Column struct {
	Name   string
	Kind   Kind
	Floats []float64
	Codes  []int32
	Levels []string
	// NonNumeric, on a Categorical or Text column whose values are mostly
	// numbers (more than half of those not missing), is the first value
	// that is not a number: most likely a typo in a numeric column, such
	// as "12..5", "n/d" or "Inf". Nil otherwise.
	NonNumeric *Cell
	// IntegerText, on a Numeric column read from a file, reports that
	// every value present was written as an integer literal (such as 42
	// or -7, not 42.0 or 4.2e1), as pandas requires for an integer column.
	// Columns built in memory leave it false unless set.
	IntegerText bool
}

// Cell is one value of a loaded dataset and where it came from, for error
// messages that point at the source.
type Cell struct {
	// Value is the value as loaded: a CSV field without its quotes and
	// surrounding spaces, or a JSON string, number or boolean as text.
	Value string
	// Line is where the value is: in CSV, the 1-based physical line on
	// which its record starts (counting the header, blank lines and line
	// breaks inside quoted fields); in JSON, the 1-based index of its
	// record in the array.
	Line int
}

// Len returns the number of rows in the column.
func (c *Column) Len() int {
	if c.Kind == Numeric {
		return len(c.Floats)
	}
	return len(c.Codes)
}

// IsMissing reports whether row i is missing.
func (c *Column) IsMissing(i int) bool {
	if c.Kind == Numeric {
		return math.IsNaN(c.Floats[i])
	}
	return c.Codes[i] == Missing
}

// Groups returns the column as group codes and level names, the way a
// grouping analysis (t-test, ANOVA) sees it. Non-numeric columns return
// their own codes and levels. Numeric columns (such as integer codes 1/2/3)
// are grouped by distinct value in ascending numeric order, each level named
// by the shortest decimal that round-trips ("1", "2.5"); NaN is Missing.
// The returned slices must not be modified.
func (c *Column) Groups() (codes []int32, levels []string) {
	if c.Kind != Numeric {
		return c.Codes, c.Levels
	}
	distinct := make(map[float64]int32)
	for _, v := range c.Floats {
		if !math.IsNaN(v) {
			distinct[v] = 0
		}
	}
	vals := make([]float64, 0, len(distinct))
	for v := range distinct {
		vals = append(vals, v)
	}
	sort.Float64s(vals)
	levels = make([]string, len(vals))
	for i, v := range vals {
		if v == 0 {
			v = 0 // fold -0 into 0
		}
		distinct[v] = int32(i)
		levels[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	codes = make([]int32, len(c.Floats))
	for i, v := range c.Floats {
		if math.IsNaN(v) {
			codes[i] = Missing
		} else {
			codes[i] = distinct[v]
		}
	}
	return codes, levels
}

// Dataset is a table held column by column. Build one with NewDataset or a
// loader of package load (ReadCSV, ReadJSON, File); a Dataset is immutable afterwards
// and safe for concurrent readers.
type Dataset struct {
	// Columns in source order.
	Columns []*Column
	// SHA256 is the hex SHA-256 of the bytes the dataset was loaded from,
	// or "" for a dataset built in memory.
	SHA256 string
	// SourceColumns is the number of columns in the source, which is more
	// than len(Columns) when LoadOptions.Columns selected some.
	SourceColumns int

	rows   int
	byName map[string]*Column
	// labels are the column descriptions attached with Describe.
	labels map[string]ColumnLabel
}

// NewDataset builds a dataset from columns, which must have distinct,
// non-empty names and equal lengths.
func NewDataset(cols []*Column) (*Dataset, error) {
	d := &Dataset{Columns: cols, SourceColumns: len(cols), byName: make(map[string]*Column, len(cols))}
	for i, c := range cols {
		if strings.TrimSpace(c.Name) == "" {
			return nil, Errorf(EInvalid, "column %d has an empty name", i+1)
		}
		if _, dup := d.byName[c.Name]; dup {
			return nil, Errorf(EInvalid, "column name %q appears more than once", c.Name)
		}
		if i == 0 {
			d.rows = c.Len()
		} else if c.Len() != d.rows {
			return nil, Errorf(EInvalid, "column %q has %d rows, want %d", c.Name, c.Len(), d.rows)
		}
		d.byName[c.Name] = c
	}
	return d, nil
}

// Rows returns the number of rows.
func (d *Dataset) Rows() int { return d.rows }

// Names returns the column names in source order.
func (d *Dataset) Names() []string {
	names := make([]string, len(d.Columns))
	for i, c := range d.Columns {
		names[i] = c.Name
	}
	return names
}

// Column returns the column with the given name. An unknown name is an
// EInvalid error that names the closest existing columns.
func (d *Dataset) Column(name string) (*Column, error) {
	if c, ok := d.byName[name]; ok {
		return c, nil
	}
	return nil, UnknownColumn(name, d.Names())
}

// UnknownColumn returns the EInvalid error for a column name that is not
// among names, naming the closest ones (see ClosestNames) in its message
// and its "did_you_mean" detail.
func UnknownColumn(name string, names []string) *Error {
	close := ClosestNames(name, names, 3)
	msg := "column " + strconv.Quote(name) + " does not exist"
	if len(close) > 0 {
		quoted := make([]string, len(close))
		for i, n := range close {
			quoted[i] = strconv.Quote(n)
		}
		msg += "; did you mean " + strings.Join(quoted, " or ") + "?"
	} else {
		msg += "; the columns are " + strings.Join(names, ", ")
	}
	return Errorf(EInvalid, "%s", msg).WithDetail("column", name).WithDetail("did_you_mean", close)
}

// ClosestNames returns up to limit names from candidates that are closest to
// name: case- and punctuation-insensitive matches first, then by edit
// distance, keeping only those within a third of the name's length.
func ClosestNames(name string, candidates []string, limit int) []string {
	type scored struct {
		name string
		dist int
	}
	key := foldName(name)
	var found []scored
	for _, c := range candidates {
		ck := foldName(c)
		d := EditDistance(key, ck)
		if ck == key {
			d = 0
		} else if strings.Contains(ck, key) || strings.Contains(key, ck) {
			d = min(d, 1+abs(len(ck)-len(key))/2)
		}
		far := max(2, (len(key)+2)/3)
		if d <= far {
			found = append(found, scored{c, d})
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].dist < found[j].dist })
	out := make([]string, 0, limit)
	for i := 0; i < len(found) && i < limit; i++ {
		out = append(out, found[i].name)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// foldName lower-cases s and drops everything but letters and digits, so
// "Body.Mass", "body_mass" and "body mass" compare equal.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// EditDistance returns the optimal string alignment distance between a and
// b, counted in bytes: the least number of insertions, deletions,
// substitutions and swaps of two adjacent bytes that turn a into b, no
// substring being edited twice. "yeild" is one edit from "yield", as is
// "yeld". ClosestNames ranks column suggestions with it, and a word one
// typing slip from another is at distance 1.
func EditDistance(a, b string) int {
	// Three rows of the dynamic programme: the one before the previous
	// (for swaps), the previous and the current.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
