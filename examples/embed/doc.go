// Command embed shows Inferra's analysis inside another Go program: a
// dataset and a question in plain words go in, a decision and a result
// come out. No server, no database, no network.
//
//	go run ./examples/embed
package main
