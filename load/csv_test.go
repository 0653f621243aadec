package load_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

// parse parses a CSV string, failing the test on error.
func parse(t *testing.T, src string, opt load.Options) *inferra.Dataset {
	t.Helper()
	d, err := load.ParseCSV([]byte(src), opt)
	if err != nil {
		t.Fatalf("ParseCSV(%q): %v", src, err)
	}
	return d
}

func column(t *testing.T, d *inferra.Dataset, name string) *inferra.Column {
	t.Helper()
	c, err := d.Column(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// floatsEqual compares with NaN equal to NaN and -0 distinct from 0.
func floatsEqual(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool {
		return math.Float64bits(x) == math.Float64bits(y) || (math.IsNaN(x) && math.IsNaN(y))
	})
}

// labels returns a non-numeric column as its labels, "<NA>" for missing.
func labels(c *inferra.Column) []string {
	out := make([]string, len(c.Codes))
	for i, code := range c.Codes {
		if code == inferra.Missing {
			out[i] = "<NA>"
		} else {
			out[i] = c.Levels[code]
		}
	}
	return out
}

func TestParseCSVKinds(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	src := "num,cat,flag,empty,mixed\n" +
		"1.5,b,true,,1\n" +
		"-2e3,a,FALSE,NA,x\n" +
		" +3 , b ,False,.,2\n" +
		"NA,,TRUE,null,\n"
	d := parse(t, src, load.Options{})
	if d.Rows() != 4 {
		t.Fatalf("Rows() = %d, want 4", d.Rows())
	}
	num := column(t, d, "num")
	if num.Kind != inferra.Numeric || !floatsEqual(num.Floats, []float64{1.5, -2000, 3, nan}) {
		t.Errorf("num = %v %v, want numeric [1.5 -2000 3 NaN]", num.Kind, num.Floats)
	}
	cat := column(t, d, "cat")
	// Spaces around a level are kept, as pandas keeps them: " b " is not "b".
	if cat.Kind != inferra.Categorical || !slices.Equal(cat.Levels, []string{" b ", "a", "b"}) ||
		!slices.Equal(cat.Codes, []int32{2, 1, 0, inferra.Missing}) {
		t.Errorf("cat = %v %q %v, want categorical [\" b \" a b] [2 1 0 -1]", cat.Kind, cat.Levels, cat.Codes)
	}
	flag := column(t, d, "flag")
	if flag.Kind != inferra.Boolean || !slices.Equal(flag.Levels, []string{"false", "true"}) ||
		!slices.Equal(flag.Codes, []int32{1, 0, 0, 1}) {
		t.Errorf("flag = %v %v %v, want boolean [false true] [1 0 0 1]", flag.Kind, flag.Levels, flag.Codes)
	}
	empty := column(t, d, "empty")
	if empty.Kind != inferra.Categorical || len(empty.Levels) != 0 || !slices.Equal(empty.Codes, []int32{-1, -1, -1, -1}) {
		t.Errorf("empty = %v %v %v, want categorical with no levels, all missing", empty.Kind, empty.Levels, empty.Codes)
	}
	mixed := column(t, d, "mixed")
	if got, want := labels(mixed), []string{"1", "x", "2", "<NA>"}; mixed.Kind != inferra.Categorical || !slices.Equal(got, want) {
		t.Errorf("mixed = %v %v, want categorical %v", mixed.Kind, got, want)
	}
	if !slices.Equal(mixed.Levels, []string{"1", "2", "x"}) {
		t.Errorf("mixed levels = %q, want [1 2 x]", mixed.Levels)
	}
	sum := sha256.Sum256([]byte(src))
	if d.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("SHA256 = %s, want %x", d.SHA256, sum)
	}
}

func TestParseCSVMissingTokens(t *testing.T) {
	t.Parallel()
	tokens := []string{"", "NA", "NaN", "nan", "null", "NULL", "N/A", "n/a", ".", "  NA  ", `"NA"`, `""`, `" . "`}
	src := "x,s\n" + "1,a\n"
	for _, tok := range tokens {
		src += tok + "," + tok + "\n"
	}
	d := parse(t, src, load.Options{})
	x, s := column(t, d, "x"), column(t, d, "s")
	if x.Kind != inferra.Numeric || s.Kind != inferra.Categorical {
		t.Fatalf("kinds = %v, %v, want numeric, categorical", x.Kind, s.Kind)
	}
	for i, tok := range tokens {
		if !x.IsMissing(i+1) || !s.IsMissing(i+1) {
			t.Errorf("token %q: missing = %v, %v, want true, true", tok, x.IsMissing(i+1), s.IsMissing(i+1))
		}
	}
	if !slices.Equal(s.Levels, []string{"a"}) {
		t.Errorf("levels = %q, want [a]", s.Levels)
	}
}

