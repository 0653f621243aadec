package load_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
)

func ExampleReadCSV() {
	src := "patient,arm,response\n" +
		"1,placebo,3.1\n" +
		"2,drug,4.5\n" +
		"3,drug,NA\n"
	d, err := load.ReadCSV(strings.NewReader(src), load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range d.Columns {
		fmt.Println(c.Name, c.Kind, c.Floats, c.Levels, c.Codes)
	}
	// Output:
	// patient numeric [1 2 3] [] []
	// arm categorical [] [drug placebo] [1 0 0]
	// response numeric [3.1 4.5 NaN] [] []
}

func ExampleReadCSV_error() {
	_, err := load.ReadCSV(strings.NewReader("a,b\n1,2\n3\n"), load.Options{})
	e := inferra.AsError(err)
	fmt.Println(e.Code, e.Details["line"])
	fmt.Println(e.Message)
	// Output:
	// invalid_input 3
	// line 3 has 1 fields, want 2 like the header
}

func ExampleFile() {
	dir, err := os.MkdirTemp("", "inferra-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "crops.csv")
	src := "plot,fertiliser,yield\n" +
		"1,none,4.1\n" +
		"2,nitrate,5.3\n" +
		"\n" + // blank lines are skipped
		"3,nitrate,12..5\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		fmt.Println(err)
		return
	}
	d, err := load.File(path, load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Rows(), "rows:", strings.Join(d.Names(), ", "))
	yield, _ := d.Column("yield")
	if c := yield.NonNumeric; c != nil {
		fmt.Printf("column %q must be numeric, but line %d has %q\n", yield.Name, c.Line, c.Value)
	}

	_, err = load.File(filepath.Join(dir, "missing.csv"), load.Options{})
	fmt.Println(inferra.ErrorCode(err)+":", inferra.ErrorMessage(err))
	// Output:
	// 3 rows: plot, fertiliser, yield
	// column "yield" must be numeric, but line 5 has "12..5"
	// not_found: the file "missing.csv" does not exist
}

func ExampleParseCSV() {
	// Semicolons are detected as the delimiter; quotes may hold them.
	src := []byte("site;note;count\n" +
		"A;\"wet; windy\";12\n" +
		"B;dry;NA\n")
	d, err := load.ParseCSV(src, load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	note, _ := d.Column("note")
	count, _ := d.Column("count")
	fmt.Println(note.Kind, note.Levels, note.Codes)
	fmt.Println(count.Kind, count.Floats)
	// Output:
	// categorical [dry wet; windy] [1 0]
	// numeric [12 NaN]
}

func ExampleReadJSON() {
	src := `[
		{"id": 1, "arm": "placebo", "response": 3.1},
		{"id": 2, "arm": "drug", "response": 4.5},
		{"id": 3, "arm": "drug"}
	]`
	d, err := load.ReadJSON(strings.NewReader(src), load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range d.Columns {
		fmt.Println(c.Name, c.Kind, c.Floats, c.Levels, c.Codes)
	}
	// Output:
	// id numeric [1 2 3] [] []
	// arm categorical [] [drug placebo] [1 0 0]
	// response numeric [3.1 4.5 NaN] [] []
}

func ExampleParseJSON() {
	src := []byte(`[{"dose": 1}, {"dose": 2}, {"dose": "two"}, {"dose": 3}]`)
	d, err := load.ParseJSON(src, load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	dose, _ := d.Column("dose")
	fmt.Println(dose.Kind, dose.Levels)
	fmt.Printf("record %d has %q\n", dose.NonNumeric.Line, dose.NonNumeric.Value)
	// Output:
	// categorical [1 2 3 two]
	// record 3 has "two"
}

func ExampleParseError() {
	_, err := load.ParseCSV([]byte("name,score\nada,1\nbob,\"2\n"), load.Options{})
	var pe *load.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Column)
	}
	fmt.Println(inferra.ErrorCode(err))
	fmt.Println(err)
	// Output:
	// 3 2
	// invalid_input
	// line 3: the quoted field in column "score" is never closed; add the closing quote (")
}

func ExampleParseCSV_dialect() {
	// A European file: ';' between fields, decimal commas, points
	// grouping thousands. Both are detected from the first records.
	src := []byte("city;rainfall;area\n" +
		"Lyon;1,5;47,87\n" +
		"Lille;2,25;1.234,5\n")
	d, err := load.ParseCSV(src, load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range d.Columns[1:] {
		fmt.Println(c.Name, c.Kind, c.Floats)
	}
	// A column of numbers with a value that is not one is read as text,
	// and the dataset's schema says so.
	d, _ = load.ParseCSV([]byte("id|dose\n1|0.5\n2|1.0\n3|1,0.5\n"), load.Options{})
	fmt.Println(d.Schema().Warnings[0])

	// A binary file is refused before parsing.
	_, err = load.ParseCSV([]byte("PK\x03\x04\x14\x00[Content_Types].xml"), load.Options{})
	fmt.Println(inferra.ErrorCode(err)+":", err)
	// Output:
	// rainfall numeric [1.5 2.25]
	// area numeric [47.87 1234.5]
	// column "dose" is mostly numbers but was read as text: line 4 has "1,0.5", which was not read as a number; correct that value (or write it as NA) for the column to be numeric
	// unsupported: this is an Excel workbook (.xlsx), not a text file; open it in Excel and save it as CSV ("CSV UTF-8"), then upload that file
}

func ExampleOptions_decimal() {
	// The decimal separator may be given rather than detected.
	src := []byte("x;y\n1;2\n3;4,5\n")
	d, err := load.ParseCSV(src, load.Options{Decimal: ','})
	if err != nil {
		fmt.Println(err)
		return
	}
	y, _ := d.Column("y")
	fmt.Println(y.Kind, y.Floats)
	// Output:
	// numeric [2 4.5]
}
