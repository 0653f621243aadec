package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"

	"github.com/inferra/inferra"
)

// ReadJSON reads a JSON dataset from r. See ParseJSON for the format.
func ReadJSON(r io.Reader, opt Options) (*inferra.Dataset, error) {
	opt = opt.withDefaults()
	data, err := readAll(r, opt.MaxBytes)
	if err != nil {
		return nil, err
	}
	return ParseJSON(data, opt)
}

// ParseJSON parses a JSON dataset held in memory: an array of records, each
// an object whose keys name columns. The columns are the union of the keys
// in first-seen order; a key absent from a record is a missing value there,
// as is null and a string that is a missing token of ParseCSV.
//
// A column of numbers is Numeric, with Column.IntegerText set when none
// has a point or an exponent; of true and false (or the strings "true"
// and "false" in any case) Boolean; otherwise Categorical or Text, with
// numbers written as the shortest decimal that round-trips; such a column
// of mostly numbers (or strings that are numbers) notes its first other
// value in Column.NonNumeric, with its record. Nested objects and arrays
// are EInvalid errors whose Details name the "record" (1-based) and the
// "column"; more records than Options.MaxRows is ETooLarge naming the
// "record" and the "line" it starts on.
func ParseJSON(data []byte, opt Options) (*inferra.Dataset, error) {
	opt = opt.withDefaults()
	if int64(len(data)) > opt.MaxBytes {
		return nil, tooManyBytes(opt.MaxBytes)
	}
	digest := hashAsync(data)
	cols, err := parseJSON(data, opt)
	return finish(cols, err, opt)(digest())
}

// jsonValue is one cell as read: a number, a string or a boolean.
type jsonValue struct {
	kind byte // 0 missing, 'n' number, 's' string, 'b' boolean
	num  float64
	str  string
}

type jsonColumn struct {
	name   string
	values []jsonValue
	// notInteger: a number in the column has a point or an exponent.
	notInteger bool
}

func parseJSON(data []byte, opt Options) ([]*inferra.Column, error) {
	data = trimBOM(data)
	if err := checkText(data); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "the file is empty")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonSyntax(err, data, dec)
	}
	if tok != json.Delim('[') {
		return nil, inferra.Errorf(inferra.EInvalid, "a JSON dataset must be an array of records ([{...}, ...])")
	}
	var cols []*jsonColumn
	index := make(map[string]int)
	rows := 0
	for dec.More() {
		rows++
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonSyntax(err, data, dec)
		}
		if rows > opt.MaxRows {
			off := min(max(dec.InputOffset(), 0), int64(len(data)))
			line := 1 + bytes.Count(data[:off], []byte{'\n'})
			return nil, inferra.Errorf(inferra.ETooLarge, "the file has more than %d records, the limit: record %d starts on line %d", opt.MaxRows, rows, line).
				WithDetail("record", rows).WithDetail("line", line).WithDetail("max_rows", opt.MaxRows)
		}
		if tok != json.Delim('{') {
			return nil, inferra.Errorf(inferra.EInvalid, "record %d is not an object; a JSON dataset is an array of objects", rows).WithDetail("record", rows)
		}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return nil, jsonSyntax(err, data, dec)
			}
			key := tok.(string) // object keys are always strings
			c, ok := index[key]
			if !ok {
				if key == "" {
					return nil, inferra.Errorf(inferra.EInvalid, "record %d has an empty key; give every column a name", rows).WithDetail("record", rows)
				}
				if len(cols) == opt.MaxColumns {
					return nil, inferra.Errorf(inferra.ETooLarge, "the file has more than %d columns", opt.MaxColumns).WithDetail("record", rows).WithDetail("max_columns", opt.MaxColumns)
				}
				c = len(cols)
				index[key] = c
				cols = append(cols, &jsonColumn{name: key})
			}
			col := cols[c]
			for len(col.values) < rows {
				col.values = append(col.values, jsonValue{})
			}
			tok, err = dec.Token()
			if err != nil {
				return nil, jsonSyntax(err, data, dec)
			}
			v := &col.values[rows-1]
			switch t := tok.(type) {
			case nil:
				*v = jsonValue{}
			case bool:
				*v = jsonValue{kind: 'b', str: strconv.FormatBool(t)}
			case json.Number:
				if f, integer, ok := parseNumberText([]byte(t)); ok {
					*v = jsonValue{kind: 'n', num: f}
					if !integer {
						col.notInteger = true
					}
				} else {
					*v = jsonValue{kind: 's', str: string(t)} // beyond float64 range
				}
			case string:
				if len(t) > opt.MaxFieldBytes {
					return nil, inferra.Errorf(inferra.ETooLarge, "record %d, column %q: a value is longer than the limit of %d bytes", rows, key, opt.MaxFieldBytes).
						WithDetail("record", rows).WithDetail("column", key).WithDetail("max_field_bytes", opt.MaxFieldBytes)
				}
				if isMissing([]byte(t)) {
					*v = jsonValue{}
				} else {
					*v = jsonValue{kind: 's', str: t}
				}
			case json.Delim:
				return nil, inferra.Errorf(inferra.EInvalid, "record %d, column %q: nested objects and arrays are not supported; flatten the value into columns", rows, key).
					WithDetail("record", rows).WithDetail("column", key)
			}
		}
		if _, err := dec.Token(); err != nil { // '}'
			return nil, jsonSyntax(err, data, dec)
		}
	}
	if _, err := dec.Token(); err != nil { // ']'
		return nil, jsonSyntax(err, data, dec)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, inferra.Errorf(inferra.EInvalid, "the JSON array of records is followed by more data")
	}
	if rows == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "the file holds no records")
	}
	if len(cols) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "the records have no keys, so the dataset has no columns")
	}
	out := make([]*inferra.Column, len(cols))
	for i, c := range cols {
		for len(c.values) < rows {
			c.values = append(c.values, jsonValue{})
		}
		out[i] = c.column()
	}
	return out, nil
}

