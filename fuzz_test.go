package inferra_test

import (
	"errors"
	"testing"

	"github.com/inferra/inferra"
)

// FuzzParseCSV checks that no input makes ParseCSV panic, that a dataset
// it returns is rectangular, and that its errors are *inferra.Error with a
// message. Sequential and parallel parses must agree.
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
	} {
		f.Add([]byte(seed), byte(0), uint8(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, delim byte, workers uint8) {
		opt := inferra.LoadOptions{Delimiter: delim, Workers: int(workers%4) + 1, MaxFieldBytes: 1 << 10}
		if delim == '"' || delim == '\n' || delim == '\r' || delim == ' ' {
			opt.Delimiter = 0
		}
		d, err := inferra.ParseCSV(data, opt)
		if err != nil {
			var e *inferra.Error
			if !errors.As(err, &e) || e.Message == "" || e.Code == "" {
				t.Fatalf("ParseCSV error %#v is not an *inferra.Error with a code and message", err)
			}
			return
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
	})
}
