// Package inferra turns a table and a question in plain words into a
// correct, explained, reproducible statistical result.
//
// The root package is the vocabulary shared by everything else: the
// columnar [Dataset] and its [Schema], the [Decision] of which analysis to
// run, the [Job] document that the command line, the HTTP API and the
// stores share, the one error type, [Error], whose Code a server maps to a
// status, and the interfaces services implement ([JobStore]). It imports
// only the standard library; loading files is package load's work.
//
// # Packages
//
//   - load: the loaders (CSV, JSON, memory-mapped files) that build a
//     [Dataset], with typed CSV parse errors.
//   - stats: the analyses (t-tests, ANOVA, correlations, rank-based tests,
//     linear regression from formulas), numerically checked against scipy
//     and statsmodels.
//   - stats/formula: the patsy/statsmodels formula language.
//   - store/sqlite, store/postgres: the [JobStore] implementations (the
//     embedded default and PostgreSQL/Supabase), checked by one suite in
//     store/storetest.
//   - jobs: the job service — submit sync or async, get, list, cancel,
//     delete — executing through River so that processes share the work.
//   - cmd/inferra: the command line (inferra analyze, inferra migrate,
//     inferra version).
//
// # Loading and analysing
//
//	ds, err := load.File("crops.csv", load.Options{})
//	if err != nil {
//		return err // a *load.ParseError, an *inferra.Error with line and column
//	}
//	res, err := stats.Run(ctx, ds, "ttest_ind", map[string]string{
//		"group": "fertiliser", "value": "yield",
//	})
//	fmt.Println(res.Report)
//
// # Errors
//
// Every error a user can cause is an [*Error] with a Code such as
// [EInvalid] or [ETooLarge] and a message that says what to change; read
// the code with [ErrorCode]. Anything else is a bug and reads as
// [EInternal].
package inferra
