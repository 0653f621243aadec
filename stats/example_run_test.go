package stats_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// Run performs an analysis by id on a dataset, naming columns by role, and
// returns the statistics with a report sentence.
func ExampleRun() {
	csv := `fertiliser,yield
new,5.9
new,6.1
new,6.6
new,6.3
new,6.8
old,5.1
old,5.6
old,5.0
old,5.8
old,NA
`
	ds, err := load.ReadCSV(strings.NewReader(csv), load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := stats.Run(context.Background(), ds, "ttest_ind",
		map[string]string{"group": "fertiliser", "value": "yield"})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := res.Stats.(*stats.TTestIndResult)
	fmt.Printf("rows used %d, dropped %d\n", res.RowsUsed, res.RowsDropped)
	fmt.Printf("Welch t = %.3f, df = %.2f, p = %.4f\n", r.Statistic, r.DF, r.PValue)

	// A mistake gets an error that says what to fix.
	_, err = stats.Run(context.Background(), ds, "ttest_ind",
		map[string]string{"group": "fertilizer", "value": "yield"})
	fmt.Println(inferra.ErrorCode(err)+":", err)
	// Output:
	// rows used 9, dropped 1
	// Welch t = 3.818, df = 6.37, p = 0.0078
	// invalid_input: column "fertilizer" does not exist; did you mean "fertiliser"?
}