// column decides the kind of a JSON column and builds it.
func (c *jsonColumn) column() *inferra.Column {
	numeric, has := true, false
	for _, v := range c.values {
		if v.kind != 0 {
			has = true
		}
		if v.kind == 's' || v.kind == 'b' {
			numeric = false
		}
	}
	if numeric && has {
		floats := make([]float64, len(c.values))
		for i, v := range c.values {
			floats[i] = math.NaN()
			if v.kind == 'n' {
				floats[i] = v.num
			}
		}
		return &inferra.Column{Name: c.name, Kind: inferra.Numeric, Floats: floats, IntegerText: !c.notInteger}
	}
	codes := make([]int32, len(c.values))
	dict := make(map[string]int32)
	var levels []string
	var first *inferra.Cell
	count, nums := 0, 0
	for i, v := range c.values {
		if v.kind == 0 {
			codes[i] = inferra.Missing
			continue
		}
		count++
		s := v.str
		switch {
		case v.kind == 'n':
			s = strconv.FormatFloat(v.num, 'g', -1, 64)
			nums++
		case v.kind == 's' && isNumber(s):
			nums++
		case first == nil:
			first = &inferra.Cell{Value: s, Line: i + 1}
		}
		code, ok := dict[s]
		if !ok {
			code = int32(len(levels))
			levels = append(levels, s)
			dict[s] = code
		}
		codes[i] = code
	}
	final, remap, kind := finalLevels(levels)
	for i, v := range codes {
		if v >= 0 {
			codes[i] = remap[v]
		}
	}
	if kind == inferra.Categorical && isTextual(len(final), count) {
		kind = inferra.Text
	}
	col := &inferra.Column{Name: c.name, Kind: kind, Codes: codes, Levels: final}
	if kind != inferra.Boolean && 2*nums > count {
		col.NonNumeric = first
	}
	return col
}

// jsonSyntax turns a decoding error into an EInvalid error naming the line.
func jsonSyntax(err error, data []byte, dec *json.Decoder) error {
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	off = min(max(off, 0), int64(len(data)))
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	msg := err.Error()
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "the JSON ends too early"
	}
	return inferra.Errorf(inferra.EInvalid, "line %d: the file is not valid JSON: %s", line, msg).WithDetail("line", line)
}
