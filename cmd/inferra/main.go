package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses, as ARCHITECTURE.md specifies them.
const (
	exitOK         = 0
	exitFailed     = 1
	exitUsage      = 2
	exitNoDecision = 3
)

const usage = `Usage:
  inferra analyze --data FILE --analysis ID [--param k=v]... [--out DIR]
  inferra analyze --data FILE --prompt TEXT            decide the analysis from the question, then run it
  inferra decide  --data FILE --prompt TEXT            print the decision only
  inferra serve   [--addr 127.0.0.1:8000] [--data-dir ./data] [--role all|api|worker]
                                                       the HTTP API and the web UI (configuration: .env.example)
  inferra migrate [--database-url URL] [--data-dir DIR]  create or update the job store's tables
  inferra analyses                                     list the analysis ids and their parameters
  inferra version

analyze prints the job document as JSON on stdout. Exit status: 0 succeeded,
1 failed, 2 bad usage or bad input, 3 no decision.
`

// run is main without the process: it parses args, runs one subcommand and
// returns the exit status, so tests can call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "analyze":
		return runAnalyze(ctx, args[1:], stdout, stderr)
	case "analyses":
		return runAnalyses(stdout)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, versionString())
		return exitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "decide":
		return runDecide(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], os.Getenv, stderr, nil)
	case "migrate":
		return runMigrate(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "inferra: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}
