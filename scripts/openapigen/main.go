// Command openapigen rewrites the generated result schemas of
// server/openapi.json from the Go result types of the registered
// analyses (see package internal/openapigen). Run it from the module root
// with `go run ./scripts/openapigen`, or `go generate ./server`; with
// -check it changes nothing and fails when the document is out of date.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/inferra/inferra/internal/openapigen"
)

func main() {
	os.Exit(cli(os.Args[1:], os.Stderr))
}

// cli runs the command and returns its exit status, having reported an
// error on stderr.
func cli(args []string, stderr io.Writer) int {
	if err := run(args, stderr); err != nil {
		fmt.Fprintln(stderr, "openapigen:", err)
		return 1
	}
	return 0
}

// run rewrites (or with -check compares) the document that args name.
func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("openapigen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("doc", "server/openapi.json", "the OpenAPI document to rewrite in place")
	check := fs.Bool("check", false, "change nothing; fail when the document is not what the generator writes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	doc, err := os.ReadFile(*path)
	if err != nil {
		return err
	}
	out, err := openapigen.Generate(doc)
	switch {
	case err != nil:
		return err
	case bytes.Equal(out, doc):
		return nil
	case *check:
		return errors.New(*path + " is out of date; run go generate ./server")
	}
	return os.WriteFile(*path, out, 0o644)
}
