// Command statsonly uses package stats alone, on plain float64 slices: no
// dataset, no decision, no job. Each function matches the scipy call
// named in its documentation.
//
//	go run ./examples/statsonly
package main