func TestParseCSVTextKind(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("name,few\n")
	for i := range 60 {
		fmt.Fprintf(&b, "n%02d,f%d\n", i, i%5)
	}
	d := parse(t, b.String(), load.Options{})
	if k := column(t, d, "name").Kind; k != inferra.Text {
		t.Errorf("60 distinct of 60: kind %v, want text", k)
	}
	if k := column(t, d, "few").Kind; k != inferra.Categorical {
		t.Errorf("5 distinct of 60: kind %v, want categorical", k)
	}
}

func TestParseCSVQuoting(t *testing.T) {
	t.Parallel()
	src := "\xEF\xBB\xBFid,\"note, with comma\"\r\n" +
		"1,\"a \"\"quoted\"\" word\"\r\n" +
		"2,\"two\r\nlines\"\r\n" +
		"3,  plain  \r\n" +
		"4,\" kept \"\r\n" +
		"5, \"spaced\" \r\n" +
		"\r\n\r\n"
	d := parse(t, src, load.Options{})
	if got := d.Names(); !slices.Equal(got, []string{"id", "note, with comma"}) {
		t.Fatalf("Names() = %q", got)
	}
	got := labels(column(t, d, "note, with comma"))
	want := []string{`a "quoted" word`, "two\r\nlines", "  plain  ", " kept ", "spaced"}
	if !slices.Equal(got, want) {
		t.Errorf("values = %q, want %q", got, want)
	}
	if id := column(t, d, "id"); !floatsEqual(id.Floats, []float64{1, 2, 3, 4, 5}) {
		t.Errorf("id = %v, want [1 2 3 4 5]", id.Floats)
	}
}

func TestParseCSVDelimiters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		delim     byte
	}{
		{"comma", "a,b\n1,x\n2,y\n", 0},
		{"semicolon", "a;b\n1;x\n2;y\n", 0},
		{"tab", "a\tb\n1\tx\n2\ty\n", 0},
		{"semicolon with decimal commas quoted", "a;b\n\"1\";x\n2;y\n", 0},
		{"comma inside quoted header", "\"a;1\",b\n1,x\n2,y\n", 0},
		{"explicit", "a|b\n1|x\n2|y\n", '|'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(t, tt.src, load.Options{Delimiter: tt.delim})
			if len(d.Columns) != 2 || d.Rows() != 2 {
				t.Fatalf("%d columns, %d rows, want 2, 2", len(d.Columns), d.Rows())
			}
			if a := d.Columns[0]; a.Kind != inferra.Numeric || !floatsEqual(a.Floats, []float64{1, 2}) {
				t.Errorf("first column = %v %v, want numeric [1 2]", a.Kind, a.Floats)
			}
			if got := labels(d.Columns[1]); !slices.Equal(got, []string{"x", "y"}) {
				t.Errorf("second column = %q, want [x y]", got)
			}
		})
	}
}

func TestParseCSVSingleColumn(t *testing.T) {
	t.Parallel()
	// pandas.read_csv(io.StringIO("a\n1\n\n2\n")) reads two rows: a blank
	// line is skipped (skip_blank_lines=True) even when it could be an
	// empty field; "" quoted is one.
	d := parse(t, "x\n1\n\n3\n\"\"\n\r\n4\n\n", load.Options{})
	if x := column(t, d, "x"); !floatsEqual(x.Floats, []float64{1, 3, math.NaN(), 4}) {
		t.Errorf("x = %v, want [1 3 NaN 4]: blank lines are skipped, a quoted empty field is missing", x.Floats)
	}
	d = parse(t, "x\n1", load.Options{})
	if d.Rows() != 1 {
		t.Errorf("no final newline: Rows() = %d, want 1", d.Rows())
	}
}

func TestParseCSVErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     string
		opt     load.Options
		code    string
		line    int    // 0: no line detail expected
		column  any    // nil: no column detail expected
		message string // a fragment of the message
	}{
		{"empty", "", load.Options{}, inferra.EInvalid, 0, nil, "empty"},
		{"blank", " \r\n\n", load.Options{}, inferra.EInvalid, 0, nil, "empty"},
		{"header only", "a,b\n", load.Options{}, inferra.EInvalid, 0, nil, "no data rows"},
		{"duplicate names", "a,b,a\n1,2,3\n", load.Options{}, inferra.EInvalid, 1, "a", `"a" twice`},
		{"empty name", "a,,c\n1,2,3\n", load.Options{}, inferra.EInvalid, 1, 2, "column 2"},
		{"too few fields", "a,b,c\n1,2,3\n4,5\n", load.Options{}, inferra.EInvalid, 3, nil, "line 3 has 2 fields, want 3"},
		{"too many fields", "a,b\n1,2\n3,4\n5,6,7\n", load.Options{}, inferra.EInvalid, 4, nil, "line 4 has 3 fields, want 2"},
		{"line counts quoted breaks", "a,b\n\"x\ny\",1\n2\n", load.Options{}, inferra.EInvalid, 4, nil, "line 4"},
		{"line after blank lines", "a,b\n1,2\n\n\r\n3\n", load.Options{}, inferra.EInvalid, 5, nil, "line 5 has 1 fields"},
		{"field after blank lines", "\n\na,b\n1,2\n\n3,\"x\n", load.Options{}, inferra.EInvalid, 6, "b", "line 6: the quoted field"},
		{"header after blank lines", "\r\n\na,a\n1,2\n", load.Options{}, inferra.EInvalid, 3, "a", "header on line 3"},
		{"only blank lines after the header", "a,b\n\n\n", load.Options{}, inferra.EInvalid, 0, nil, "no data rows"},
		{"CR line endings", "a,b\r1,2\r3\r", load.Options{}, inferra.EInvalid, 3, nil, "line 3 has 1 fields"},
		{"CR line endings, quoted CR", "a,b\r\"x\ry\",2\r3\r", load.Options{}, inferra.EInvalid, 4, nil, "line 4 has 1 fields"},
		{"unterminated quote", "a,b\n1,2\n3,\"abc\n4,5\n", load.Options{}, inferra.EInvalid, 3, "b", "never closed"},
		{"bare quote", "a,b\n1,ab\"c\n", load.Options{}, inferra.EInvalid, 2, "b", "inside an unquoted field"},
		{"text after closing quote", "a,b\n\"x\"y,1\n", load.Options{}, inferra.EInvalid, 2, "a", "closing quote"},
		{"field too long", "a,b\n1,123456789\n", load.Options{MaxFieldBytes: 8}, inferra.ETooLarge, 2, "b", "limit of 8 bytes"},
		{"numeric field too long", "a,b\n1,2\n3,4.0000000\n", load.Options{MaxFieldBytes: 8}, inferra.ETooLarge, 3, "b", "limit of 8 bytes"},
		{"too many rows", "a\n1\n2\n3\n", load.Options{MaxRows: 2}, inferra.ETooLarge, 4, nil, "more than 2 data rows, the limit: line 4 holds row 3"},
		{"too many rows after blanks", "a,b\n1,2\n\n\"x\ny\",3\n4,5\n", load.Options{MaxRows: 2}, inferra.ETooLarge, 6, nil, "line 6 holds row 3"},
		{"too many rows before an error", "a\n1\n2\n3\n\"\n", load.Options{MaxRows: 2}, inferra.ETooLarge, 4, nil, "line 4 holds row 3"},
		{"too many columns", "a,b,c\n1,2,3\n", load.Options{MaxColumns: 2}, inferra.ETooLarge, 1, nil, "more than 2 columns"},
		{"too many bytes", "a,b\n1,2\n", load.Options{MaxBytes: 5}, inferra.ETooLarge, 0, nil, "limit of 5 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, workers := range []int{1, 2} {
				opt := tt.opt
				opt.Workers = workers
				d, err := load.ParseCSV([]byte(tt.src), opt)
				checkError(t, fmt.Sprintf("ParseCSV(%q, workers %d)", tt.src, workers), d, err, tt.code, tt.line, tt.column, tt.message)
			}
		})
	}
}

// checkError asserts that err is an *inferra.Error with the given code,
// line and column details and a message containing fragment.
func checkError(t *testing.T, call string, d *inferra.Dataset, err error, code string, line int, column any, fragment string) {
	t.Helper()
	var e *inferra.Error
	if !errors.As(err, &e) {
		t.Fatalf("%s = %v, %v; want an *inferra.Error", call, d, err)
	}
	if e.Code != code {
		t.Errorf("%s code = %q, want %q (%s)", call, e.Code, code, e.Message)
	}
	if !strings.Contains(e.Message, fragment) {
		t.Errorf("%s message = %q, want it to contain %q", call, e.Message, fragment)
	}
	if line != 0 {
		if got := e.Details["line"]; got != line {
			t.Errorf("%s line = %v, want %d (%s)", call, got, line, e.Message)
		}
		if !strings.Contains(e.Message, fmt.Sprint("line ", line)) {
			t.Errorf("%s message = %q, want it to name line %d", call, e.Message, line)
		}
	}
	if column != nil {
		if got := e.Details["column"]; got != column {
			t.Errorf("%s column = %v, want %v (%s)", call, got, column, e.Message)
		}
		if !strings.Contains(e.Message, fmt.Sprint(column)) {
			t.Errorf("%s message = %q, want it to name column %v", call, e.Message, column)
		}
	}
}

