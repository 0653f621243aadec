package inferra

import (
	"math"
	"slices"
	"strconv"
	"sync"
	"unsafe"
)

// Schema summarises a dataset column by column: what each column holds and
// enough of its values to choose an analysis and to describe it to a
// person or a language model. It never holds NaN or infinities, so it
// always encodes as JSON.
type Schema struct {
	Rows    int            `json:"rows"`
	Columns []ColumnSchema `json:"columns"`
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
	for i, c := range d.Columns {
		if c.Len() < 1<<16 {
			s.Columns[i] = columnSchema(c)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Columns[i] = columnSchema(c)
		}()
	}
	wg.Wait()
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
		set      = newFloatSet(len(c.Floats))
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
		if set.add(v) && small != nil {
			if len(small) == maxSchemaLevels {
				small = nil
			} else {
				small[v] = 0
			}
		}
		if small != nil {
			small[v]++
		}
	}
	cs.Count = n
	cs.Distinct = set.len
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

// floatSet is an open-addressing hash set of float64 bit patterns: the
// distinct count of a million-row column in milliseconds, without the
// per-entry cost of a map.
type floatSet struct {
	slots []uint64 // bits+1, 0 marks an empty slot (no float has all bits set)
	mask  uint64
	shift uint // 64 - log2(len(slots)): the product's top bits index
	len   int
}

func newFloatSet(hint int) *floatSet {
	size, shift := 16, uint(60)
	for size < 2*hint && size < 1<<30 {
		size <<= 1
		shift--
	}
	s := &floatSet{slots: make([]uint64, size), mask: uint64(size - 1), shift: shift}
	prefault(unsafe.Slice((*byte)(unsafe.Pointer(&s.slots[0])), 8*size))
	return s
}

// add inserts v and reports whether it was new.
func (s *floatSet) add(v float64) bool {
	key := math.Float64bits(v) + 1
	i := (key * 0x9E3779B97F4A7C15) >> s.shift
	for {
		switch s.slots[i] {
		case 0:
			s.slots[i] = key
			s.len++
			if 2*s.len > len(s.slots) {
				s.grow()
			}
			return true
		case key:
			return false
		}
		i = (i + 1) & s.mask
	}
}

func (s *floatSet) grow() {
	old := s.slots
	s.slots = make([]uint64, 2*len(old))
	prefault(unsafe.Slice((*byte)(unsafe.Pointer(&s.slots[0])), 8*len(s.slots)))
	s.mask = uint64(len(s.slots) - 1)
	s.shift--
	s.len = 0
	for _, k := range old {
		if k != 0 {
			s.add(math.Float64frombits(k - 1))
		}
	}
}
