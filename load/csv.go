package load

import (
	"bytes"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/internal/mem"
)

// ReadCSV reads a CSV dataset from r. See ParseCSV for the format.
func ReadCSV(r io.Reader, opt Options) (*inferra.Dataset, error) {
	opt = opt.withDefaults()
	data, err := readAll(r, opt.MaxBytes)
	if err != nil {
		return nil, err
	}
	return ParseCSV(data, opt)
}

// ParseCSV parses a CSV dataset held in memory. The dataset keeps no
// reference to data, which must not change during the call.
//
// The first record is the header; names must be distinct and non-empty.
// Fields follow RFC 4180: a field may be quoted to hold delimiters, line
// breaks and doubled quotes (""). Lines end in LF, CRLF or, in a file
// with no LF at all, CR alone (old Mac files). A UTF-8 byte order mark is
// skipped, and so are blank lines (empty, or a lone CR before LF) wherever
// they are, as pandas.read_csv skips them: in a one-column file a missing
// value must be written as a token or "". Spaces around a field are kept,
// as pandas.read_csv keeps them: " a", "a " and "a" are three levels. A
// number reads through them (" 1.5" is 1.5, quoted or not), and so does a
// missing value (where pandas would keep " NA" as text). Empty fields,
// fields of spaces only, and the tokens NA, NaN, nan, null, NULL, N/A,
// n/a, #N/A and "." are missing values.
//
// A column whose values are all numbers is Numeric; all true or false
// (in any case) is Boolean; otherwise Categorical, or Text when it has
// more than 50 distinct values making up more than half of its values.
// A column with no values at all is Categorical with no levels. A Numeric
// column whose numbers (quoted or not) are all integer literals, with no
// point nor exponent, has Column.IntegerText set. Infinities
// and numbers out of float64 range are not numbers. A Categorical or Text
// column of mostly numbers notes its first other value in
// Column.NonNumeric, with its line.
//
// Malformed input is a *ParseError, with the physical 1-based Line and,
// where one applies, the Column, wrapping an EInvalid *inferra.Error whose
// Details give the "line" and "column" too; input past an Options limit
// is ETooLarge, a *ParseError with the Line where a row limit was passed
// (reading stops there) or the header's line.
func ParseCSV(data []byte, opt Options) (*inferra.Dataset, error) {
	opt = opt.withDefaults()
	if int64(len(data)) > opt.MaxBytes {
		return nil, tooManyBytes(opt.MaxBytes)
	}
	digest := hashAsync(data)
	cols, err := parseCSV(data, opt)
	return finish(cols, err, opt)(digest())
}

// csvParser holds what the workers share: the input and the column arrays,
// which each worker fills in its own range of rows.
type csvParser struct {
	data     []byte // the input without a byte order mark or trailing blank lines
	delim    byte
	brk      byte // the line break inside quoted fields: '\n', or '\r' in a file of CR line endings
	names    []string
	maxField int
	fused    bool // numbers may be read by scanNumber in the field loop
	// decimalComma: numbers are written with a decimal comma ("1,5"),
	// read by parseDecimalCommaText.
	decimalComma bool
	store        []colStore
	skip         []bool // columns left out by Options.Columns (nil: none)
}

// skipped reports whether column c is left out by Options.Columns.
func (p *csvParser) skipped(c int) bool {
	return p.skip != nil && c < len(p.skip) && p.skip[c]
}

// colStore is one column's storage, allocated when a worker first needs it
// so that a column of labels never gets a float array, nor numbers codes.
type colStore struct {
	mu     sync.Mutex
	n      int
	floats []float64
	codes  []int32
}

func (s *colStore) getFloats() []float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.floats == nil {
		s.floats = make([]float64, s.n)
		if s.n > 0 {
			mem.Prefault(unsafe.Slice((*byte)(unsafe.Pointer(&s.floats[0])), 8*s.n))
		}
	}
	return s.floats
}

func (s *colStore) getCodes() []int32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.codes == nil {
		s.codes = make([]int32, s.n)
		if s.n > 0 {
			mem.Prefault(unsafe.Slice((*byte)(unsafe.Pointer(&s.codes[0])), 4*s.n))
		}
	}
	return s.codes
}

