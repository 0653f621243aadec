package inferra_test

import (
	"fmt"
	"strings"

	"github.com/inferra/inferra"
)

func ExampleReadCSV() {
	src := "patient,arm,response\n" +
		"1,placebo,3.1\n" +
		"2,drug,4.5\n" +
		"3,drug,NA\n"
	d, err := inferra.ReadCSV(strings.NewReader(src), inferra.LoadOptions{})
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
	_, err := inferra.ReadCSV(strings.NewReader("a,b\n1,2\n3\n"), inferra.LoadOptions{})
	e := inferra.AsError(err)
	fmt.Println(e.Code, e.Details["line"])
	fmt.Println(e.Message)
	// Output:
	// invalid_input 3
	// line 3 has 1 fields, want 2 like the header
}

func ExampleDataset_Schema() {
	src := "dose,score,ok\n" +
		"1,2.0,true\n" +
		"2,4.0,false\n" +
		"3,6.0,true\n" +
		"1,,true\n"
	d, err := inferra.ParseCSV([]byte(src), inferra.LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range d.Schema().Columns {
		fmt.Printf("%s: %s, %d values, %d missing, levels %v %v", c.Name, c.Kind, c.Count, c.Missing, c.Levels, c.LevelCounts)
		if c.Mean != nil {
			fmt.Printf(", mean %.2f, sd %.2f", *c.Mean, *c.SD)
		}
		if c.IntegerCoded {
			fmt.Print(", integer coded")
		}
		fmt.Println()
	}
	// Output:
	// dose: numeric, 4 values, 0 missing, levels [1 2 3] [2 1 1], mean 1.75, sd 0.96, integer coded
	// score: numeric, 3 values, 1 missing, levels [2 4 6] [1 1 1], mean 4.00, sd 2.00, integer coded
	// ok: boolean, 4 values, 0 missing, levels [false true] [1 3]
}
