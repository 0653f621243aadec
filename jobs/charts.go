package jobs

import (
	"context"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/plots"
)

// DrawCharts is the Config.Charts of the product, drawn by package plots:
// the chart of a chart analysis, or the companion of a test, as a PNG and
// an SVG named after the chart (boxplot.png, boxplot.svg).
func DrawCharts(ctx context.Context, ds *inferra.Dataset, analysis string, params map[string]string) ([]Chart, error) {
	charts, err := plots.ForJob(ctx, ds, analysis, params, plots.Options{})
	if err != nil {
		return nil, err
	}
	var out []Chart
	for _, c := range charts {
		out = append(out,
			Chart{Name: c.Name + ".png", ContentType: "image/png", Data: c.PNG,
				Stats: c.Stats, Report: c.Report, RowsUsed: c.RowsUsed, RowsDropped: c.RowsDropped},
			Chart{Name: c.Name + ".svg", ContentType: "image/svg+xml", Data: c.SVG})
	}
	return out, nil
}