// worker parses the records in data[start:end] into rows row0…row0+cap-1 of
// the column arrays. Each column starts out numeric and turns to text at
// the first value that is neither a number nor missing; the worker then
// re-reads that column of its earlier rows as text.
type worker struct {
	p          *csvParser
	start, end int
	line       int // physical line number of start
	row0, cap  int
	rows       int // records parsed
	lastLine   int // the line the last record parsed starts on
	cols       []workerCol
	scratch    []byte // unescaped quoted field
	scratch2   []byte // the same while re-reading a column
	err        *ParseError
}

type workerCol struct {
	text   bool
	first  *inferra.Cell // the value that turned the column to text
	floats []float64     // the worker's range of the column's arrays
	codes  []int32
	dict   map[string]int32 // level → worker-local code
	levels []string         // worker-local levels in first-seen order
	cache  [32]levelCacheEntry

	// notInteger: a number in the column was written with a point or an
	// exponent, so pandas would read it as float64.
	notInteger bool
}

type levelCacheEntry struct {
	level string
	code  int32
	set   bool
}

func parseCSV(data []byte, opt Options) ([]*inferra.Column, error) {
	data = trimBOM(data)
	if err := checkText(data); err != nil {
		return nil, err
	}
	data = bytes.TrimRight(data, "\r\n")
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "the file is empty")
	}
	p := &csvParser{data: data, delim: opt.Delimiter, maxField: opt.MaxFieldBytes, brk: '\n'}
	src := data
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		// Old Mac files end lines in CR alone.
		p.data, p.brk = crToLF(data), '\r'
		data = p.data
	}
	// Blank lines before the header are skipped like those after it.
	hdrStart, hdrLine := 0, 1
	for {
		n := blankLine(data, hdrStart, len(data))
		if n == 0 {
			break
		}
		hdrStart += n
		hdrLine++
	}
	switch p.delim {
	case 0:
		p.delim = detectDelimiter(data[hdrStart:])
	case '"', '\n', '\r':
		return nil, inferra.Errorf(inferra.EInvalid, "%q cannot be the delimiter", p.delim)
	}
	hdrEnd, dataLine, err := p.parseHeader(hdrStart, hdrLine, opt.MaxColumns)
	if err != nil {
		return nil, err
	}
	switch opt.Decimal {
	case 0:
		p.decimalComma = detectDecimalComma(data[min(hdrEnd, len(data)):], p.delim)
	case '.':
	case ',':
		if p.delim == ',' || p.delim == '.' {
			return nil, inferra.Errorf(inferra.EInvalid, "a decimal comma needs a delimiter other than %q, such as ';'", p.delim)
		}
		p.decimalComma = true
	default:
		return nil, inferra.Errorf(inferra.EInvalid, "%q cannot be the decimal separator: give '.' or ','", opt.Decimal)
	}
	// Reading numbers and their end in one pass needs a delimiter that
	// cannot be part of a number, and numbers with a decimal point.
	p.fused = !strings.ContainsRune("0123456789+-.eE", rune(p.delim)) && !p.decimalComma
	if hdrEnd >= len(data) {
		return nil, noRows()
	}
	if len(opt.Columns) > 0 {
		p.skip = make([]bool, len(p.names))
		for i := range p.skip {
			p.skip[i] = true
		}
		for _, n := range opt.Columns {
			i := slices.Index(p.names, n)
			if i < 0 {
				return nil, inferra.UnknownColumn(n, p.names)
			}
			p.skip[i] = false
		}
	}

	workers := p.split(hdrEnd, dataLine, opt.Workers, opt.minChunk)
	total := 0
	for _, w := range workers {
		total += w.cap
	}
	// Each record takes at least one line, so only a file of more lines
	// than the limit can have too many rows: read it with one worker that
	// stops at the first row past the limit.
	limit := opt.MaxRows
	if limit < math.MaxInt {
		limit++
	}
	if total > opt.MaxRows {
		workers = p.ranges(hdrEnd, dataLine, 1, false)
		workers[0].cap, total = limit, limit
	}
	p.store = make([]colStore, len(p.names))
	for i := range p.store {
		p.store[i].n = total
	}
	run(workers, func(w *worker) {
		n, err := w.parse(w.start, w.line, limit, -1, &w.scratch)
		w.rows, w.err = n, err
	})
	for _, w := range workers {
		if w.err == nil {
			continue
		}
		if len(workers) > 1 {
			// Report the error a sequential reader would: the first one.
			opt.Workers = 1
			return parseCSV(src, opt)
		}
		return nil, w.err
	}
	rows := 0
	for _, w := range workers {
		rows += w.rows
	}
	if rows > opt.MaxRows {
		line := workers[len(workers)-1].lastLine
		return nil, parseError(line, 0, inferra.Errorf(inferra.ETooLarge, "the file has more than %d data rows, the limit: line %d holds row %d", opt.MaxRows, line, rows).
			WithDetail("max_rows", opt.MaxRows))
	}
	if rows == 0 {
		return nil, noRows()
	}

	// A column that is text anywhere is text everywhere.
	text := make([]bool, len(p.names))
	for _, w := range workers {
		for c := range w.cols {
			text[c] = text[c] || w.cols[c].text
		}
	}
	run(workers, func(w *worker) {
		for c := range w.cols {
			if text[c] && !w.cols[c].text {
				w.toText(c, w.rows)
			}
		}
	})

	cols := make([]*inferra.Column, len(p.names))
	for c, name := range p.names {
		if p.skipped(c) {
			continue
		}
		if text[c] {
			cols[c] = p.finishText(c, workers)
		} else {
			cols[c] = p.finishNumeric(c, workers)
		}
		cols[c].Name = name
	}
	if rows < total {
		// Quoted line breaks made some ranges hold fewer rows than they
		// had lines: close the gaps.
		for _, col := range cols {
			if col == nil {
				continue
			}
			at := 0
			for _, w := range workers {
				if col.Kind == inferra.Numeric {
					copy(col.Floats[at:], col.Floats[w.row0:w.row0+w.rows])
				} else {
					copy(col.Codes[at:], col.Codes[w.row0:w.row0+w.rows])
				}
				at += w.rows
			}
			if col.Kind == inferra.Numeric {
				col.Floats = col.Floats[:rows:rows]
			} else {
				col.Codes = col.Codes[:rows:rows]
			}
		}
	}
	return cols, nil
}

