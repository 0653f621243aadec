package store_test

import (
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/store"
)

func TestCheckText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s       string
		offset  int // -1: accepted
		message string
	}{
		{"Does diet change weight? ü 😀 \ufffd \t\x07", -1, ""},
		{"", -1, ""},
		{"a\x00b", 1, "prompt contains a NUL character"},
		{"\x00", 0, "prompt contains a NUL character"},
		{"ab\xff", 2, "prompt is not valid UTF-8 text"},
		{"€ cut \xe2\x82", 8, "prompt is not valid UTF-8 text"},
		{"\xed\xa0\x80", 0, "prompt is not valid UTF-8 text"}, // a surrogate half
	} {
		err := store.CheckText("prompt", tc.s)
		if tc.offset < 0 {
			if err != nil {
				t.Errorf("CheckText(%q) = %v, want nil", tc.s, err)
			}
			continue
		}
		e := inferra.AsError(err)
		if e == nil || e.Code != inferra.EInvalid || !strings.Contains(e.Message, tc.message) ||
			e.Details["field"] != "prompt" || e.Details["offset"] != tc.offset {
			t.Errorf("CheckText(%q) = %+v, want EInvalid %q at offset %d", tc.s, e, tc.message, tc.offset)
		}
	}
}

func TestCheckJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		doc string
		ok  bool
	}{
		{`{"a": "b \u0001 \ufffd"}`, true},
		{`{"a": "\\u0000"}`, true},   // the six characters \u0000, not a NUL
		{`{"a": "\\\\u0000"}`, true}, // two backslashes, then u0000
		{`{"a": "\u0000"}`, false},
		{`{"a": "x\\\u0000"}`, false}, // a backslash, then a NUL
		{`["\u0000"]`, false},
		{"{\"a\": \"\xff\"}", false},
		{``, true},
	} {
		err := store.CheckJSON("result", []byte(tc.doc))
		if (err == nil) != tc.ok {
			t.Errorf("CheckJSON(%s) = %v, want ok %v", tc.doc, err, tc.ok)
		}
		if err != nil && (inferra.ErrorCode(err) != inferra.EInvalid || !strings.HasPrefix(err.Error(), "result ")) {
			t.Errorf("CheckJSON(%s) = %v, want EInvalid naming result", tc.doc, err)
		}
	}
}

func TestCheckDataset(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, data string
		want       string // "" accepted
		line       int
		column     string
	}{
		{"clean", "g,v\na,1\nü,2\n", "", 0, ""},
		{"NUL in a cell", "g,v\na,1\nb,2\nc\x00,3\n", `line 4, column "g": the value contains a NUL character`, 4, "g"},
		{"NUL in a later column", "id,g\n1,a\n2,b\x00\n3,c\n", `line 3, column "g": the value contains a NUL`, 3, "g"},
		{"first bad row wins", "a,b\nx,y\nx,y\x00\nx\x00,y\n", `line 3, column "b"`, 3, "b"},
		{"NUL in the header", "g\x00,v\na,1\nb,2\n", "line 1, column \"g\ufffd\": the column name contains a NUL", 1, "g\ufffd"},
		{"Latin-1 cell", "g,v\nM\xfcller,1\nb,2\n", `line 2, column "g": the value is not valid UTF-8 text; save the file as UTF-8`, 2, "g"},
		{"quoted cell over two lines", "g,v\n\"a\nb\x00\",1\nc,2\n", `line 3, column "g"`, 3, "g"},
		{"CR line ends", "g,v\ra,1\rb\x00,2\r", `line 3, column "g"`, 3, "g"},
		{"JSON escape", `[{"g": "a\u0000", "v": 1}, {"g": "b", "v": 2}]`, `column "g": the value contains a NUL`, 0, "g"},
		{"JSON bytes", "[{\"g\": \"a\xff\", \"v\": 1}, {\"g\": \"b\", \"v\": 2}]", `line 1: the dataset is not valid UTF-8 text`, 1, ""}, // decoded as U+FFFD
	} {
		var ds *inferra.Dataset
		var err error
		if strings.HasPrefix(tc.data, "[") {
			ds, err = load.ParseJSON([]byte(tc.data), load.Options{})
		} else {
			ds, err = load.ParseCSV([]byte(tc.data), load.Options{})
		}
		if err != nil {
			t.Fatalf("%s: parsing: %v", tc.name, err)
		}
		err = store.CheckDataset([]byte(tc.data), ds)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: CheckDataset = %v, want nil", tc.name, err)
			}
			continue
		}
		e := inferra.AsError(err)
		if e == nil {
			t.Errorf("%s: CheckDataset = nil, want %q", tc.name, tc.want)
			continue
		}
		col, _ := e.Details["column"].(string)
		if e.Code != inferra.EInvalid || !strings.Contains(e.Message, tc.want) || col != tc.column {
			t.Errorf("%s: CheckDataset = %+v, want EInvalid %q in column %q", tc.name, e, tc.want, tc.column)
			continue
		}
		if line, _ := e.Details["line"].(int); line != tc.line {
			t.Errorf("%s: CheckDataset line %v, want %d", tc.name, e.Details["line"], tc.line)
		}
		if store.CheckText("message", e.Message) != nil {
			t.Errorf("%s: the message %q cannot itself be stored", tc.name, e.Message)
		}
	}
	if err := store.CheckDataset([]byte("a\x00"), nil); inferra.ErrorCode(err) != inferra.EInvalid || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("CheckDataset(bytes alone) = %v, want EInvalid at line 1", err)
	}
}