// TestParseCSVParallel checks that a file parsed by several workers gives
// the same dataset as one worker, including columns that turn from numbers
// to text deep into the file and quoted line breaks near chunk boundaries.
func TestParseCSVParallel(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	b.WriteString("id,late,note,flag,num\n")
	const n = 60000
	for i := range n {
		late := fmt.Sprint(i % 7)
		if i == n-10 {
			late = "seven"
		}
		note := fmt.Sprintf("n%d", i%3)
		if i%997 == 0 {
			note = fmt.Sprintf("\"multi\nline %d, \"\"quoted\"\"\"", i%3)
		}
		flag := []string{"true", "False", ""}[i%3]
		fmt.Fprintf(&b, "%d,%s,%s,%s,%d.%03d\n", i, late, note, flag, i%100, i%1000)
	}
	data := b.Bytes()
	one, err := load.ParseCSV(data, load.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{2, 3, 8} {
		many, err := load.ParseCSV(data, load.Options{Workers: workers})
		if err != nil {
			t.Fatalf("workers %d: %v", workers, err)
		}
		if many.Rows() != n || one.Rows() != n {
			t.Fatalf("workers %d: Rows() = %d and %d, want %d", workers, many.Rows(), one.Rows(), n)
		}
		for i, c := range one.Columns {
			m := many.Columns[i]
			if c.Kind != m.Kind || !slices.Equal(c.Levels, m.Levels) || !slices.Equal(c.Codes, m.Codes) || !floatsEqual(c.Floats, m.Floats) || c.IntegerText != m.IntegerText {
				t.Errorf("workers %d: column %q differs from the sequential parse (%v vs %v)", workers, c.Name, m.Kind, c.Kind)
			}
		}
	}
	if k := column(t, one, "late").Kind; k != inferra.Categorical {
		t.Errorf("late kind = %v, want categorical", k)
	}
	if got := labels(column(t, one, "late"))[:3]; !slices.Equal(got, []string{"0", "1", "2"}) {
		t.Errorf("late starts %q, want [0 1 2] as written", got)
	}
	if k := column(t, one, "flag").Kind; k != inferra.Boolean {
		t.Errorf("flag kind = %v, want boolean", k)
	}
	if got := labels(column(t, one, "note"))[0]; got != "multi\nline 0, \"quoted\"" {
		t.Errorf("note[0] = %q", got)
	}
}

// TestParseCSVParallelErrors checks that a malformed file read by several
// workers reports the error a sequential reader finds first.
func TestParseCSVParallelErrors(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	b.WriteString("a,b\n")
	for i := range 100000 {
		switch i {
		case 30000:
			b.WriteString("1,\"open\n")
		case 80000:
			b.WriteString("1,2,3\n")
		default:
			fmt.Fprintf(&b, "%d,x\n", i)
		}
	}
	_, err := load.ParseCSV(b.Bytes(), load.Options{Workers: 4})
	checkError(t, "ParseCSV", nil, err, inferra.EInvalid, 30002, "b", "never closed")
}

func TestReadCSV(t *testing.T) {
	t.Parallel()
	d, err := load.ReadCSV(strings.NewReader("a,b\n1,x\n"), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows() != 1 || len(d.Columns) != 2 {
		t.Errorf("ReadCSV: %d rows, %d columns, want 1, 2", d.Rows(), len(d.Columns))
	}
	_, err = load.ReadCSV(strings.NewReader("a,b\n1,x\n"), load.Options{MaxBytes: 4})
	checkError(t, "ReadCSV(MaxBytes 4)", nil, err, inferra.ETooLarge, 0, nil, "limit of 4 bytes")
}

// TestParseCSVNumbersMatchStrconv checks that numbers parse to exactly the
// float64 strconv.ParseFloat gives, through both the fast path (plain
// fields) and the general one (quoted fields), for edge cases and 100k+
// random strings.
func TestParseCSVNumbersMatchStrconv(t *testing.T) {
	t.Parallel()
	edges := []string{"0", "-0", "+0", "0.0", "-0.0", "00012", "1e22", "1e23", "-1e22", "9007199254740992",
		"9007199254740993", "9007199254740991", "18446744073709551615", "18446744073709551616",
		"0.1", "0.2", "0.3", "1.", ".5", "-.5", "+3", "1e-400", "1e-323", "4.9e-324", "2.5e-324",
		"1.7976931348623157e308", "1.7976931348623159e308", "2.2250738585072011e-308",
		"3.14159265358979323846264338327950288", "123456789012345678901234567890",
		"0.000000000000000000000000000001", "1e0", "1E5", "1e+5", "1e-5", "123.456e-7",
		"1234567890123456789", "12345678901234567890", "1e37", "9e37", "123456e30", "999999999999999e22",
		"0.1e-22", "1e-22", "1e-23", "100000000000000000000000", "4503599627370496.5", "4503599627370497.5",
	}
	rng := newRand()
	strs := slices.Clone(edges)
	for len(strs) < 120000 {
		strs = append(strs, randomNumber(rng))
	}
	var plain, quoted bytes.Buffer
	plain.WriteString("x\n")
	quoted.WriteString("x\n")
	var want []float64
	for _, s := range strs {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) {
			// Out of range: not a number, so the column would be text.
			d := parse(t, "x\n"+s+"\n", load.Options{})
			if k := d.Columns[0].Kind; k == inferra.Numeric {
				t.Errorf("%q: kind numeric, want a label (strconv: %v)", s, err)
			}
			continue
		}
		want = append(want, f)
		plain.WriteString(s + "\n")
		quoted.WriteString("\"" + s + "\"\n")
	}
	for _, src := range []*bytes.Buffer{&plain, &quoted} {
		d, err := load.ParseCSV(src.Bytes(), load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		x := d.Columns[0]
		if x.Kind != inferra.Numeric || len(x.Floats) != len(want) {
			t.Fatalf("kind %v with %d values, want numeric with %d", x.Kind, len(x.Floats), len(want))
		}
		bad := 0
		lines := strings.Split(src.String(), "\n")[1:]
		for i, f := range x.Floats {
			if math.Float64bits(f) != math.Float64bits(want[i]) {
				if bad++; bad <= 10 {
					t.Errorf("%s parsed as %v (%#x), strconv gives %v (%#x)", lines[i], f, math.Float64bits(f), want[i], math.Float64bits(want[i]))
				}
			}
		}
	}
	for _, s := range []string{"1e400", "-1e400", "Inf", "-Inf", "inf", "Infinity", "0x1p3", "1_000", "1e", "e5", "--1", "1.2.3", "1e5.5", "+", "-", "1 2"} {
		d := parse(t, "x\n1\n"+s+"\n", load.Options{})
		if k := d.Columns[0].Kind; k == inferra.Numeric {
			t.Errorf("%q: kind numeric, want a label", s)
		}
	}
}

func newRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

// randomNumber returns a decimal string of one of several shapes: short
// decimals like the benchmark's, long mantissas, big exponents, and the
// shortest or fixed forms of random float64 bit patterns.
func randomNumber(rng *rand.Rand) string {
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		return string(b)
	}
	sign := []string{"", "-", "+"}[rng.IntN(3)]
	switch rng.IntN(6) {
	case 0:
		return sign + digits(1+rng.IntN(3)) + "." + digits(6)
	case 1:
		return sign + digits(1+rng.IntN(12)) + "." + digits(rng.IntN(12))
	case 2:
		return sign + digits(1+rng.IntN(25)) + "e" + strconv.Itoa(rng.IntN(80)-40)
	case 3:
		return sign + "." + digits(1+rng.IntN(20)) + "E" + strconv.Itoa(rng.IntN(700)-350)
	case 4:
		f := math.Float64frombits(rng.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			f = 1
		}
		return strconv.FormatFloat(f, "eg"[rng.IntN(2)], -1, 64)
	default:
		f := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(30)-15))
		return strconv.FormatFloat(f, 'f', rng.IntN(20), 64)
	}
}

