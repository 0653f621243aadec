package load_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

// TestParseCSVDecimalComma reads European CSV files: ';' delimited, with
// decimal commas and points grouping thousands beside them.
func TestParseCSVDecimalComma(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tests := []struct {
		name, src string
		opt       load.Options
		want      map[string][]float64
	}{
		{"decimal commas", "name;weight;height\na;1,5;2,25\nb;2;-0,5\nc;NA;3\n", load.Options{},
			map[string][]float64{"weight": {1.5, 2, nan}, "height": {2.25, -0.5, 3}}},
		{"thousands beside a decimal comma", "x;y\n1.234,5;1\n12.345.678,25;2\n3,5e2;3\n", load.Options{},
			map[string][]float64{"x": {1234.5, 12345678.25, 350}, "y": {1, 2, 3}}},
		{"quoted and spaced", "x;y\n\"1,5\"; 2,5 \n2;3\n", load.Options{},
			map[string][]float64{"x": {1.5, 2}, "y": {2.5, 3}}},
		{"tab with decimal commas", "x\ty\n1,5\t2\n2,5\t3\n", load.Options{},
			map[string][]float64{"x": {1.5, 2.5}, "y": {2, 3}}},
		{"explicit decimal comma", "x;y\n1;2\n1,5;3\n", load.Options{Decimal: ','},
			map[string][]float64{"x": {1, 1.5}}},
		{"explicit delimiter, detected decimal", "x;y\n1,5;2\n", load.Options{Delimiter: ';'},
			map[string][]float64{"x": {1.5}}},
		{"decimal points in a ';' file", "x;y\n1.5;2.25\n2;3\n", load.Options{},
			map[string][]float64{"x": {1.5, 2}, "y": {2.25, 3}}},
		{"explicit decimal point", "x;y\n1.5;2\n", load.Options{Decimal: '.'},
			map[string][]float64{"x": {1.5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(t, tt.src, tt.opt)
			for name, want := range tt.want {
				c := column(t, d, name)
				if c.Kind != inferra.Numeric || !floatsEqual(c.Floats, want) {
					t.Errorf("%s = %v %v %q, want numeric %v", name, c.Kind, c.Floats, c.Levels, want)
				}
			}
			if w := d.Schema().Warnings; len(w) > 0 {
				t.Errorf("warnings %q, want none", w)
			}
		})
	}
	// pandas.read_csv(..., sep=";", decimal=",") reads "1,5" as 1.5 but
	// "1,5" is not an integer literal.
	if x := column(t, parse(t, "x;y\n1,0;a\n2;b\n", load.Options{}), "x"); x.IntegerText {
		t.Error("a column with a decimal comma has IntegerText set")
	}
}

// TestParseCSVDecimalCommaAmbiguous checks what a file with decimal
// commas does not guess: a point alone may group thousands or be a
// decimal point, so such a value is not a number, and the column of
// mostly numbers read as text carries a warning naming it.
func TestParseCSVDecimalCommaAmbiguous(t *testing.T) {
	t.Parallel()
	d := parse(t, "x;y;z\n1,5;1.234;a\n2,5;2,5;b\n3,5;3,5;c\n", load.Options{})
	if x := column(t, d, "x"); x.Kind != inferra.Numeric {
		t.Errorf("x is %v, want numeric", x.Kind)
	}
	y := column(t, d, "y")
	if y.Kind == inferra.Numeric || y.NonNumeric == nil || y.NonNumeric.Value != "1.234" || y.NonNumeric.Line != 2 {
		t.Fatalf("y = %v %v, NonNumeric %v; want text with NonNumeric \"1.234\" on line 2", y.Kind, y.Floats, y.NonNumeric)
	}
	w := d.Schema().Warnings
	if len(w) != 1 || !strings.Contains(w[0], `column "y" is mostly numbers but was read as text`) || !strings.Contains(w[0], `line 2 has "1.234"`) {
		t.Errorf("warnings %q, want one naming column \"y\" and line 2", w)
	}
	for _, bad := range []string{"1.23,5", "1.2345,6", "1,2,3", "1,234.5", ",5.", strings.Repeat("1", 70) + ",5"} {
		d := parse(t, "x;y\n1,5;a\n"+bad+";b\n", load.Options{})
		if x := column(t, d, "x"); x.Kind == inferra.Numeric {
			t.Errorf("%q read as the number %v in a file of decimal commas", bad, x.Floats[1])
		}
	}
}

// TestParseCSVSniffDelimiter checks the delimiter detected from the first
// records: '|' files, and a header whose most frequent character is not
// the one its records share.
func TestParseCSVSniffDelimiter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string
	}{
		{"pipe", "id|group|score\n1|a|1.5\n2|b|2.5\n", []string{"id", "group", "score"}},
		{"pipe with quoted pipes", "id|note\n1|\"a|b\"\n2|c\n", []string{"id", "note"}},
		{"records decide", "name, unit;value\nfoo;3\nbar;4\n", []string{"name, unit", "value"}},
		{"quoted commas do not count", "a;\"b,c,d\"\n1;2\n", []string{"a", "b,c,d"}},
		{"blank lines do not count", "a|b\n\n1|2\r\n\r\n3|4\n", []string{"a", "b"}},
		{"consistent beats frequent", "a;b;c,d\n1,2\n", []string{"a;b;c", "d"}},
		{"no consistent delimiter: the header's most frequent", "a;b;c,d\n1,2,3\n", nil},
		{"one column", "x\n1\n2\n", []string{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := load.ParseCSV([]byte(tt.src), load.Options{})
			if tt.want == nil {
				if err == nil {
					t.Fatalf("ParseCSV(%q) = %q, want an error", tt.src, d.Names())
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseCSV(%q): %v", tt.src, err)
			}
			if got := d.Names(); !slices.Equal(got, tt.want) {
				t.Errorf("columns %q, want %q", got, tt.want)
			}
		})
	}
	// Only the first records are read: a long file whose later records
	// would tell otherwise keeps the delimiter of its start.
	var b strings.Builder
	b.WriteString("a|b\n")
	for range 100 {
		b.WriteString("1|2\n")
	}
	b.WriteString("3,4,5|6\n")
	d := parse(t, b.String(), load.Options{})
	if got := d.Names(); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("columns %q, want [a b]", got)
	}
	// A record cut by the 64 KiB prefix is no evidence against the
	// delimiter.
	b.Reset()
	b.WriteString("a;b\n")
	b.WriteString("1;" + strings.Repeat("x", 40<<10) + "\n")
	b.WriteString("2;" + strings.Repeat("x", 40<<10) + "\n")
	if d, err := load.ParseCSV([]byte(b.String()), load.Options{}); err != nil || !slices.Equal(d.Names(), []string{"a", "b"}) {
		t.Errorf("a file whose 64 KiB prefix ends inside a record: %v", err)
	}
}

