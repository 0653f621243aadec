package load

// WithMinChunk returns opt with the least input per parallel CSV worker set
// to n bytes, so that tests can run the parallel parser on small input.
func WithMinChunk(opt Options, n int) Options {
	opt.minChunk = n
	return opt
}

// Sniff runs what ParseCSV reads before parsing: the binary check, and
// the delimiter and decimal separator detected from the first records.
func Sniff(data []byte) (delim byte, decimalComma bool, err error) {
	if e := checkText(data); e != nil {
		return 0, false, e
	}
	delim = detectDelimiter(data)
	return delim, detectDecimalComma(data, delim), nil
}