func TestParseCSVOddDelimiters(t *testing.T) {
	t.Parallel()
	d := parse(t, "a.b\n1.2\n3.4\n", load.Options{Delimiter: '.'})
	if a, b := column(t, d, "a"), column(t, d, "b"); !floatsEqual(a.Floats, []float64{1, 3}) || !floatsEqual(b.Floats, []float64{2, 4}) {
		t.Errorf("'.' delimiter: a = %v, b = %v, want [1 3] [2 4]", a.Floats, b.Floats)
	}
	d = parse(t, "a0b\n102\n304\n", load.Options{Delimiter: '0'})
	if a := column(t, d, "a"); !floatsEqual(a.Floats, []float64{1, 3}) {
		t.Errorf("'0' delimiter: a = %v, want [1 3]", a.Floats)
	}
	_, err := load.ParseCSV([]byte("a\n1\n"), load.Options{Delimiter: '"'})
	checkError(t, `ParseCSV(Delimiter '"')`, nil, err, inferra.EInvalid, 0, nil, "delimiter")
}

// TestParseCSVParallelRandom compares sequential and parallel parses of
// random files of about a megabyte, well formed or not, with blank lines
// and, in some, CR line endings: both must give the same dataset (and the
// same NonNumeric cells) or the same error.
func TestParseCSVParallelRandom(t *testing.T) {
	t.Parallel()
	rng := newRand()
	field := func() string {
		switch rng.IntN(10) {
		case 0:
			return ""
		case 1:
			return "NA"
		case 2:
			return "\"q,\n\"\"x\"\"\""
		case 3:
			return "lab" + strconv.Itoa(rng.IntN(5))
		case 4:
			return "true"
		default:
			return strconv.FormatFloat(rng.NormFloat64(), 'f', rng.IntN(8), 64)
		}
	}
	for trial := range 12 {
		var b bytes.Buffer
		b.WriteString("a,b,c\r\n")
		for b.Len() < 1<<20 {
			row := field() + "," + field() + "," + field()
			if trial%3 > 0 && rng.IntN(40000) == 0 {
				row = []string{"1,2", "x\"y,1,2", "\"open,1,2", "\"a\"b,1,2", "1,2,3,4"}[rng.IntN(5)]
			}
			if rng.IntN(500) == 0 {
				row = ""
			}
			b.WriteString(row + []string{"\n", "\r\n"}[rng.IntN(2)])
		}
		data := b.Bytes()
		if trial%4 == 3 {
			data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\r")), []byte("\n"), []byte("\r"))
		}
		one, err1 := load.ParseCSV(data, load.Options{Workers: 1})
		many, err2 := load.ParseCSV(data, load.Options{Workers: 4})
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("trial %d: sequential error %v, parallel error %v", trial, err1, err2)
		}
		if err1 != nil {
			t.Logf("trial %d: both report %v", trial, err1)
			continue
		}
		t.Logf("trial %d: both read %d rows; NonNumeric %s", trial, one.Rows(), cellString(one.Columns[0].NonNumeric))
		if !sameColumns(one, many) {
			t.Fatalf("trial %d: the columns differ between sequential and parallel parses", trial)
		}
	}
}