func noRows() *inferra.Error {
	return inferra.Errorf(inferra.EInvalid, "the file has a header but no data rows")
}

// crToLF returns a copy of data, a file whose lines end in CR alone, with
// every CR outside quotes turned into LF; quoted fields keep theirs.
func crToLF(data []byte) []byte {
	out := make([]byte, len(data))
	quoted := false
	for i, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\r' && !quoted:
			c = '\n'
		}
		out[i] = c
	}
	return out
}

// blankLine returns the length of the blank line (empty, or a lone CR)
// starting at data[pos], line break included, or 0 if there is none there.
func blankLine(data []byte, pos, end int) int {
	if pos >= end {
		return 0
	}
	switch data[pos] {
	case '\n':
		return 1
	case '\r':
		if pos+1 < end && data[pos+1] == '\n' {
			return 2
		}
	}
	return 0
}

// run calls f for each worker, concurrently when there are several. A
// memory fault in a worker (a mapped file shrank) panics in the caller,
// where File's guardFaults turns it into an error.
func run(workers []*worker, f func(*worker)) {
	if len(workers) == 1 {
		f(workers[0])
		return
	}
	var wg sync.WaitGroup
	faults := make([]error, len(workers))
	for i, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			faults[i] = guardFaults(func() { f(w) })
		}()
	}
	wg.Wait()
	for _, err := range faults {
		if err != nil {
			panic(faultError{err})
		}
	}
}

// parseHeader reads the column names from the header at data[pos], which
// is on physical line hdrLine, and returns where the data begins and on
// which line.
func (p *csvParser) parseHeader(pos, hdrLine, maxCols int) (end, dataLine int, err error) {
	data := p.data
	lines := hdrLine
	var names []string
	var scratch []byte
	for {
		s := pos
		for pos < len(data) && data[pos] != p.delim && data[pos] != '\n' && data[pos] != '"' {
			pos++
		}
		var b []byte
		if pos < len(data) && data[pos] == '"' {
			if len(trimSpaces(data[s:pos])) > 0 {
				return 0, 0, bareQuote(lines, len(names), "")
			}
			val, next, nl, kind := scanQuoted(data, pos, len(data), p.delim, p.brk, &scratch)
			if kind != 0 {
				return 0, 0, quoteError(kind, lines, lines+nl, len(names), "")
			}
			lines += nl
			b, pos = val, next
		} else {
			// Spaces around a name are part of it, as pandas reads it:
			// "tip " and "tip" are two columns.
			b = trimCR(data[s:pos], data, pos)
			if len(trimSpaces(b)) == 0 {
				b = nil
			}
		}
		if len(b) > p.maxField {
			return 0, 0, fieldTooLong(lines, len(names), "", p.maxField)
		}
		names = append(names, string(b))
		if len(names) > maxCols {
			return 0, 0, parseError(hdrLine, 0, inferra.Errorf(inferra.ETooLarge, "the header on line %d has more than %d columns", hdrLine, maxCols).WithDetail("max_columns", maxCols))
		}
		if pos < len(data) && data[pos] == p.delim {
			pos++
			continue
		}
		break
	}
	seen := make(map[string]int, len(names))
	for i, n := range names {
		if n == "" {
			return 0, 0, parseError(hdrLine, i+1, inferra.Errorf(inferra.EInvalid, "column %d of the header on line %d has no name; give every column a name", i+1, hdrLine).
				WithDetail("column", i+1))
		}
		if j, dup := seen[n]; dup {
			return 0, 0, parseError(hdrLine, i+1, inferra.Errorf(inferra.EInvalid, "the header on line %d names column %q twice (columns %d and %d); column names must be distinct", hdrLine, n, j+1, i+1).
				WithDetail("column", n))
		}
		seen[n] = i
	}
	p.names = names
	return min(pos+1, len(data)), lines + 1, nil
}

