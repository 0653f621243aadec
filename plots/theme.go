package plots

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"strings"
	"sync"

	"github.com/inferra/inferra"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The theme: one sans-serif face (Liberation Sans, embedded in gonum/plot,
// so the rendering never depends on the fonts of the machine), dark grey
// text, a light grid, and the Okabe–Ito palette, whose eight colours stay
// distinct under the common forms of colour blindness.
var (
	sans = font.Font{Typeface: "Liberation", Variant: "Sans"}
	bold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}

	ink      = color.RGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xff}
	softInk  = color.RGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
	gridGrey = color.RGBA{R: 0xe4, G: 0xe4, B: 0xe4, A: 0xff}

	// palette is Okabe and Ito's colour-blind-safe set, blue first.
	palette = []color.RGBA{
		{R: 0x00, G: 0x72, B: 0xb2, A: 0xff}, // blue
		{R: 0xe6, G: 0x9f, B: 0x00, A: 0xff}, // orange
		{R: 0x00, G: 0x9e, B: 0x73, A: 0xff}, // bluish green
		{R: 0xcc, G: 0x79, B: 0xa7, A: 0xff}, // reddish purple
		{R: 0x56, G: 0xb4, B: 0xe9, A: 0xff}, // sky blue
		{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff}, // vermillion
		{R: 0xf0, G: 0xe4, B: 0x42, A: 0xff}, // yellow
		{R: 0x99, G: 0x99, B: 0x99, A: 0xff}, // grey (for Okabe and Ito's black, under which a median line would vanish)
	}
	// accent draws fitted lines and reference lines.
	accent = color.RGBA{R: 0xd5, G: 0x5e, B: 0x00, A: 0xff}
)

// colour returns palette colour i (cycling) with alpha a (0–1).
func colour(i int, a float64) color.NRGBA {
	c := palette[i%len(palette)]
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: uint8(a*255 + 0.5)}
}

func style(f font.Font, size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(f, size), Handler: plot.DefaultTextHandler}
}

// newPlot returns a plot in the theme, with axis labels, and a light grid
// (horizontal lines only when vertical is false).
func newPlot(xlabel, ylabel string, vertical bool) *plot.Plot {
	p := plot.New()
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 12)
		a.Label.TextStyle.Color = ink
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = font.From(sans, 10)
		a.Tick.Label.Color = softInk
		a.Tick.Color = softInk
		a.Color = softInk
		a.Padding = vg.Points(4)
		a.Tick.Marker = niceTicks{}
	}
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	p.Legend.TextStyle = style(sans, 10, ink)
	p.Legend.Top = true
	p.Legend.Padding = vg.Points(4)
	p.Legend.YOffs = -vg.Points(2)
	g := plotter.NewGrid()
	g.Horizontal.Color, g.Vertical.Color = gridGrey, gridGrey
	g.Horizontal.Width, g.Vertical.Width = vg.Points(0.6), vg.Points(0.6)
	if !vertical {
		g.Vertical.Color = nil
	}
	p.Add(g)
	return p
}

// margin is the share of an axis's data range left free beyond its ends,
// so that no whisker, point or bar sits on the frame (ggplot2's 5%).
const margin = 0.05

// pad widens axis a by margin at its low and high ends, as asked: a count
// axis keeps its zero (pad only the top), a nominal axis needs none.
func pad(a *plot.Axis, low, high bool) {
	r := a.Max - a.Min
	if !(r > 0) || math.IsInf(r, 0) {
		return
	}
	if low {
		a.Min -= margin * r
	}
	if high {
		a.Max += margin * r
	}
}

// figure is a themed plot with the header drawn above it and, when
// legend is set, a legend with its title beside the plot, where it can
// cover no data.
type figure struct {
	plot            *plot.Plot
	title, subtitle string
	legend          *plot.Legend
	legendTitle     string
}

// newLegend returns an empty legend in the theme, to be drawn beside the
// plot by a figure.
func newLegend() *plot.Legend {
	l := plot.NewLegend()
	l.TextStyle = style(sans, 10, ink)
	l.Top, l.Left = true, true
	l.Padding = vg.Points(4)
	l.ThumbnailWidth = vg.Points(18)
	return &l
}