// TestParseCSVIntegerText checks Column.IntegerText: set on a numeric
// column whose values present are all integer literals (sign and digits,
// quoted or not), as pandas.read_csv types int64, in sequential and
// parallel parses alike, the lone float literal anywhere in the file.
func TestParseCSVIntegerText(t *testing.T) {
	t.Parallel()
	want := map[string]bool{
		"int": true, "signed": true, "quoted": true, "missing": true,
		"point": false, "exp": false, "upper": false, "qpoint": false, "big": false, "lead": false,
	}
	for _, at := range []int{0, 500, 999} {
		var b strings.Builder
		b.WriteString("int,signed,quoted,missing,point,exp,upper,qpoint,big,lead\n")
		for i := range 1000 {
			point, exp, upper, qpoint, big, lead := strconv.Itoa(i), strconv.Itoa(i), strconv.Itoa(i), strconv.Itoa(i), strconv.Itoa(i), strconv.Itoa(i)
			missing := strconv.Itoa(i)
			if i%7 == 0 {
				missing = "NA"
			}
			if i == at {
				point, exp, upper, qpoint = "3.0", "1e3", "2E1", `" 2.5 "`
				big = "12345678901234567890123.5" // beyond the fast path
				lead = ".5"
			}
			fmt.Fprintf(&b, "%d,%+d, \"%d\" ,%s,%s,%s,%s,%s,%s,%s\n", i, i-500, i, missing, point, exp, upper, qpoint, big, lead)
		}
		data := []byte(b.String())
		for _, workers := range []int{1, 2, 4} {
			d := parse(t, string(data), load.WithMinChunk(load.Options{Workers: workers}, 64))
			for name, integer := range want {
				c := column(t, d, name)
				if c.Kind != inferra.Numeric || c.IntegerText != integer {
					t.Errorf("float at row %d, %d workers: column %s is %v with IntegerText %v, want numeric with %v", at, workers, name, c.Kind, c.IntegerText, integer)
				}
			}
		}
	}
	// A delimiter that can be part of a number reads fields one by one.
	d := parse(t, "a.b\n1.-2\n3.4\n", load.Options{Delimiter: '.'})
	if a, b := column(t, d, "a"), column(t, d, "b"); !a.IntegerText || !b.IntegerText {
		t.Errorf("with '.' as delimiter: IntegerText %v and %v, want true for both", a.IntegerText, b.IntegerText)
	}
}

// TestParseCSVBlankLines checks that blank lines anywhere (empty, or a lone
// CR before LF) are skipped as pandas.read_csv skips them, while later
// errors keep naming physical lines.
func TestParseCSVBlankLines(t *testing.T) {
	t.Parallel()
	src := "\n\r\nid,name\n1,a\n\n\r\n2,b\n\n3,c\r\n\n"
	d := parse(t, src, load.Options{})
	if id := column(t, d, "id"); !floatsEqual(id.Floats, []float64{1, 2, 3}) {
		t.Errorf("id = %v, want [1 2 3]", id.Floats)
	}
	if got := labels(column(t, d, "name")); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("name = %q, want [a b c]", got)
	}
}

