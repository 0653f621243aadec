package reproduce_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/reproduce"
	"github.com/inferra/inferra/stats"
)

// Script writes reproduce.py for a finished job.
func ExampleScript() {
	csv := "dose,response\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n"
	ds, err := load.ParseCSV([]byte(csv), load.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := &inferra.Decision{Analysis: "pearsonr", Params: map[string]string{"x": "dose", "y": "response"}}
	res, err := stats.Run(context.Background(), ds, d.Analysis, d.Params)
	if err != nil {
		fmt.Println(err)
		return
	}
	raw, _ := json.Marshal(res.Stats)
	job := &inferra.Job{ID: "example", Status: inferra.JobSucceeded, Decision: d, Result: raw,
		Dataset:    inferra.DatasetRef{SHA256: ds.SHA256},
		Provenance: &inferra.Provenance{RowsUsed: res.RowsUsed, RowsDropped: res.RowsDropped}}
	script, err := reproduce.Script(job)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(script[:bytes.IndexByte(script, '\n')]))
	fmt.Println(bytes.Contains(script, []byte("st.pearsonr(")))
	fmt.Println("run it with:", reproduce.Command)

	// An analysis the generator does not cover yet is a clear error.
	job.Decision = &inferra.Decision{Analysis: "friedmanchisquare"}
	_, err = reproduce.Script(job)
	fmt.Println(inferra.ErrorCode(err), strings.HasPrefix(err.Error(), `reproduce.py does not cover "friedmanchisquare" yet`))
	// Output:
	// #!/usr/bin/env python3
	// true
	// run it with: python3 reproduce.py data.csv
	// unsupported true
}
