package plots_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/golden")

// goldenCases are the charts kept as golden images: every chart id, with
// and without hue, small and large enough to be drawn as a density.
var goldenCases = []struct {
	name, data, id string
	params         map[string]string
}{
	{"boxplot_plants", "plants.csv", "boxplot", map[string]string{"group": "treatment", "value": "yield"}},
	{"boxplot_coded", "coded.csv", "boxplot", map[string]string{"group": "group", "value": "response"}},
	{"histogram_houses", "houses.csv", "histogram", map[string]string{"x": "price"}},
	{"histogram_bins", "houses.csv", "histogram", map[string]string{"x": "age", "bins": "8"}},
	{"kde_houses", "houses.csv", "kde", map[string]string{"x": "price"}},
	{"kde_hue", "trial.csv", "kde", map[string]string{"x": "response", "hue": "treat"}},
	{"scatter_houses", "houses.csv", "scatter", map[string]string{"x": "floor.area", "y": "price"}},
	{"scatter_hue", "houses.csv", "scatter", map[string]string{"x": "floor.area", "y": "price", "hue": "region"}},
	{"scatter_density", "large.csv", "scatter", map[string]string{"x": "x", "y": "y"}},
	{"regplot_houses", "houses.csv", "regplot", map[string]string{"x": "floor.area", "y": "price"}},
	{"regplot_density", "large.csv", "regplot", map[string]string{"x": "value", "y": "x"}},
	{"residuals_houses", "houses.csv", "residuals", map[string]string{"formula": "price ~ Q('floor.area') + age + region"}},
	{"crosstab_survey", "survey.csv", "crosstab", map[string]string{"x": "region", "y": "age_group"}},
	{"crosstab_strata", "survey.csv", "crosstab", map[string]string{"x": "sex", "y": "smoker", "strata": "region"}},
	{"qqplot_shapes", "shapes.csv", "qqplot", map[string]string{"x": "height"}},
	{"qqplot_gamma", "shapes.csv", "qqplot", map[string]string{"x": "income", "dist": "gamma"}},
	{"qqplot_thinned", "large.csv", "qqplot", map[string]string{"x": "x", "test": "lilliefors"}},
	{"ecdf_groups", "welch.csv", "ecdf", map[string]string{"group": "batch", "value": "strength"}},
	{"ecdf_columns", "spread.csv", "ecdf", map[string]string{"x": "left", "y": "right"}},
}

var datasets sync.Map

func dataset(t testing.TB, name string) *inferra.Dataset {
	t.Helper()
	if ds, ok := datasets.Load(name); ok {
		return ds.(*inferra.Dataset)
	}
	ds, err := load.File(filepath.Join("..", "testdata", "data", name), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	datasets.Store(name, ds)
	return ds
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ch, err := plots.Render(context.Background(), dataset(t, c.data), c.id, c.params, plots.Options{})
			if err != nil {
				t.Fatalf("Render(%s, %v): %v", c.id, c.params, err)
			}
			got := decodePNG(t, ch.PNG)
			checkPicture(t, got)
			checkSVG(t, ch.SVG)
			path := filepath.Join("testdata", "golden", c.name+".png")
			if *update {
				if err := os.WriteFile(path, ch.PNG, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./plots -update to create it)", err)
			}
			want := decodePNG(t, raw)
			if frac := differingPixels(got, want); frac > 0.002 {
				_ = os.WriteFile(filepath.Join(t.TempDir(), c.name+".png"), ch.PNG, 0o644)
				t.Errorf("%s differs from %s in %.2f%% of the pixels (tolerance 0.2%%); look at both, then run go test ./plots -update if the change is right",
					c.name, path, 100*frac)
			}
		})
	}
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img
}

// checkPicture checks the PNG's size and that it is not blank: it has
// white background, dark ink (text, axes) and some colour.
func checkPicture(t *testing.T, img image.Image) {
	t.Helper()
	b := img.Bounds()
	if b.Dx() < 800 || b.Dy() < 600 {
		t.Errorf("PNG is %d×%d, want at least 800×600", b.Dx(), b.Dy())
	}
	var white, dark, coloured int
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			switch {
			case r > 250 && g > 250 && bl > 250:
				white++
			case r < 80 && g < 80 && bl < 80:
				dark++
			}
			if max(r, g, bl)-min(r, g, bl) > 60 {
				coloured++
			}
		}
	}
	total := (b.Dx() / 2) * (b.Dy() / 2)
	if white < total/4 || dark < 200 || coloured < 200 {
		t.Errorf("picture looks blank or unthemed: %d white, %d dark, %d coloured of %d sampled pixels", white, dark, coloured, total)
	}
}

// checkSVG checks that the SVG is well-formed XML with a size.
func checkSVG(t *testing.T, b []byte) {
	t.Helper()
	var doc struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("SVG does not parse: %v", err)
	}
	if doc.XMLName.Local != "svg" || doc.Width == "" || doc.Height == "" {
		t.Errorf("SVG root = %s width %q height %q, want svg with a size", doc.XMLName.Local, doc.Width, doc.Height)
	}
}

// differingPixels returns the fraction of pixels whose colour differs by
// more than 24/255 in some channel (anti-aliasing may move a little).
func differingPixels(a, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	r := a.Bounds()
	diff := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			if far(ar, br) || far(ag, bg) || far(ab, bb) {
				diff++
			}
		}
	}
	return float64(diff) / float64(r.Dx()*r.Dy())
}

func far(a, b uint32) bool {
	d := int(a>>8) - int(b>>8)
	return d > 24 || d < -24
}