// draw draws the header and the plot on c.
func (f *figure) draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	const margin = 12
	c = draw.Crop(c, margin, -margin, margin/2, -margin)
	ts := style(bold, 15, ink)
	ts.YAlign = draw.YTop
	y := c.Max.Y
	c.FillText(ts, vg.Point{X: c.Min.X, Y: y}, f.title)
	y -= ts.Height(f.title) + 3
	if f.subtitle != "" {
		ss := style(sans, 11, softInk)
		ss.YAlign = draw.YTop
		sub := wrap(ss, f.subtitle, c.Size().X)
		c.FillText(ss, vg.Point{X: c.Min.X, Y: y}, sub)
		y -= ss.Height(sub)
	}
	y -= 8
	body := draw.Crop(c, 0, 0, 0, y-c.Max.Y)
	if f.legend == nil {
		f.plot.Draw(body)
		return
	}
	ts = style(bold, 10, ink)
	ts.YAlign = draw.YTop
	width := max(f.legend.Rectangle(body).Size().X, ts.Width(f.legendTitle))
	width = min(width, body.Size().X/3)
	const gap = 14
	f.plot.Draw(draw.Crop(body, 0, -(width + gap), 0, 0))
	side := draw.Crop(body, body.Size().X-width, 0, 0, 0)
	top := side.Max.Y - 2
	if f.legendTitle != "" {
		side.FillText(ts, vg.Point{X: side.Min.X, Y: top}, f.legendTitle)
		top -= ts.Height(f.legendTitle) + 4
	}
	f.legend.Draw(draw.Crop(side, 0, 0, 0, top-side.Max.Y))
}

// encode renders the figure as PNG and as SVG, the two at once. An axis
// whose range is not finite (a fitted band or a density grid reaching past
// the largest float, or a range wider than a float holds) is an EInvalid
// error: its scale would turn every coordinate into NaN, on which the
// rasteriser never finishes.
func (f *figure) encode(ctx context.Context, opt Options) (pngData, svgData []byte, err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for _, a := range []struct {
		name string
		axis *plot.Axis
	}{{"horizontal", &f.plot.X}, {"vertical", &f.plot.Y}} {
		if lo, hi := a.axis.Min, a.axis.Max; !finite(lo, hi, hi-lo) {
			return nil, nil, inferra.Errorf(inferra.EInvalid,
				"%q cannot be drawn: its %s axis would run from %s to %s, a range wider than the largest float (about 1.8e308); rescale the data",
				f.title, a.name, fmtG(lo), fmtG(hi))
		}
	}
	opt = opt.withDefaults()
	w := vg.Length(opt.Width) / vg.Length(opt.DPI) * vg.Inch
	h := vg.Length(opt.Height) / vg.Length(opt.DPI) * vg.Inch

	var wg sync.WaitGroup
	var svgErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		sv := vgsvg.New(w, h)
		f.draw(draw.New(sv))
		var sb bytes.Buffer
		if _, err := sv.WriteTo(&sb); err != nil {
			svgErr = fmt.Errorf("plots: encoding SVG: %w", err)
			return
		}
		// Liberation Sans has Arial's metrics: naming Arial and the
		// generic family after it keeps a viewer without Liberation from
		// falling back to a serif face, and the text the same width.
		svg := bytes.ReplaceAll(sb.Bytes(), []byte("font-family:Liberation Sans;"),
			[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
		// vgsvg labels the PNG it embeds (a density's cells) image/jpg,
		// which strict renderers such as librsvg refuse to draw.
		svgData = bytes.ReplaceAll(svg, []byte("data:image/jpg;base64,iVBOR"), []byte("data:image/png;base64,iVBOR"))
	}()

	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(opt.DPI), vgimg.UseBackgroundColor(color.White))
	f.draw(draw.New(img))
	var pb bytes.Buffer
	// Fast compression: a chart is mostly flat colour, which the fastest
	// level packs nearly as well, in a third of the time.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&pb, img.Image()); err != nil {
		return nil, nil, fmt.Errorf("plots: encoding PNG: %w", err)
	}
	wg.Wait()
	if svgErr != nil {
		return nil, nil, svgErr
	}
	return pb.Bytes(), svgData, nil
}

func withAlpha(c color.RGBA, a float64) color.NRGBA {
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: uint8(a*255 + 0.5)}
}

// wrap breaks a subtitle made of parts joined by " · " into lines no
// wider than width, breaking between parts.
func wrap(st text.Style, s string, width vg.Length) string {
	parts := strings.Split(s, " · ")
	var lines []string
	cur := parts[0]
	for _, p := range parts[1:] {
		if st.Width(cur+" · "+p) > width {
			lines = append(lines, cur)
			cur = p
			continue
		}
		cur += " · " + p
	}
	return strings.Join(append(lines, cur), "\n")
}
