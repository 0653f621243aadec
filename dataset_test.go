package inferra_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/inferra/inferra"
)

// TestDatasetInMemory builds a dataset without a loader and reads it back:
// rows, names, columns, missing values and the groups of each kind.
func TestDatasetInMemory(t *testing.T) {
	dose := &inferra.Column{Name: "dose", Kind: inferra.Numeric, Floats: []float64{2, 1, math.NaN(), 2, math.Copysign(0, -1), 2.5}}
	arm := &inferra.Column{Name: "arm", Kind: inferra.Categorical, Codes: []int32{0, 1, inferra.Missing, 1, 0, 0}, Levels: []string{"drug", "placebo"}}
	d, err := inferra.NewDataset([]*inferra.Column{dose, arm})
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows() != 6 || !slices.Equal(d.Names(), []string{"dose", "arm"}) {
		t.Fatalf("Rows %d, Names %v; want 6 and [dose arm]", d.Rows(), d.Names())
	}
	if c, err := d.Column("arm"); err != nil || c != arm {
		t.Errorf("Column(arm) = %v, %v", c, err)
	}
	if !dose.IsMissing(2) || dose.IsMissing(0) || !arm.IsMissing(2) || arm.IsMissing(1) {
		t.Error("IsMissing does not see NaN and Missing, or sees them elsewhere")
	}
	codes, levels := dose.Groups()
	if !slices.Equal(levels, []string{"0", "1", "2", "2.5"}) || !slices.Equal(codes, []int32{2, 1, inferra.Missing, 2, 0, 3}) {
		t.Errorf("numeric Groups = %v %v", codes, levels)
	}
	if codes, levels := arm.Groups(); !slices.Equal(codes, arm.Codes) || !slices.Equal(levels, arm.Levels) {
		t.Errorf("categorical Groups = %v %v, want its own codes and levels", codes, levels)
	}
}

func TestNewDatasetRefuses(t *testing.T) {
	col := func(name string, n int) *inferra.Column {
		return &inferra.Column{Name: name, Kind: inferra.Numeric, Floats: make([]float64, n)}
	}
	for name, cols := range map[string][]*inferra.Column{
		"empty name":     {col(" ", 1)},
		"duplicate name": {col("a", 1), col("a", 1)},
		"unequal rows":   {col("a", 1), col("b", 2)},
	} {
		if _, err := inferra.NewDataset(cols); inferra.ErrorCode(err) != inferra.EInvalid {
			t.Errorf("%s: error %v, want invalid_input", name, err)
		}
	}
}

// TestUnknownColumn checks the error of a column that does not exist: the
// closest names when some are close, every name otherwise.
func TestUnknownColumn(t *testing.T) {
	d, err := inferra.NewDataset([]*inferra.Column{
		{Name: "body_mass", Kind: inferra.Numeric, Floats: []float64{1}},
		{Name: "species", Kind: inferra.Numeric, Floats: []float64{1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Column("Body.Mass")
	e := inferra.AsError(err)
	if e.Code != inferra.EInvalid || !strings.Contains(e.Message, `did you mean "body_mass"?`) || e.Details["column"] != "Body.Mass" {
		t.Errorf("Column(Body.Mass): %#v", e)
	}
	_, err = d.Column("zzzzzz")
	if msg := inferra.ErrorMessage(err); !strings.Contains(msg, "the columns are body_mass, species") {
		t.Errorf("Column(zzzzzz): %q, want the list of columns", msg)
	}
}

func TestErrorHelpers(t *testing.T) {
	e := inferra.Errorf(inferra.ENotFound, "job %s not found", "x")
	wrapped := fmt.Errorf("get: %w", e)
	plain := errors.New("disk on fire")
	if e.Error() != "job x not found" || inferra.ErrorCode(wrapped) != inferra.ENotFound || inferra.ErrorMessage(wrapped) != e.Message || inferra.AsError(wrapped) != e {
		t.Errorf("a wrapped *Error: code %q, message %q", inferra.ErrorCode(wrapped), inferra.ErrorMessage(wrapped))
	}
	if inferra.ErrorCode(plain) != inferra.EInternal || strings.Contains(inferra.ErrorMessage(plain), "disk") || inferra.AsError(plain).Code != inferra.EInternal {
		t.Errorf("a plain error: code %q, message %q; want internal and a generic message", inferra.ErrorCode(plain), inferra.ErrorMessage(plain))
	}
	if inferra.ErrorCode(nil) != "" || inferra.ErrorMessage(nil) != "" || inferra.AsError(nil) != nil {
		t.Error("a nil error is not empty")
	}
}
