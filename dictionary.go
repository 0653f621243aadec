package inferra

import (
	"encoding/json"
	"io"
	"maps"
	"slices"
)

// Dictionary describes the columns of a dataset, as SPSS and Stata
// variable and value labels do: what each column measures, and what its
// codes mean (am: 0 = automatic, 1 = manual). It is metadata: the
// decision engine reads it to understand questions ("manual cars" names
// am), the LLM planner may see it, and it never changes a value.
//
// Its JSON form, as `inferra analyze --describe FILE.json` and the API
// take it:
//
//	{"columns": {
//	  "am":  {"description": "transmission", "levels": {"0": "automatic", "1": "manual"}},
//	  "mpg": {"description": "miles per US gallon"}
//	}}
type Dictionary struct {
	Columns map[string]ColumnLabel `json:"columns"`
}

// ColumnLabel describes one column.
type ColumnLabel struct {
	// Description says in words what the column measures.
	Description string `json:"description,omitempty"`
	// Levels label the column's values, by value as it is written in the
	// data ("0", "1", "placebo").
	Levels map[string]string `json:"levels,omitempty"`
}

// Limits of a dictionary, so that metadata stays metadata.
const (
	maxDescription = 500
	maxLabel       = 200
	maxLabels      = 1000
)

// ReadDictionary reads a dictionary in its JSON form; an unknown field is
// an error.
func ReadDictionary(r io.Reader) (*Dictionary, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var d Dictionary
	if err := dec.Decode(&d); err != nil {
		return nil, Errorf(EInvalid, "the column descriptions are not valid JSON of the form {\"columns\": {\"name\": {\"description\": …, \"levels\": {…}}}}: %v", err)
	}
	return &d, nil
}

// Describe attaches the dictionary's labels to the dataset's columns, so
// that Schema reports them. Every column it names must exist; a level it
// labels need not occur in the data. Describe with nil removes them.
func (d *Dataset) Describe(dict *Dictionary) error {
	if dict == nil {
		d.labels = nil
		return nil
	}
	labels := 0
	for _, name := range slices.Sorted(maps.Keys(dict.Columns)) {
		l := dict.Columns[name]
		if _, ok := d.byName[name]; !ok {
			return Errorf(ENotFound, "the column descriptions name %q, which is not a column of the dataset%s", name, suggest(name, d.names())).
				WithDetail("column", name)
		}
		if len(l.Description) > maxDescription {
			return Errorf(EInvalid, "the description of %q is longer than %d characters", name, maxDescription).WithDetail("column", name)
		}
		for v, lab := range l.Levels {
			if len(lab) > maxLabel || len(v) > maxLabel {
				return Errorf(EInvalid, "a level label of %q is longer than %d characters", name, maxLabel).WithDetail("column", name)
			}
		}
		labels += len(l.Levels)
	}
	if labels > maxLabels {
		return Errorf(EInvalid, "the column descriptions label %d levels; at most %d", labels, maxLabels)
	}
	d.labels = maps.Clone(dict.Columns)
	return nil
}

// Dictionary returns the labels attached with Describe, or nil.
func (d *Dataset) Dictionary() *Dictionary {
	if d.labels == nil {
		return nil
	}
	return &Dictionary{Columns: maps.Clone(d.labels)}
}

func (d *Dataset) names() []string {
	out := make([]string, len(d.Columns))
	for i, c := range d.Columns {
		out[i] = c.Name
	}
	return out
}

// suggest returns ` (did you mean "x"?)` for the closest of names, or "".
func suggest(name string, names []string) string {
	if c := ClosestNames(name, names, 1); len(c) > 0 {
		return ` (did you mean "` + c[0] + `"?)`
	}
	return ""
}

// Dictionary returns the column descriptions and level labels the schema
// carries (those a Dictionary attached to its dataset), or nil when it
// carries none: a stored dataset's schema keeps them, and a dataset parsed
// again from its bytes gets them back with Describe.
func (s Schema) Dictionary() *Dictionary {
	var d *Dictionary
	for _, c := range s.Columns {
		if c.Description == "" && len(c.LevelLabels) == 0 {
			continue
		}
		if d == nil {
			d = &Dictionary{Columns: map[string]ColumnLabel{}}
		}
		d.Columns[c.Name] = ColumnLabel{Description: c.Description, Levels: maps.Clone(c.LevelLabels)}
	}
	return d
}