// split divides the data after the header into at most n ranges that start
// and end at record boundaries and counts the lines in each, in parallel.
// When the data holds no quote, every line break ends a record. Otherwise
// the ranges end at line breaks preceded by an even number of quotes,
// which is exactly where a reader of well-formed input is outside a quoted
// field; malformed input may be split elsewhere, but then some range fails
// and the file is read again sequentially.
func (p *csvParser) split(start, line, n, minChunk int) []*worker {
	if minChunk <= 0 {
		minChunk = defaultMinChunk
	}
	n = max(1, min(n, (len(p.data)-start)/minChunk))
	workers := p.ranges(start, line, n, false)
	// breaks[i] is the number of physical line breaks in range i: each
	// '\n', and in a file of CR line endings each (quoted) '\r' too.
	breaks := make([]int, len(workers))
	count := func(w *worker) int {
		i := slices.Index(workers, w)
		chunk := p.data[w.start:w.end]
		breaks[i] = bytes.Count(chunk, []byte{'\n'})
		w.cap = breaks[i]
		if chunk[len(chunk)-1] != '\n' {
			w.cap++
		}
		if p.brk != '\n' && len(workers) > 1 {
			breaks[i] += bytes.Count(chunk, []byte{p.brk})
		}
		return i
	}
	quoted := make([]bool, len(workers))
	run(workers, func(w *worker) {
		quoted[count(w)] = bytes.IndexByte(p.data[w.start:w.end], '"') >= 0
	})
	if len(workers) > 1 && slices.Contains(quoted, true) {
		workers = p.ranges(start, line, n, true)
		breaks = make([]int, len(workers))
		run(workers, func(w *worker) { count(w) })
	}
	row0 := 0
	for i, w := range workers {
		w.row0 = row0
		row0 += w.cap
		w.line = line
		line += breaks[i]
	}
	return workers
}

// defaultMinChunk is the least input, in bytes, that split gives each
// worker: below it, starting a goroutine costs more than it saves.
const defaultMinChunk = 256 << 10

// ranges returns workers for n ranges of about equal size, each ending
// after a line break, preceded by an even number of quotes if parity.
func (p *csvParser) ranges(start, line, n int, parity bool) []*worker {
	data := p.data
	bounds := []int{start}
	quotes, counted := 0, start
	for i := 1; i < n; i++ {
		t := max(start+(len(data)-start)*i/n, bounds[len(bounds)-1])
		for {
			j := bytes.IndexByte(data[t:], '\n')
			if j < 0 {
				t = len(data)
				break
			}
			t += j + 1
			if !parity {
				break
			}
			quotes += bytes.Count(data[counted:t], []byte{'"'})
			counted = t
			if quotes%2 == 0 {
				break
			}
		}
		if t >= len(data) {
			break
		}
		bounds = append(bounds, t)
	}
	bounds = append(bounds, len(data))
	workers := make([]*worker, len(bounds)-1)
	for i := range workers {
		workers[i] = &worker{p: p, start: bounds[i], end: bounds[i+1], line: line, cols: make([]workerCol, len(p.names))}
	}
	return workers
}