// TestParseCSVCRLineEndings checks that a file whose lines end in a lone CR
// (old Mac files) reads like its LF twin, except that a quoted line break
// stays a CR, as pandas.read_csv keeps it.
func TestParseCSVCRLineEndings(t *testing.T) {
	t.Parallel()
	lf := "id,note\n1,\"two\rlines\"\n\n2,plain\n3,\"x\"\"y\"\n"
	cr := strings.ReplaceAll(lf, "\n", "\r")
	for _, src := range []string{cr, "\xEF\xBB\xBF" + cr, strings.TrimSuffix(cr, "\r")} {
		want := parse(t, lf, load.Options{})
		got := parse(t, src, load.Options{})
		if got.Rows() != 3 || !sameColumns(got, want) {
			t.Errorf("ParseCSV(%q) = %d rows, %q, want 3 rows as in the LF file", src, got.Rows(), labels(column(t, got, "note")))
		}
		if note := labels(column(t, got, "note")); note[0] != "two\rlines" {
			t.Errorf("ParseCSV(%q) note[0] = %q, want %q", src, note[0], "two\rlines")
		}
	}
}

// sameColumns reports whether two datasets hold the same columns.
func sameColumns(a, b *inferra.Dataset) bool {
	if len(a.Columns) != len(b.Columns) {
		return false
	}
	for i, c := range a.Columns {
		m := b.Columns[i]
		if c.Name != m.Name || c.Kind != m.Kind || !slices.Equal(c.Levels, m.Levels) || !slices.Equal(c.Codes, m.Codes) ||
			!floatsEqual(c.Floats, m.Floats) || !sameCell(c.NonNumeric, m.NonNumeric) || c.IntegerText != m.IntegerText {
			return false
		}
	}
	return true
}

func sameCell(a, b *inferra.Cell) bool {
	return a == b || (a != nil && b != nil && *a == *b)
}

func cellString(c *inferra.Cell) string {
	if c == nil {
		return "nil"
	}
	return fmt.Sprintf("%q on line %d", c.Value, c.Line)
}

// TestParseCSVNonNumeric checks that a column of numbers with a few values
// that are not numbers reports the first of them with its line, and that a
// column of labels does not.
func TestParseCSVNonNumeric(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      *inferra.Cell // for column x
	}{
		{"typo", "x,y\n1,a\n2,b\n12..5,c\n4,d\n5..5,e\n", &inferra.Cell{Value: "12..5", Line: 4}},
		{"Inf", "x\n1\n2\nInf\n", &inferra.Cell{Value: "Inf", Line: 4}},
		{"-inf", "x\n1\n-inf\n2\n", &inferra.Cell{Value: "-inf", Line: 3}},
		{"out of range", "x\n1e400\n2\n3\n", &inferra.Cell{Value: "1e400", Line: 2}},
		{"quoted, after a multi-line record", "y,x\n\"a\nb\",1\n\"c\", \" n/d \" \n\n\n,3\n", &inferra.Cell{Value: " n/d ", Line: 4}},
		{"missing values do not count", "x\n1\nNA\n\n2\nNA\nx\n", &inferra.Cell{Value: "x", Line: 7}},
		{"CR line endings", "x\r1\r\r2\rtwo\r", &inferra.Cell{Value: "two", Line: 5}},
		{"half numbers", "x\n1\na\n2\nb\n", nil},
		{"labels", "x\na\nb\n1\n", nil},
		{"numeric", "x\n1\n2\n", nil},
		{"boolean", "x\ntrue\nfalse\n", nil},
		{"numbers and booleans", "x\n1\n0\ntrue\n", &inferra.Cell{Value: "true", Line: 4}},
	}
	for _, tt := range tests {
		for _, workers := range []int{1, 2} {
			d := parse(t, tt.src, load.Options{Workers: workers})
			if got := column(t, d, "x").NonNumeric; !sameCell(got, tt.want) {
				t.Errorf("%s (workers %d): NonNumeric = %s, want %s", tt.name, workers, cellString(got), cellString(tt.want))
			}
		}
	}
}

