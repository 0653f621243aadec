package load

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/inferra/inferra"
)

// The sniffers below read a bounded prefix of the input, never the whole of
// it, so that guessing the dialect costs the same for a file of a thousand
// rows as for one of ten million.
const (
	// textPrefix is how much of the input checkText reads.
	textPrefix = 1 << 10
	// sniffBytes and sniffRecords bound what detectDelimiter and
	// detectDecimalComma read.
	sniffBytes   = 64 << 10
	sniffRecords = 50
)

// binaryFormats are the signatures of the binary files people most often
// upload in place of a CSV file, with what to call each and what to do.
var binaryFormats = []struct {
	magic, name, advice string
}{
	{"PK\x03\x04", "a ZIP archive", "unzip it and upload the CSV file inside"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Excel workbook (.xls) or another Office document", "open it and save it as CSV (UTF-8)"},
	{"%PDF-", "a PDF document", "export its table as CSV"},
	{"\x89PNG\r\n\x1A\n", "a PNG image", "upload the data the chart was drawn from, as CSV"},
	{"\xFF\xD8\xFF", "a JPEG image", "upload the data as CSV"},
	{"GIF8", "a GIF image", "upload the data as CSV"},
	{"\x1F\x8B", "a gzip archive", "decompress it and upload the CSV file"},
	{"PAR1", "a Parquet file", "export it as CSV"},
	{"SQLite format 3\x00", "an SQLite database", "export the table as CSV"},
	{"\x7FELF", "a program (an ELF executable)", "upload the data as CSV"},
	{"\xFF\xFE", "UTF-16 text", "save it as UTF-8 (in Excel: \"CSV UTF-8\")"},
	{"\xFE\xFF", "UTF-16 text", "save it as UTF-8 (in Excel: \"CSV UTF-8\")"},
}

// checkText returns an EUnsupported error, whose message says "not a text
// file", when the start of data shows a binary file: a known signature
// (an Excel workbook, a ZIP archive, a PDF, an image…), or NUL and control
// bytes and bytes that are not UTF-8 making up a tenth of the first KiB
// (minOddBytes at least). The error's details name the "format" when it is known.
// Only that prefix is read.
//
// A stray NUL or a few bytes of another encoding in a text file are left
// to the store, which refuses them naming their line and column (see
// store.CheckDataset): a better message than "not a text file".
func checkText(data []byte) *inferra.Error {
	prefix := data[:min(len(data), textPrefix)]
	for _, f := range binaryFormats {
		if len(prefix) < len(f.magic) || string(prefix[:len(f.magic)]) != f.magic {
			continue
		}
		name := f.name
		advice := f.advice
		if f.magic == "PK\x03\x04" && isWorkbook(prefix) {
			name, advice = "an Excel workbook (.xlsx)", "open it in Excel and save it as CSV (\"CSV UTF-8\"), then upload that file"
		}
		return notText("this is "+name+", not a text file; "+advice, name)
	}
	control, invalid := oddBytes(prefix, len(prefix) < len(data))
	if n := control + invalid; n < minOddBytes || 10*n < len(prefix) {
		return nil
	}
	if control > 0 {
		return notText("this is not a text file: its first "+strconv.Itoa(len(prefix))+" bytes hold "+strconv.Itoa(control)+" NUL or control bytes; upload the data as a CSV file", "")
	}
	return notText("this is not a text file in UTF-8: "+strconv.Itoa(invalid)+" of its first "+strconv.Itoa(len(prefix))+" bytes are not UTF-8; if it is text in another encoding, save it as UTF-8 (in Excel: \"CSV UTF-8\") and upload it again", "")
}

// minOddBytes is the least number of bytes that text does not hold that
// makes checkText call a file binary: fewer, in a short file, are stray
// bytes in a text file, which the store names by line and column.
const minOddBytes = 8

// notText is checkText's error: EUnsupported with the format, if known.
func notText(msg, format string) *inferra.Error {
	e := inferra.Errorf(inferra.EUnsupported, "%s", msg)
	if format != "" {
		e.WithDetail("format", format)
	}
	return e
}

// isWorkbook reports whether a ZIP archive that starts with prefix is an
// Office Open XML workbook: its first entries name the workbook's parts.
func isWorkbook(prefix []byte) bool {
	return bytes.Contains(prefix, []byte("xl/")) ||
		(bytes.Contains(prefix, []byte("[Content_Types].xml")) && !bytes.Contains(prefix, []byte("word/")) && !bytes.Contains(prefix, []byte("ppt/")))
}

// oddBytes counts the bytes of b that text does not hold: NUL and other
// control bytes (but tab, line breaks and form feed), and bytes that are
// not UTF-8. When cut is true, b is a prefix of the input and a sequence
// that the cut leaves incomplete at its end is not counted.
func oddBytes(b []byte, cut bool) (control, invalid int) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F {
				control++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if cut && !utf8.FullRune(b[i:]) {
				break
			}
			invalid++
		}
		i += n
	}
	return control, invalid
}

// delimiters are the delimiters detectDelimiter chooses among, in the
// order that breaks ties.
const delimiters = ",;\t|"

// delimiterIndex maps each byte of delimiters to its index plus one.
var delimiterIndex = [256]int8{',': 1, ';': 2, '\t': 3, '|': 4}