// parse reads up to maxRows records starting at byte pos, which is on the
// given physical line, stopping at the end of the worker's range. With
// only ≥ 0 it stores that column alone, to re-read it as text.
func (w *worker) parse(pos, line, maxRows, only int, scratch *[]byte) (int, *ParseError) {
	p := w.p
	data, end, delim, ncol := p.data, w.end, p.delim, len(p.names)
	row, recLine := 0, line
	for pos < end && row < maxRows {
		if n := blankLine(data, pos, end); n > 0 {
			pos += n
			line++
			continue
		}
		col := 0
		recLine = line
		for {
			if only < 0 && p.fused && col < ncol && pos < end && numStart[data[pos]] && !p.skipped(col) {
				// A column still numeric in this worker: read the number
				// and find the field's end in one pass.
				if wc := &w.cols[col]; !wc.text && wc.floats != nil {
					f, n, st, integer := scanNumber(data[pos:end])
					next := pos + n
					if next < end && data[next] == '\r' && (next+1 == end || data[next+1] == '\n') {
						next++
					}
					if st == exact && n <= p.maxField && (next == end || data[next] == delim || data[next] == '\n') {
						wc.floats[row] = f
						if !integer {
							wc.notInteger = true
						}
						pos = next
						col++
						if pos < end && data[pos] == delim {
							pos++
							continue
						}
						break
					}
				}
			}
			s := pos
			for pos < end {
				c := data[pos]
				if c == delim || c == '\n' || c == '"' {
					break
				}
				pos++
			}
			var b []byte
			if pos < end && data[pos] == '"' {
				if len(trimSpaces(data[s:pos])) > 0 {
					return row, bareQuote(line, col, p.name(col))
				}
				val, next, nl, kind := scanQuoted(data, pos, end, delim, p.brk, scratch)
				if kind != 0 {
					return row, quoteError(kind, line, line+nl, col, p.name(col))
				}
				line += nl
				b, pos = val, next
			} else {
				// Spaces around a field are kept, as pandas keeps them:
				// " a" and "a" are two levels. Numbers and missing
				// tokens are read through them (field).
				b = trimCR(data[s:pos], data, pos)
			}
			if len(b) > p.maxField {
				return row, fieldTooLong(line, col, p.name(col), p.maxField)
			}
			if col < ncol && (only < 0 || only == col) && !p.skipped(col) {
				w.field(col, row, recLine, b)
			}
			col++
			if pos < end && data[pos] == delim {
				pos++
				continue
			}
			break
		}
		if col != ncol {
			return row, parseError(recLine, 0, inferra.Errorf(inferra.EInvalid, "line %d has %d fields, want %d like the header", recLine, col, ncol).
				WithDetail("expected", ncol).WithDetail("got", col))
		}
		pos++ // past '\n'
		line++
		row++
	}
	if only < 0 {
		w.lastLine = recLine
	}
	return row, nil
}

// number parses field b as a number of the file: with a decimal point,
// or a decimal comma when the file writes them so.
func (p *csvParser) number(b []byte) (f float64, integer, ok bool) {
	if p.decimalComma {
		return parseDecimalCommaText(b)
	}
	return parseNumberText(b)
}

// numStart marks the bytes a number can start with.
var numStart = [256]bool{'+': true, '-': true, '.': true,
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true}

func (p *csvParser) name(col int) string {
	if col < len(p.names) {
		return p.names[col]
	}
	return ""
}

// field stores field b of column c in the worker's row, of a record that
// starts on the given line.
func (w *worker) field(c, row, line int, b []byte) {
	wc := &w.cols[c]
	if !wc.text {
		if wc.floats == nil {
			wc.floats = w.p.store[c].getFloats()[w.row0 : w.row0+w.cap]
		}
		if f, integer, ok := w.p.number(b); ok {
			wc.floats[row] = f
			if !integer {
				wc.notInteger = true
			}
			return
		}
		if t := trimSpaces(b); len(t) < len(b) {
			// " 1.5" is a number, as in pandas.
			if f, integer, ok := w.p.number(t); ok {
				wc.floats[row] = f
				if !integer {
					wc.notInteger = true
				}
				return
			}
		}
		if isMissing(b) {
			wc.floats[row] = math.NaN()
			return
		}
		wc.first = &inferra.Cell{Value: string(b), Line: line}
		w.toText(c, row)
	}
	// Most columns of labels have few of them: a tiny cache indexed by
	// length and end bytes finds most without hashing the whole label.
	// Missing tokens never enter it.
	var h int
	if len(b) > 0 {
		h = (len(b)*7 + int(b[0])*3 + int(b[len(b)-1])) & (len(wc.cache) - 1)
		if e := &wc.cache[h]; e.set && e.level == string(b) {
			wc.codes[row] = e.code
			return
		}
	}
	if isMissing(b) {
		wc.codes[row] = inferra.Missing
		return
	}
	code, ok := wc.dict[string(b)]
	if !ok {
		code = int32(len(wc.levels))
		s := string(b)
		wc.levels = append(wc.levels, s)
		wc.dict[s] = code
	}
	wc.cache[h] = levelCacheEntry{level: wc.levels[code], code: code, set: true}
	wc.codes[row] = code
}

