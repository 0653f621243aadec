package inferra

import (
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// Schema summarises a dataset column by column: what each column holds and
// enough of its values to choose an analysis and to describe it to a
// person or a language model. It never holds NaN or infinities, so it
// always encodes as JSON.
type Schema struct {
	Rows    int            `json:"rows"`
	Columns []ColumnSchema `json:"columns"`
	// Warnings are what a person should check before trusting the
	// columns' kinds, each a sentence naming its column: a column of
	// mostly numbers read as text (Column.NonNumeric) because of the value
	// that is not a number.
	Warnings []string `json:"warnings,omitempty"`
}

// ColumnSchema summarises one column.
type ColumnSchema struct {
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
	// Count is the number of values that are not missing.
	Count   int `json:"count"`
	Missing int `json:"missing"`
	// Distinct is the number of distinct values that are not missing.
	Distinct int `json:"distinct"`
	// Levels and LevelCounts list the distinct values and how often each
	// occurs, when there are at most 20: labels in level order, or numbers
	// in ascending order written as the shortest decimal that round-trips.
	Levels      []string `json:"levels,omitempty"`
	LevelCounts []int    `json:"level_counts,omitempty"`
	// Min, Max, Mean and SD (with n-1 in the denominator) describe a numeric
	// column; they are nil for other kinds, when there are no values (or
	// fewer than two for SD), and when a value is not finite.
	Min  *float64 `json:"min,omitempty"`
	Max  *float64 `json:"max,omitempty"`
	Mean *float64 `json:"mean,omitempty"`
	SD   *float64 `json:"sd,omitempty"`
	// IntegerCoded marks a numeric column of 2 to 10 distinct integers,
	// such as 0/1 or 1/2/3, which likely codes groups rather than measures.
	IntegerCoded bool `json:"integer_coded,omitempty"`
	// Identifier marks a column of at least two values, all distinct and
	// either integers or labels (not booleans), such as a row id.
	Identifier bool `json:"identifier,omitempty"`
	// Description and LevelLabels come from the dataset's Dictionary (see
	// Dataset.Describe): what the column measures, and labels for its
	// values by value.
	Description string            `json:"description,omitempty"`
	LevelLabels map[string]string `json:"level_labels,omitempty"`
}

// maxSchemaLevels is the largest number of distinct values a ColumnSchema
// lists.
const maxSchemaLevels = 20

// Column returns the summary of the named column.
func (s Schema) Column(name string) (ColumnSchema, bool) {
	for _, c := range s.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return ColumnSchema{}, false
}

// Schema summarises the dataset, reading each column once (columns in
// parallel).
func (d *Dataset) Schema() Schema {
	s := Schema{Rows: d.rows, Columns: make([]ColumnSchema, len(d.Columns))}
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, c := range d.Columns {
		if c.Len() < 1<<16 {
			s.Columns[i] = columnSchema(c)
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			s.Columns[i] = columnSchema(c)
		}()
	}
	wg.Wait()
	for _, c := range d.Columns {
		if c.Kind != Numeric && c.NonNumeric != nil {
			s.Warnings = append(s.Warnings, fmt.Sprintf(
				"column %q is mostly numbers but was read as text: line %d has %q, which was not read as a number; correct that value (or write it as NA) for the column to be numeric",
				c.Name, c.NonNumeric.Line, c.NonNumeric.Value))
		}
	}
	for i := range s.Columns {
		if l, ok := d.labels[s.Columns[i].Name]; ok {
			s.Columns[i].Description = l.Description
			s.Columns[i].LevelLabels = maps.Clone(l.Levels)
		}
	}
	return s
}

func columnSchema(c *Column) ColumnSchema {
	if c.Kind == Numeric {
		return numericSchema(c)
	}
	cs := ColumnSchema{Name: c.Name, Kind: c.Kind}
	counts := make([]int, len(c.Levels))
	for _, v := range c.Codes {
		if v < 0 || int(v) >= len(counts) {
			cs.Missing++
			continue
		}
		counts[v]++
	}
	cs.Count = len(c.Codes) - cs.Missing
	for _, n := range counts {
		if n > 0 {
			cs.Distinct++
		}
	}
	if cs.Distinct <= maxSchemaLevels {
		for i, n := range counts {
			if n > 0 {
				cs.Levels = append(cs.Levels, c.Levels[i])
				cs.LevelCounts = append(cs.LevelCounts, n)
			}
		}
	}
	cs.Identifier = c.Kind != Boolean && cs.Count >= 2 && cs.Distinct == cs.Count
	return cs
}

func numericSchema(c *Column) ColumnSchema {
	cs := ColumnSchema{Name: c.Name, Kind: Numeric}
	var (
		mean, m2 float64
		lo, hi   = math.Inf(1), math.Inf(-1)
		integers = true
		finite   = true
		hashes   = make([]uint64, 0, len(c.Floats))
		small    = make(map[float64]int) // value counts while few
		n        int
	)
	for _, v := range c.Floats {
		if v != v {
			cs.Missing++
			continue
		}
		n++
		if math.IsInf(v, 0) {
			finite = false
		}
		if v == 0 {
			v = 0 // fold -0 into 0
		}
		lo, hi = min(lo, v), max(hi, v)
		d := v - mean
		mean += d / float64(n)
		m2 += d * (v - mean)
		if integers && v != math.Trunc(v) {
			integers = false
		}
		hashes = append(hashes, math.Float64bits(v)*hashMul)
		if small != nil {
			if _, seen := small[v]; !seen && len(small) == maxSchemaLevels {
				small = nil
			} else {
				small[v]++
			}
		}
	}
	cs.Count = n
	if small != nil {
		cs.Distinct = len(small)
	} else {
		cs.Distinct = countDistinct(hashes)
	}
	if n > 0 && finite {
		cs.Min, cs.Max = finiteOrNil(lo), finiteOrNil(hi)
		cs.Mean = finiteOrNil(mean)
		if n >= 2 {
			cs.SD = finiteOrNil(math.Sqrt(m2 / float64(n-1)))
		}
	}
	if small != nil && n > 0 {
		vals := make([]float64, 0, len(small))
		for v := range small {
			vals = append(vals, v)
		}
		slices.Sort(vals)
		for _, v := range vals {
			cs.Levels = append(cs.Levels, strconv.FormatFloat(v, 'g', -1, 64))
			cs.LevelCounts = append(cs.LevelCounts, small[v])
		}
	}
	cs.IntegerCoded = integers && finite && cs.Distinct >= 2 && cs.Distinct <= 10
	cs.Identifier = integers && finite && n >= 2 && cs.Distinct == n
	return cs
}

func finiteOrNil(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// hashMul is an odd constant (2^64/φ): multiplying by it is a bijection on
// uint64 that spreads the bits of float64 values over the high bits.
const hashMul = 0x9E3779B97F4A7C15

// countDistinct returns the number of distinct values in hashes, which it
// reorders. A hash set of a million values misses the cache at every
// insertion; instead the values are first partitioned by their top byte,
// and each part, small enough for the cache, is counted with its own set.
func countDistinct(hashes []uint64) int {
	if len(hashes) < 1<<14 {
		n, _ := countSet(hashes, nil)
		return n
	}
	var start [257]int
	for _, h := range hashes {
		start[h>>56+1]++
	}
	for i := 1; i <= 256; i++ {
		start[i] += start[i-1]
	}
	parts := make([]uint64, len(hashes))
	next := start
	for _, h := range hashes {
		b := h >> 56
		parts[next[b]] = h
		next[b]++
	}
	n := 0
	var table []uint64
	for b := range 256 {
		var m int
		m, table = countSet(parts[start[b]:start[b+1]], table)
		n += m
	}
	return n
}

// countSet counts the distinct values in hs with an open-addressing hash
// set built in table's storage, which it returns grown as needed; 0 is
// counted apart, as it marks an empty slot.
func countSet(hs []uint64, table []uint64) (int, []uint64) {
	size := 16
	for size < 2*len(hs) {
		size <<= 1
	}
	if cap(table) < size {
		table = make([]uint64, size)
	}
	table = table[:size]
	clear(table)
	mask := uint64(size - 1)
	n, zero := 0, 0
	for _, h := range hs {
		if h == 0 {
			zero = 1
			continue
		}
		// The top byte may be shared by the whole part: index by the next
		// bits.
		i := (h >> 32) & mask
		for {
			switch table[i] {
			case 0:
				table[i] = h
				n++
			case h:
			default:
				i = (i + 1) & mask
				continue
			}
			break
		}
	}
	return n + zero, table
}
