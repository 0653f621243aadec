// Package load reads datasets: CSV and JSON, from a reader, from memory or
// from a file, into the columnar [inferra.Dataset] of the root package.
//
// [File] maps the file into memory where the system allows it and hashes
// its bytes (Dataset.SHA256) while a parallel parser reads it; [ParseCSV]
// and [ParseJSON] read bytes already in memory; [ReadCSV] and [ReadJSON]
// read from an io.Reader. [Options] bounds the input (bytes, rows,
// columns, field length) and can load only the columns an analysis needs.
//
// Every error is an *inferra.Error whose code says what went wrong
// (EInvalid, ETooLarge, ENotFound). Malformed CSV input is also a
// [*ParseError] carrying the Line and Column of the fault, as
// encoding/csv's ParseError does; errors.As finds either.
package load