// toText turns column c of the worker to text and re-reads its first rows.
func (w *worker) toText(c, rows int) {
	wc := &w.cols[c]
	wc.text = true
	wc.floats = nil
	wc.codes = w.p.store[c].getCodes()[w.row0 : w.row0+w.cap]
	wc.dict = make(map[string]int32)
	if rows > 0 {
		// These rows parsed before, so they parse again.
		w.parse(w.start, w.line, rows, c, &w.scratch2)
	}
}

// finishNumeric builds a numeric column from the workers' rows; a column
// with no values at all becomes an empty Categorical.
func (p *csvParser) finishNumeric(c int, workers []*worker) *inferra.Column {
	st := &p.store[c]
	floats := st.floats
	if floats == nil {
		floats = st.getFloats() // no worker had rows
	}
	st.floats = nil
	integer := true
	for _, w := range workers {
		integer = integer && !w.cols[c].notInteger
	}
	for _, w := range workers {
		for _, v := range floats[w.row0 : w.row0+w.rows] {
			if v == v {
				return &inferra.Column{Kind: inferra.Numeric, Floats: floats, IntegerText: integer}
			}
		}
	}
	codes := make([]int32, len(floats))
	for i := range codes {
		codes[i] = inferra.Missing
	}
	return &inferra.Column{Kind: inferra.Categorical, Codes: codes, Levels: []string{}}
}

// finishText merges the workers' levels, sorts them and rewrites every
// worker's codes to index the sorted levels.
func (p *csvParser) finishText(c int, workers []*worker) *inferra.Column {
	st := &p.store[c]
	codes := st.codes
	st.codes, st.floats = nil, nil
	global := make(map[string]int32)
	var all []string
	local := make([][]int32, len(workers))
	for i, w := range workers {
		wc := &w.cols[c]
		local[i] = make([]int32, len(wc.levels))
		for j, l := range wc.levels {
			g, ok := global[l]
			if !ok {
				g = int32(len(all))
				all = append(all, l)
				global[l] = g
			}
			local[i][j] = g
		}
		wc.dict, wc.levels = nil, nil
	}
	levels, remap, kind := finalLevels(all)
	for i := range local {
		for j, g := range local[i] {
			local[i][j] = remap[g]
		}
	}
	// The first value that turned the column to text, in file order, is
	// its first value that is not a number. If it is a typo in a column of
	// numbers, some levels are numbers: count their values too.
	var first *inferra.Cell
	for _, w := range workers {
		if first = w.cols[c].first; first != nil {
			break
		}
	}
	var numeric []bool
	if first != nil && kind != inferra.Boolean {
		numeric = numericLevels(levels)
	}
	counts := make([]int, len(workers))
	numbers := make([]int, len(workers))
	run(workers, func(w *worker) {
		i := slices.Index(workers, w)
		m, n, k := local[i], 0, 0
		cs := codes[w.row0 : w.row0+w.rows]
		if numeric == nil {
			for r, v := range cs {
				if v >= 0 {
					cs[r] = m[v]
					n++
				}
			}
		} else {
			for r, v := range cs {
				if v >= 0 {
					g := m[v]
					cs[r] = g
					n++
					if numeric[g] {
						k++
					}
				}
			}
		}
		counts[i], numbers[i] = n, k
	})
	count, nums := 0, 0
	for i := range counts {
		count += counts[i]
		nums += numbers[i]
	}
	if kind == inferra.Categorical && isTextual(len(levels), count) {
		kind = inferra.Text
	}
	col := &inferra.Column{Kind: kind, Codes: codes, Levels: levels}
	if numeric != nil && 2*nums > count {
		col.NonNumeric = first
	}
	return col
}

// numericLevels reports which levels look like numbers, with a decimal
// point or a decimal comma, or returns nil when none does.
func numericLevels(levels []string) []bool {
	var numeric []bool
	for i, l := range levels {
		if isNumber(l) || isDecimalComma(l) {
			if numeric == nil {
				numeric = make([]bool, len(levels))
			}
			numeric[i] = true
		}
	}
	return numeric
}