// detectDelimiter returns the delimiter of the CSV data (from its header
// on), read from its first records only (sniffBytes, sniffRecords): the
// one of ',', ';', '\t' and '|' that occurs outside quotes in the header
// and as often in every record read after it, the most frequent such one
// when several do; when none is that consistent, the most frequent in the
// header; ',' when none occurs there.
func detectDelimiter(data []byte) byte {
	cut := len(data) > sniffBytes
	data = data[:min(len(data), sniffBytes)]
	var header [len(delimiters)]int
	var counts [len(delimiters)]int
	var consistent [len(delimiters)]bool
	for i := range consistent {
		consistent[i] = true
	}
	records, quoted := 0, false
	for i := 0; i < len(data) && records < sniffRecords; i++ {
		c := data[i]
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' {
			if records == 0 {
				header = counts
			} else if !isBlankRecord(data, i) {
				for k := range counts {
					consistent[k] = consistent[k] && counts[k] == header[k]
				}
			}
			counts = [len(delimiters)]int{}
			records++
			continue
		}
		if k := delimiterIndex[c]; k > 0 {
			counts[k-1]++
		}
	}
	if records == 0 {
		header = counts
	} else if cut && records < sniffRecords {
		// The last record read may be cut short: it is not evidence.
	} else if !quoted && counts != ([len(delimiters)]int{}) {
		for k := range counts {
			consistent[k] = consistent[k] && counts[k] == header[k]
		}
	}
	best := -1
	for k := range header {
		if header[k] > 0 && consistent[k] && (best < 0 || header[k] > header[best]) {
			best = k
		}
	}
	if best < 0 {
		best = 0
		for k := range header {
			if header[k] > header[best] {
				best = k
			}
		}
	}
	return delimiters[best]
}

// isBlankRecord reports whether the record ending at data[end] (a line
// break) is a blank line, which the parser skips.
func isBlankRecord(data []byte, end int) bool {
	return end == 0 || data[end-1] == '\n' || (data[end-1] == '\r' && (end == 1 || data[end-2] == '\n'))
}

// detectDecimalComma reports whether the fields of the data (after the
// header), delimited by delim, write decimals with a comma: among the
// fields of its first records (sniffBytes, sniffRecords), more are
// numbers with a decimal comma ("1,5", "-0,25", "1.234,5") than numbers
// with a decimal point. Only a delimiter other than ',' allows it.
func detectDecimalComma(data []byte, delim byte) bool {
	if delim == ',' || delim == '.' {
		return false
	}
	data = data[:min(len(data), sniffBytes)]
	comma, point := 0, 0
	records := 0
	for len(data) > 0 && records < sniffRecords {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		records++
		line = bytes.TrimSuffix(line, []byte{'\r'})
		for len(line) > 0 {
			f := line
			if i := bytes.IndexByte(line, delim); i >= 0 {
				f, line = line[:i], line[i+1:]
			} else {
				line = nil
			}
			f = trimSpaces(bytes.Trim(trimSpaces(f), `"`))
			switch {
			case bytes.IndexByte(f, ',') >= 0:
				if _, ok := parseDecimalComma(f); ok {
					comma++
				}
			case bytes.IndexByte(f, '.') >= 0:
				if _, ok := parseNumber(f); ok {
					point++
				}
			}
		}
	}
	return comma > point
}

// parseDecimalComma parses a number written with a decimal comma, as in
// much of Europe: "1,5", "-0,25", "1,5e3", and with points grouping the
// thousands only where that is unambiguous, that is alongside a decimal
// comma and in groups of three ("1.234,5", "12.345.678,0"). Integers
// ("12") parse as usual. A point alone ("1.5", "1.234") is ambiguous in
// such a file, so it is not a number here.
func parseDecimalComma(b []byte) (float64, bool) {
	f, _, ok := parseDecimalCommaText(b)
	return f, ok
}

// parseDecimalCommaText is parseDecimalComma that also reports whether b
// is an integer literal.
func parseDecimalCommaText(b []byte) (f float64, integer, ok bool) {
	comma := bytes.IndexByte(b, ',')
	point := bytes.IndexByte(b, '.')
	if point < 0 {
		if comma < 0 {
			return parseNumberText(b)
		}
		if bytes.IndexByte(b[comma+1:], ',') >= 0 {
			return 0, false, false
		}
		var buf [64]byte
		if len(b) > len(buf) {
			return 0, false, false
		}
		n := copy(buf[:], b)
		buf[comma] = '.'
		f, _, ok = parseNumberText(buf[:n])
		return f, false, ok
	}
	if comma < point || !groupedThousands(b[:comma]) || bytes.IndexByte(b[comma+1:], ',') >= 0 {
		return 0, false, false
	}
	var buf [64]byte
	out := buf[:0]
	if len(b) > len(buf) {
		return 0, false, false
	}
	for i, c := range b {
		switch {
		case c == '.':
		case i == comma:
			out = append(out, '.')
		default:
			out = append(out, c)
		}
	}
	f, _, ok = parseNumberText(out)
	return f, false, ok
}

// groupedThousands reports whether b is an optional sign and digits
// grouped in threes by points, with one to three digits first:
// "1.234", "-12.345.678".
func groupedThousands(b []byte) bool {
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		b = b[1:]
	}
	groups := bytes.Split(b, []byte{'.'})
	if len(groups) < 2 {
		return false
	}
	for i, g := range groups {
		if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return false
		}
		for _, c := range g {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}
