// Package load reads datasets: CSV and JSON, from a reader, from memory or
// from a file, into the columnar [inferra.Dataset] of the root package.
//
// [File] maps the file into memory where the system allows it and hashes
// its bytes (Dataset.SHA256) while a parallel parser reads it; [ParseCSV]
// and [ParseJSON] read bytes already in memory; [ReadCSV] and [ReadJSON]
// read from an io.Reader. [Options] bounds the input (bytes, rows,
// columns, field length) and can load only the columns an analysis needs.
//
// The CSV dialect is sniffed from the first records only (see
// [Options]): the delimiter among ',', ';', '\t' and '|', and decimal
// commas ("1,5", "1.234,5") in a file not delimited by commas, as
// European spreadsheets write them ([ExampleParseCSV_dialect]). Binary
// input (an Excel workbook, a ZIP archive, an image, or a first KiB of
// which a tenth is NUL, control or non-UTF-8 bytes) is refused as "not a
// text file", an EUnsupported error, before any parsing. A column of mostly numbers
// that was read as text keeps its first other value (Column.NonNumeric),
// and the dataset's Schema warns about it.
//
// Every error is an *inferra.Error whose code says what went wrong
// (EInvalid, ETooLarge, ENotFound). Malformed CSV input is also a
// [*ParseError] carrying the Line and Column of the fault, as
// encoding/csv's ParseError does; errors.As finds either.
package load