// finalLevels sorts distinct levels and returns the column's levels, the
// code each of the given levels maps to, and the column's kind: Boolean,
// with levels exactly "false" and "true", when every level is true or false
// in any case; Categorical otherwise.
func finalLevels(levels []string) (final []string, remap []int32, kind inferra.Kind) {
	remap = make([]int32, len(levels))
	boolean := len(levels) > 0
	for _, l := range levels {
		if !strings.EqualFold(l, "true") && !strings.EqualFold(l, "false") {
			boolean = false
			break
		}
	}
	if boolean {
		for i, l := range levels {
			if strings.EqualFold(l, "true") {
				remap[i] = 1
			}
		}
		return []string{"false", "true"}, remap, inferra.Boolean
	}
	order := make([]int32, len(levels))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(levels[a], levels[b]) })
	final = make([]string, len(levels))
	for rank, i := range order {
		final[rank] = levels[i]
		remap[i] = int32(rank)
	}
	return final, remap, inferra.Categorical
}

// isTextual reports whether a column with this many distinct labels among
// count values is free text rather than categories.
func isTextual(distinct, count int) bool {
	return distinct > 50 && 2*distinct > count
}

// scanQuoted reads the quoted field whose opening quote is at data[pos].
// It returns the field's value (in *scratch when quotes were doubled), the
// position just past the field and any spaces after it, the number of line
// breaks (brk bytes) inside, and 0 or the kind of error.
func scanQuoted(data []byte, pos, end int, delim, brk byte, scratch *[]byte) (val []byte, next, lines, kind int) {
	s := pos + 1
	i := s
	escaped := false
	for {
		j := bytes.IndexByte(data[i:end], '"')
		if j < 0 {
			return nil, end, bytes.Count(data[s:end], []byte{brk}), errUnterminated
		}
		i += j
		if i+1 < end && data[i+1] == '"' {
			escaped = true
			i += 2
			continue
		}
		break
	}
	val = data[s:i]
	lines = bytes.Count(val, []byte{brk})
	if escaped {
		buf := (*scratch)[:0]
		for k := 0; k < len(val); k++ {
			buf = append(buf, val[k])
			if val[k] == '"' {
				k++ // skip the second quote of the pair
			}
		}
		*scratch = buf
		val = buf
	}
	next = i + 1
	for next < end && data[next] == ' ' {
		next++
	}
	if next < end && data[next] == '\r' && (next+1 == end || data[next+1] == '\n') {
		next++
	}
	if next < end && data[next] != delim && data[next] != '\n' {
		return nil, next, lines, errAfterQuote
	}
	return val, next, lines, 0
}

// Kinds of quoting error.
const (
	errUnterminated = 1 + iota
	errAfterQuote
)

func quoteError(kind, start, line, col int, name string) *ParseError {
	if kind == errUnterminated {
		return fieldError(start, col, name, inferra.Errorf(inferra.EInvalid, "line %d: the quoted field in %s is never closed; add the closing quote (\")", start, describeColumn(col, name)))
	}
	return fieldError(line, col, name, inferra.Errorf(inferra.EInvalid, "line %d, %s: a closing quote (\") is followed by more text; quote the whole field and double any quote inside it", line, describeColumn(col, name)))
}

func bareQuote(line, col int, name string) *ParseError {
	return fieldError(line, col, name, inferra.Errorf(inferra.EInvalid, "line %d, %s: a quote (\") inside an unquoted field; quote the whole field and double any quote inside it", line, describeColumn(col, name)))
}

func fieldTooLong(line, col int, name string, max int) *ParseError {
	return fieldError(line, col, name, inferra.Errorf(inferra.ETooLarge, "line %d, %s: a field is longer than the limit of %d bytes", line, describeColumn(col, name), max).
		WithDetail("max_field_bytes", max))
}

func describeColumn(col int, name string) string {
	if name != "" {
		return "column " + strconv.Quote(name)
	}
	return "column " + strconv.Itoa(col+1)
}

// fieldError is the error e about the field in 0-based column col, named
// name ("" in the header), of the record on the given line; the column
// detail is its name when it has one, its 1-based number otherwise.
func fieldError(line, col int, name string, e *inferra.Error) *ParseError {
	if name != "" {
		e.WithDetail("column", name)
	} else {
		e.WithDetail("column", col+1)
	}
	return parseError(line, col+1, e)
}

