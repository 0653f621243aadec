package inferra

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// LoadOptions limits and tunes loading. The zero value is the default.
type LoadOptions struct {
	// MaxBytes is the largest input accepted, in bytes; larger input is an
	// ETooLarge error. Defaults to 512 MiB.
	MaxBytes int64
	// MaxRows is the largest number of data rows (CSV) or records (JSON).
	// Defaults to 10,000,000.
	MaxRows int
	// MaxColumns is the largest number of columns. Defaults to 1,000.
	MaxColumns int
	// MaxFieldBytes is the longest field accepted, in bytes. Defaults to
	// 64 KiB.
	MaxFieldBytes int
	// Delimiter is the CSV field delimiter. Defaults to detecting ',', ';'
	// or '\t' from the header line: the one that occurs most often outside
	// quotes, ',' when none does.
	Delimiter byte
	// Workers is how many goroutines parse a large CSV input. Defaults to
	// runtime.GOMAXPROCS(0).
	Workers int
}

// The defaults documented on LoadOptions.
const (
	defaultMaxBytes      = 512 << 20
	defaultMaxRows       = 10_000_000
	defaultMaxColumns    = 1_000
	defaultMaxFieldBytes = 64 << 10
)

// withDefaults returns opt with every zero (or negative) field replaced by
// its default.
func (opt LoadOptions) withDefaults() LoadOptions {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = defaultMaxBytes
	}
	if opt.MaxRows <= 0 {
		opt.MaxRows = defaultMaxRows
	}
	if opt.MaxColumns <= 0 {
		opt.MaxColumns = defaultMaxColumns
	}
	if opt.MaxFieldBytes <= 0 {
		opt.MaxFieldBytes = defaultMaxFieldBytes
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	return opt
}

// LoadFile loads a dataset from a file: JSON when the name ends in ".json"
// or the first byte that is not white space is '[', CSV otherwise.
func LoadFile(path string, opt LoadOptions) (d *Dataset, err error) {
	opt = opt.withDefaults()
	data, digest, err := readFile(path, opt.MaxBytes)
	if err != nil {
		return nil, err
	}
	var cols []*Column
	if strings.EqualFold(filepath.Ext(path), ".json") || looksLikeJSON(data) {
		cols, err = parseJSON(data, opt)
	} else {
		cols, err = parseCSV(data, opt)
	}
	sum := digest()
	return finish(cols, err)(sum)
}

// finish builds the dataset from the columns a parser returned; the digest
// is passed in a second call so that hashing may run until parsing ends.
func finish(cols []*Column, err error) func(digest string) (*Dataset, error) {
	return func(digest string) (*Dataset, error) {
		if err != nil {
			return nil, err
		}
		d, err := NewDataset(cols)
		if err != nil {
			return nil, err
		}
		d.SHA256 = digest
		return d, nil
	}
}

func fileChanged(path string) *Error {
	return Errorf(EInvalid, "the file %q changed while it was read", filepath.Base(path))
}

// readFile reads a file into one buffer, refusing files larger than max
// bytes before reading them, and hashes it on another goroutine as it
// arrives: digest waits for the hex SHA-256.
func readFile(path string, max int64) (data []byte, digest func() string, err error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, Errorf(ENotFound, "the file %q does not exist", filepath.Base(path))
		}
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() || st.Size() == 0 {
		// Pipes and devices have no size: read them as a stream.
		data, err := readAll(f, max)
		if err != nil {
			return nil, nil, err
		}
		return data, hashAsync(data), nil
	}
	size := st.Size()
	if size > max {
		return nil, nil, tooManyBytes(max)
	}
	// One byte more than the size, so that a file that grew since Stat is
	// noticed. The hash follows the reading piece by piece, on the core
	// that reading leaves idle. (Mapping the file instead measured slower:
	// reading mapped pages costs more than copying them once.)
	buf := make([]byte, size+1)
	prefault(buf)
	pieces := make(chan []byte, 64)
	sum := make(chan string, 1)
	go func() {
		h := sha256.New()
		for p := range pieces {
			h.Write(p)
		}
		sum <- hex.EncodeToString(h.Sum(nil))
	}()
	digest = func() string { return <-sum }
	const piece = 2 << 20
	n := 0
	for err == nil && n < len(buf) {
		var m int
		m, err = f.Read(buf[n:min(n+piece, len(buf))])
		if m > 0 {
			pieces <- buf[n : n+m]
		}
		n += m
	}
	close(pieces)
	if err != nil && err != io.EOF {
		digest()
		return nil, nil, err
	}
	if n == len(buf) {
		digest()
		return nil, nil, fileChanged(path)
	}
	return buf[:n:n], digest, nil
}

// readAll reads r to the end, refusing more than max bytes.
func readAll(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, tooManyBytes(max)
	}
	return data, nil
}

func tooManyBytes(max int64) *Error {
	return Errorf(ETooLarge, "the file is larger than the limit of %d bytes", max).WithDetail("max_bytes", max)
}

// looksLikeJSON reports whether the first byte of data that is not white
// space (after a UTF-8 byte order mark) is '['.
func looksLikeJSON(data []byte) bool {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	return len(data) > 0 && data[0] == '['
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// hashAsync starts hashing data and returns a function that waits for the
// hex digest. Hashing runs alongside parsing, which it would otherwise add
// a third to.
func hashAsync(data []byte) func() string {
	ch := make(chan string, 1)
	go func() {
		sum := sha256.Sum256(data)
		ch <- hex.EncodeToString(sum[:])
	}()
	return func() string { return <-ch }
}