// TestParseCSVParallelNonNumeric checks that several workers report the
// first value that is not a number in file order, with its physical line
// across blank lines and quoted line breaks, in LF and CR files.
func TestParseCSVParallelNonNumeric(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	b.WriteString("id,note,x\n")
	line, want := 1, 0
	for i := range 200000 {
		x := strconv.Itoa(i % 100)
		switch i {
		case 150000:
			x = "later"
		case 120000:
			x = "12..5"
			want = line + 1
		case 190000:
			x = "last"
		}
		if i%1000 == 999 {
			b.WriteString("\n")
			line++
		}
		note := "n"
		if i%777 == 0 {
			note = "\"two\nlines\""
		}
		fmt.Fprintf(&b, "%d,%s,%s\n", i, note, x)
		line += 1 + strings.Count(note, "\n")
	}
	wantCell := &inferra.Cell{Value: "12..5", Line: want}
	for _, cr := range []bool{false, true} {
		data := b.Bytes()
		if cr {
			data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r"))
		}
		for _, workers := range []int{1, 4} {
			d, err := load.ParseCSV(data, load.Options{Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			x := column(t, d, "x")
			if x.Kind != inferra.Categorical || !sameCell(x.NonNumeric, wantCell) {
				t.Errorf("CR %v, workers %d: x is %v with NonNumeric %s, want categorical with %s", cr, workers, x.Kind, cellString(x.NonNumeric), cellString(wantCell))
			}
			if d.Rows() != 200000 {
				t.Errorf("CR %v, workers %d: Rows() = %d, want 200000", cr, workers, d.Rows())
			}
		}
	}
}

// TestParseCSVSpacesAndNA follows pandas.read_csv (issue 14, finding 9):
// spaces around a level are kept, so " a", "a " and "a" are three levels
// (pandas 1.5: [' a', 'a ', 'a']); numbers read through spaces, quoted
// or not (pandas: ' 1.5' and '" 2"' give float64 [1.5, 2.0]); #N/A is
// missing (in pandas' default na_values), with or without spaces around
// it, as every missing token.
func TestParseCSVSpacesAndNA(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	src := "g,v,w\n" +
		" a,1.5,#N/A\n" +
		"a ,\" 2\",1\n" +
		"a, 3 ,  #N/A \n" +
		"\" a\",#N/A,2\n" +
		"#N/A,4,3\n"
	d := parse(t, src, load.Options{})
	g := column(t, d, "g")
	if !slices.Equal(g.Levels, []string{" a", "a", "a "}) || !slices.Equal(g.Codes, []int32{0, 2, 1, 0, inferra.Missing}) {
		t.Errorf("g = %q %v, want levels [\" a\" a \"a \"] codes [0 2 1 0 -1]", g.Levels, g.Codes)
	}
	if v := column(t, d, "v"); v.Kind != inferra.Numeric || !floatsEqual(v.Floats, []float64{1.5, 2, 3, nan, 4}) {
		t.Errorf("v = %v %v, want numeric [1.5 2 3 NaN 4]", v.Kind, v.Floats)
	}
	if w := column(t, d, "w"); w.Kind != inferra.Numeric || !floatsEqual(w.Floats, []float64{nan, 1, nan, 2, 3}) {
		t.Errorf("w = %v %v, want numeric [NaN 1 NaN 2 3]", w.Kind, w.Floats)
	}
}

// TestParseCSVHeaderSpacesKept checks that spaces around a column name
// are part of it, as pandas reads it ("Chance of Admit ", "tip " and
// "tip" are different columns).
func TestParseCSVHeaderSpacesKept(t *testing.T) {
	t.Parallel()
	d := parse(t, "tip ,tip,\" LOR \",Chance of Admit \n1,2,3,4\n5,6,7,8\n", load.Options{})
	var names []string
	for _, c := range d.Columns {
		names = append(names, c.Name)
	}
	if want := []string{"tip ", "tip", " LOR ", "Chance of Admit "}; !slices.Equal(names, want) {
		t.Errorf("names = %q, want %q", names, want)
	}
}

// TestParseError checks that a CSV error is a *load.ParseError with its
// line and column as fields that wraps the *inferra.Error callers read
// codes and details from.
func TestParseError(t *testing.T) {
	for _, tc := range []struct {
		src          string
		line, column int
		code         string
	}{
		{"a,b\n1,2\n3\n", 3, 0, inferra.EInvalid},
		{"a,b\n1,2\n\n3,x\"y\n", 4, 2, inferra.EInvalid},
		{"a,b\n1,\"open\n", 2, 2, inferra.EInvalid},
		{"a,,c\n1,2,3\n", 1, 2, inferra.EInvalid},
		{"a,b\n1,2\n3," + strings.Repeat("x", 20) + "\n", 3, 2, inferra.ETooLarge},
	} {
		_, err := load.ParseCSV([]byte(tc.src), load.Options{MaxFieldBytes: 10})
		var pe *load.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: error %v (%T) is not a *load.ParseError", tc.src, err, err)
			continue
		}
		if pe.Line != tc.line || pe.Column != tc.column {
			t.Errorf("%q: line %d column %d, want %d and %d", tc.src, pe.Line, pe.Column, tc.line, tc.column)
		}
		var e *inferra.Error
		if !errors.As(err, &e) || e.Code != tc.code || e.Details["line"] != tc.line {
			t.Errorf("%q: error %#v does not wrap an *inferra.Error with code %s and line %d", tc.src, err, tc.code, tc.line)
		}
		if inferra.ErrorCode(err) != tc.code || err.Error() != e.Message {
			t.Errorf("%q: ErrorCode %q, message %q; want %q and %q", tc.src, inferra.ErrorCode(err), err.Error(), tc.code, e.Message)
		}
	}
}
