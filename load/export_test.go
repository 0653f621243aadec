package load

// WithMinChunk returns opt with the least input per parallel CSV worker set
// to n bytes, so that tests can run the parallel parser on small input.
func WithMinChunk(opt Options, n int) Options {
	opt.minChunk = n
	return opt
}
