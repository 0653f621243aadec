package inferra_test

import (
	"fmt"

	"github.com/inferra/inferra/load"
)

func ExampleDataset_Schema() {
	src := "dose,score,ok\n" +
		"1,2.0,true\n" +
		"2,4.0,false\n" +
		"3,6.0,true\n" +
		"1,,true\n"
	d, err := load.ParseCSV([]byte(src), load.Options{})
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