// TestParseCSVDecimalOption checks the errors of Options.Decimal.
func TestParseCSVDecimalOption(t *testing.T) {
	t.Parallel()
	_, err := load.ParseCSV([]byte("a,b\n1,2\n"), load.Options{Decimal: ','})
	checkError(t, "ParseCSV(Decimal ',', comma delimited)", nil, err, inferra.EInvalid, 0, nil, "decimal comma")
	_, err = load.ParseCSV([]byte("a;b\n1;2\n"), load.Options{Decimal: 'x'})
	checkError(t, "ParseCSV(Decimal 'x')", nil, err, inferra.EInvalid, 0, nil, "decimal separator")
}

// binaries are the starts of binary files that are uploaded in place of a
// CSV file, with a fragment of the error each must give.
var binaries = []struct {
	name, data, fragment string
}{
	{"xlsx", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml", "Excel workbook"},
	{"xlsx by its parts", "PK\x03\x04\x14\x00\x00\x00\x08\x00xl/workbook.xml", "Excel workbook"},
	{"zip", "PK\x03\x04\x14\x00\x00\x00\x08\x00data.csv", "ZIP archive"},
	{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"},
	{"pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"},
	{"xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", "Excel"},
	{"utf-16", "\xFF\xFEa\x00,\x00b\x00\n\x00", "UTF-16"},
	{"nul and control bytes", "a,b\n" + strings.Repeat("\x00\x01\x02x", 20), "NUL or control bytes"},
	{"not UTF-8", "a,b\n" + strings.Repeat("\xc3\x28\xa0\xa1", 20), "not a text file in UTF-8"},
	{"elf", "\x7fELF\x02\x01\x01\x00\x00\x00", "ELF"},
}

// TestParseCSVBinary checks that binary input is refused before parsing,
// with an EUnsupported error that says "not a text file" (never a quoting
// error), by ParseCSV, ParseJSON and File.
func TestParseCSVBinary(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range binaries {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data + strings.Repeat("\"x,\"y\n", 10))
			path := filepath.Join(dir, tt.name+".csv")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, errCSV := load.ParseCSV(data, load.Options{})
			_, errJSON := load.ParseJSON(data, load.Options{})
			_, errFile := load.File(path, load.Options{})
			for call, err := range map[string]error{"ParseCSV": errCSV, "ParseJSON": errJSON, "File": errFile} {
				var pe *load.ParseError
				switch {
				case err == nil:
					t.Errorf("%s(%s) succeeded, want an error", call, tt.name)
				case inferra.ErrorCode(err) != inferra.EUnsupported || errors.As(err, &pe):
					t.Errorf("%s(%s) = %v (%s), want an EUnsupported error that is no ParseError", call, tt.name, err, inferra.ErrorCode(err))
				case !strings.Contains(err.Error(), "not a text file") || !strings.Contains(err.Error(), tt.fragment):
					t.Errorf("%s(%s) = %q, want \"not a text file\" and %q", call, tt.name, err, tt.fragment)
				}
			}
		})
	}
	// Text whose first KiB ends inside a character, text with other
	// bytes after the first KiB, and text with a stray NUL or a byte of
	// Latin-1 are read as text: the check reads only the prefix, and the
	// store refuses a NUL or bad UTF-8 later, naming its line and column.
	for _, src := range []string{
		"xy\n" + strings.Repeat("é\n", 511) + "x\n" + strings.Repeat("\x00", 200) + "\n", // é at bytes 1024-1025
		"g,v\na,1\nb\x00,2\n",
		"a,b\nx,y\nx,y\x00\nx\x00,y\n",
		"name,city\nx,K\xf6ln\ny,Z\xfcrich\nz,Paris\nw,Rome\nv,Oslo\n",
	} {
		if _, err := load.ParseCSV([]byte(src), load.Options{}); err != nil {
			t.Errorf("ParseCSV(%.40q): %v, want it read as text", src, err)
		}
	}
}

// TestSchemaWarnings checks the warning a dataset carries for a column of
// numbers read as text, from a CSV file and from a JSON one.
func TestSchemaWarnings(t *testing.T) {
	t.Parallel()
	d := parse(t, "plot,yield\n1,4.1\n2,5.3\n3,12..5\n", load.Options{})
	w := d.Schema().Warnings
	if len(w) != 1 || !strings.Contains(w[0], `column "yield"`) || !strings.Contains(w[0], `line 4 has "12..5"`) {
		t.Errorf("CSV warnings %q, want one naming \"yield\" and line 4", w)
	}
	j, err := load.ParseJSON([]byte(`[{"dose": 1}, {"dose": "two"}, {"dose": 3}]`), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := j.Schema().Warnings; len(w) != 1 || !strings.Contains(w[0], `column "dose"`) {
		t.Errorf("JSON warnings %q, want one naming \"dose\"", w)
	}
	if w := parse(t, "g,x\na,1\nb,2\n", load.Options{}).Schema().Warnings; w != nil {
		t.Errorf("warnings %q, want none", w)
	}
}
