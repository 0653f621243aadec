package load_test

import (
	"bufio"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/inferra/inferra/load"
)

// writeWorkload writes n rows shaped like scripts/bench/gen.py's benchmark
// workload (id, group, dept, x1, x2, x3, y with six decimals), so that the
// benchmarks need no Python. The values differ from gen.py's; the shape
// and size (57 MB for a million rows) match.
func writeWorkload(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(42, 0))
	depts := []string{"eng", "ops", "sales", "hr", "legal", "fin", "mkt", "rnd"}
	w.WriteString("id,group,dept,x1,x2,x3,y\n")
	var buf []byte
	for i := range n {
		treat := rng.Float64() < 0.5
		group := "control"
		if treat {
			group = "treatment"
		}
		x1, x2, x3 := rng.NormFloat64(), 5+2*rng.NormFloat64(), 10*rng.Float64()
		y := 1.5*x1 - 0.7*x2 + 0.2*x3 + rng.NormFloat64()
		if treat {
			y += 0.3
		}
		buf = strconv.AppendInt(buf[:0], int64(i), 10)
		buf = append(buf, ',')
		buf = append(buf, group...)
		buf = append(buf, ',')
		buf = append(buf, depts[rng.IntN(len(depts))]...)
		for _, v := range []float64{x1, x2, x3, y} {
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, v, 'f', 6, 64)
		}
		buf = append(buf, '\n')
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// workload returns the path of the million-row workload: /tmp/w1m.csv when
// scripts/bench/gen.py made it there, else a file of the same shape
// written for this run.
func workload(b *testing.B) string {
	b.Helper()
	if _, err := os.Stat("/tmp/w1m.csv"); err == nil {
		return "/tmp/w1m.csv"
	}
	path := filepath.Join(b.TempDir(), "w1m.csv")
	writeWorkload(b, path, 1_000_000)
	return path
}

func BenchmarkLoadFile1M(b *testing.B) {
	path := workload(b)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		d, err := load.File(path, load.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if d.Rows() != 1_000_000 {
			b.Fatalf("Rows() = %d, want 1000000", d.Rows())
		}
	}
}

func BenchmarkSchema1M(b *testing.B) {
	d, err := load.File(workload(b), load.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		d.Schema()
	}
}

func BenchmarkParseCSVSmall(b *testing.B) {
	path := filepath.Join(b.TempDir(), "small.csv")
	writeWorkload(b, path, 1000)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load.ParseCSV(data, load.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCSV1M(b *testing.B) {
	data, err := os.ReadFile(workload(b))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load.ParseCSV(data, load.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSniff measures what ParseCSV reads before parsing a file of a
// million rows: the binary check and the dialect detection, which read a
// bounded prefix, so that it costs the same for any size of file.
func BenchmarkSniff(b *testing.B) {
	data, err := os.ReadFile(workload(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if d, comma, err := load.Sniff(data); err != nil || d != ',' || comma {
			b.Fatalf("Sniff = %q, %v, %v; want ',', false, nil", d, comma, err)
		}
	}
}