// trimCR drops the '\r' of a CRLF line ending from field b, which ends at
// data[pos].
func trimCR(b, data []byte, pos int) []byte {
	if n := len(b); n > 0 && b[n-1] == '\r' && (pos == len(data) || data[pos] == '\n') {
		return b[:n-1]
	}
	return b
}

// trimSpaces drops ASCII spaces around b.
func trimSpaces(b []byte) []byte {
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

// isMissing reports whether field b, spaces trimmed, is a missing value.
func isMissing(b []byte) bool {
	switch string(trimSpaces(b)) {
	case "", "NA", "NaN", "nan", "null", "NULL", "N/A", "n/a", "#N/A", ".":
		return true
	}
	return false
}

// isNumber reports whether s, spaces trimmed, is a number to parseNumber.
func isNumber(s string) bool {
	_, ok := parseNumber(trimSpaces(unsafe.Slice(unsafe.StringData(s), len(s))))
	return ok
}

// isDecimalComma reports whether s, spaces trimmed, is a number with a
// decimal comma to parseDecimalComma.
func isDecimalComma(s string) bool {
	_, ok := parseDecimalComma(trimSpaces(unsafe.Slice(unsafe.StringData(s), len(s))))
	return ok
}

// parseNumber parses a decimal number: an optional sign, digits with an
// optional point, and an optional exponent. Infinities, NaN, hexadecimal
// and numbers beyond float64 range are not numbers. The result is
// identical to strconv.ParseFloat's.
func parseNumber(b []byte) (float64, bool) {
	f, _, ok := parseNumberText(b)
	return f, ok
}

// parseNumberText is parseNumber that also reports whether b is an
// integer literal: an optional sign and digits, with no point nor
// exponent.
func parseNumberText(b []byte) (f float64, integer, ok bool) {
	f, n, st, integer := scanNumber(b)
	if n != len(b) || st == notNumber {
		return 0, false, false
	}
	if st == exact {
		return f, integer, true
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, false, false
	}
	return f, integer, true
}

// What scanNumber found.
const (
	notNumber = iota
	exact     // f is the correctly rounded value
	inexact   // a number, but only strconv can round it correctly
)

// scanNumber reads the decimal number at the start of b and returns how
// many bytes it takes, and whether it is an integer literal (no point nor
// exponent). Clinger's fast path computes the value when the
// decimal mantissa is below 2^53 and the power of ten is exactly
// representable: one exact conversion and one correctly rounded
// multiplication or division give the correctly rounded result.
func scanNumber(b []byte) (f float64, n int, st int, integer bool) {
	i := 0
	neg := false
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	var mant uint64
	start := i
	for ; i < len(b); i++ {
		c := b[i] - '0'
		if c > 9 {
			break
		}
		mant = mant*10 + uint64(c)
	}
	digits, exp := i-start, 0
	integer = true
	if i < len(b) && b[i] == '.' {
		integer = false
		i++
		frac := i
		for ; i < len(b); i++ {
			c := b[i] - '0'
			if c > 9 {
				break
			}
			mant = mant*10 + uint64(c)
		}
		digits += i - frac
		exp = frac - i
	}
	if digits == 0 {
		return 0, i, notNumber, false
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		integer = false
		j := i + 1
		eneg := false
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			eneg = b[j] == '-'
			j++
		}
		e, es := 0, j
		for ; j < len(b); j++ {
			c := b[j] - '0'
			if c > 9 {
				break
			}
			if e < 100000 {
				e = e*10 + int(c)
			}
		}
		if j == es {
			return 0, j, notNumber, false
		}
		if eneg {
			e = -e
		}
		exp += e
		i = j
	}
	if digits > 19 || mant >= 1<<53 {
		return 0, i, inexact, integer
	}
	f = float64(mant)
	switch {
	case mant == 0, exp == 0:
	case exp > 0 && exp <= 22:
		f *= pow10[exp]
	case exp < 0 && exp >= -22:
		f /= pow10[-exp]
	case exp > 22 && exp <= 22+15:
		// Move the excess into the mantissa while it stays exact.
		for k := exp - 22; k > 0; k-- {
			mant *= 10
			if mant >= 1<<53 {
				return 0, i, inexact, integer
			}
		}
		f = float64(mant) * 1e22
	default:
		return 0, i, inexact, integer
	}
	if neg {
		f = -f
	}
	return f, i, exact, integer
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}
