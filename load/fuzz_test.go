package load_test

import (
	"errors"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

// FuzzParseCSV checks that no input makes ParseCSV panic, that a dataset
// it returns is rectangular, that its errors are *inferra.Error with a
// message, and that sequential and parallel parses agree: one worker and
// four, with the parallel threshold lowered to 16 bytes so that even small
// inputs are split into ranges, must return the same columns (and
// NonNumeric cells) or the same error.
func FuzzParseCSV(f *testing.F) {
	for _, seed := range []string{
		"a,b\n1,x\n2,y\n",
		"a;b\r\n1;\"x;y\"\r\n",
		"\xEF\xBB\xBFa\tb\n1\t2\n",
		"a,b\n\"x\"\"y\",1\n\"multi\nline\",2\n",
		"a,a\n1,2\n",
		"a,b\n1\n",
		"a\n\"open\n",
		"a,b\nx\"y,1\n",
		"x\n1e400\n-0\n.5\nNA\n",
		"f\ntrue\nFALSE\n\n",
		"\n\na,b\n1,2\n\n\r\n3,4\n5,6\n7,8\n",
		"x,y\r1,a\r2,\"b\rc\"\r\r12..5,d\r4,e\r",
		"x\n1\n2\n3\n4\nInf\n5\n6\n7\n8\nfoo\n",
	} {
		f.Add([]byte(seed), byte(0), uint8(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, delim byte, maxRows uint8) {
		opt := load.Options{Delimiter: delim, MaxFieldBytes: 1 << 10, MaxRows: int(maxRows)}
		if delim == '"' || delim == '\n' || delim == '\r' || delim == ' ' {
			opt.Delimiter = 0
		}
		checkParses(t, data, opt)
	})
}

// FuzzParseCSVDialect fuzzes the dialect sniffing: the delimiter and the
// decimal separator detected from the first records (or a decimal
// separator given), binary input refused, with the same checks as
// FuzzParseCSV. A European file (';' and decimal commas) and a '|' file
// are among the seeds.
func FuzzParseCSVDialect(f *testing.F) {
	for _, seed := range []string{
		"name;weight;height\na;1,5;2,25\nb;-0,5;1.234,5\n",
		"a|b\n1|x\n2|y\n",
		"name, unit;value\nfoo;3\nbar;4,5\n",
		"x;y\n1.234;1,2\n\"2,5\";NA\n",
		"a\tb\n1,5\t2\n",
		"\x89PNG\r\n\x1a\n",
		"PK\x03\x04\x14\x00[Content_Types].xml xl/workbook.xml",
		"a,b\n1,\xff\n",
	} {
		f.Add([]byte(seed), byte(0))
	}
	f.Add([]byte("a;b\n1,5;2\n"), byte(','))
	f.Add([]byte("a;b\n1.5;2\n"), byte('.'))
	f.Fuzz(func(t *testing.T, data []byte, decimal byte) {
		opt := load.Options{MaxFieldBytes: 1 << 10}
		if decimal == '.' || decimal == ',' {
			opt.Decimal = decimal
		}
		checkParses(t, data, opt)
	})
}

// checkParses parses data with opt by one worker and by four, and checks
// that the two agree, that errors are *inferra.Error with a code and a
// message, and that a dataset is rectangular.
func checkParses(t *testing.T, data []byte, opt load.Options) {
	t.Helper()
	opt.Workers = 1
	d, err := load.ParseCSV(data, opt)
	opt.Workers = 4
	d4, err4 := load.ParseCSV(data, load.WithMinChunk(opt, 16))
	if (err == nil) != (err4 == nil) || (err != nil && err.Error() != err4.Error()) {
		t.Fatalf("sequential error %v, parallel error %v", err, err4)
	}
	if err != nil {
		var e *inferra.Error
		if !errors.As(err, &e) || e.Message == "" || e.Code == "" {
			t.Fatalf("ParseCSV error %#v is not an *inferra.Error with a code and message", err)
		}
		return
	}
	if d.Rows() != d4.Rows() || !sameColumns(d, d4) {
		t.Fatalf("sequential and parallel parses differ: %d and %d rows", d.Rows(), d4.Rows())
	}
	for _, c := range d.Columns {
		if c.Len() != d.Rows() {
			t.Fatalf("column %q has %d rows, want %d", c.Name, c.Len(), d.Rows())
		}
		for _, code := range c.Codes {
			if code < inferra.Missing || int(code) >= len(c.Levels) {
				t.Fatalf("column %q has code %d with %d levels", c.Name, code, len(c.Levels))
			}
		}
	}
	d.Schema()
}
