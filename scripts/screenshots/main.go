// Command screenshots regenerates the pictures of docs/screenshots that
// the README shows: one chart of each kind, drawn by package plots from
// the shipped datasets, and the built-in UI's answer page and a job's
// report.html, taken in headless Chromium from a real `inferra serve`
// started on a loopback port with a temporary data directory.
//
// Run it from the module root with `make screenshots`, or
//
//	go run ./scripts/screenshots [-out docs/screenshots] [-chromium /usr/bin/chromium]
//
// With -charts-only it draws the charts and needs no browser.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/plots"
)

func main() {
	os.Exit(cli(os.Args[1:], os.Stderr))
}

// cli runs the command and returns its exit status, having reported an
// error on stderr.
func cli(args []string, stderr io.Writer) int {
	if err := run(args, stderr); err != nil {
		fmt.Fprintln(stderr, "screenshots:", err)
		return 1
	}
	return 0
}

// run parses args and writes the pictures.
func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("screenshots", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "docs/screenshots", "`directory` to write the PNGs into")
	data := fs.String("data", "testdata/data", "`directory` of the shipped datasets")
	goCmd := fs.String("go", "go", "the go `command` that builds inferra")
	chromium := fs.String("chromium", "", "headless Chromium `path` (default $CHROMIUM, else /usr/bin/chromium)")
	chartsOnly := fs.Bool("charts-only", false, "draw the charts only, with no server and no browser")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	ctx := context.Background()
	written, err := drawCharts(ctx, *data, *out)
	for _, p := range written {
		fmt.Fprintln(stderr, "wrote", p)
	}
	if err != nil || *chartsOnly {
		return err
	}
	exe := *chromium
	if exe == "" {
		exe = os.Getenv("CHROMIUM")
	}
	if exe == "" {
		exe = "/usr/bin/chromium"
	}
	tmp, err := os.MkdirTemp("", "inferra-screenshots")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	url, stop, err := startServer(ctx, *goCmd, tmp)
	if err != nil {
		return err
	}
	defer stop()
	written, err = shootUI(ctx, exe, url, filepath.Join(*data, "plants.csv"), *out)
	for _, p := range written {
		fmt.Fprintln(stderr, "wrote", p)
	}
	return err
}

// chart is one picture of the gallery: a chart kind drawn from a shipped
// dataset.
type chart struct {
	id, dataset string
	params      map[string]string
}

// gallery is one chart of every kind, each on data that shows what the
// kind is for.
var gallery = []chart{
	{"boxplot", "plants.csv", map[string]string{"group": "treatment", "value": "yield", "test": "ttest_ind"}},
	{"scatter", "trial.csv", map[string]string{"x": "weight", "y": "response", "hue": "treat"}},
	{"regplot", "health.csv", map[string]string{"x": "bmi", "y": "sbp"}},
	{"histogram", "houses.csv", map[string]string{"x": "price"}},
	{"kde", "trial.csv", map[string]string{"x": "response", "hue": "treat"}},
	{"residuals", "health.csv", map[string]string{"formula": "sbp ~ age + bmi + chol"}},
	{"crosstab", "survey.csv", map[string]string{"x": "smoker", "y": "disease", "test": "chi2_contingency"}},
	{"qqplot", "shapes.csv", map[string]string{"x": "height", "test": "shapiro"}},
	{"ecdf", "plants.csv", map[string]string{"group": "treatment", "value": "yield"}},
}

// chartOptions draws the gallery a little smaller than the default, so
// that the PNGs stay light and read well at the README's width.
var chartOptions = plots.Options{Width: 800, Height: 600, DPI: 100}

// drawCharts draws the gallery from the datasets in dir into out as
// ID.png, and returns the paths written.
func drawCharts(ctx context.Context, dir, out string) ([]string, error) {
	var written []string
	for _, c := range gallery {
		ds, err := load.File(filepath.Join(dir, c.dataset), load.Options{})
		if err != nil {
			return written, fmt.Errorf("%s: %w", c.dataset, err)
		}
		ch, err := plots.Render(ctx, ds, c.id, c.params, chartOptions)
		if err != nil {
			return written, fmt.Errorf("%s of %s: %w", c.id, c.dataset, err)
		}
		path := filepath.Join(out, c.id+".png")
		if err := os.WriteFile(path, ch.PNG, 0o644); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}

// startServer builds inferra with goCmd and starts `inferra serve` in
// local mode on a free loopback port with its data under dir, and returns
// the address it says it is ready on and a function that stops it.
func startServer(ctx context.Context, goCmd, dir string) (url string, stop func(), err error) {
	bin := filepath.Join(dir, "inferra")
	build := exec.CommandContext(ctx, goCmd, "build", "-o", bin, "./cmd/inferra")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", nil, fmt.Errorf("building inferra: %w", err)
	}
	cmd := exec.Command(bin, "serve")
	// Only what local mode needs: no database, no identity provider, no
	// language model from the caller's environment.
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "ADDR=127.0.0.1:0",
		"DATA_DIR=" + filepath.Join(dir, "data"), "LOG_LEVEL=warn"}
	logs, err := cmd.StderrPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop = func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
	}
	found := make(chan string, 1)
	go func() {
		u, err := readyURL(logs)
		if err != nil {
			u = ""
		}
		found <- u
		_, _ = io.Copy(io.Discard, logs)
	}()
	select {
	case url = <-found:
	case <-time.After(60 * time.Second):
	}
	if url == "" {
		stop()
		return "", nil, errors.New("inferra serve did not say it was ready")
	}
	return url, stop, nil
}

// readyURL reads serve's stderr up to its line for a person ("Inferra is
// ready: open URL (Ctrl-C stops it)") and returns the URL.
func readyURL(r io.Reader) (string, error) {
	const prefix = "Inferra is ready: open "
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), prefix); ok {
			url, _, _ := strings.Cut(rest, " ")
			return url, nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", errors.New("no ready line")
}

// The question asked in the answer page's screenshot, and the browser's
// width: a desktop window.
const (
	question     = "Does the treatment change the yield?"
	desktopWidth = 1200
)

// shootUI uploads data in the UI at url, asks the question, and saves the
// answer page as answer.png and the job's report.html as report.png in
// out.
func shootUI(ctx context.Context, exe, url, data, out string) ([]string, error) {
	abs, err := filepath.Abs(data)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	profile, err := os.MkdirTemp("", "inferra-chromium")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(desktopWidth, 900),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()

	plotShown := `(() => { const i = document.querySelector("img.plot"); return !!i && i.complete && i.naturalWidth > 0; })()`
	err = chromedp.Do(bctx,
		chromedp.EmulateViewport(desktopWidth, 900),
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{abs}),
		chromedp.WaitVisible(chromedp.CSS("#schema-table")),
		chromedp.SendKeys(chromedp.CSS("#prompt"), question),
		chromedp.Click(chromedp.CSS("#ask")),
		chromedp.WaitVisible(chromedp.CSS("#summary-tables table.summary-table")),
		poll(plotShown),
		// The history of this throwaway server is one row: leave it out.
		eval(`document.querySelector("#history-section").hidden = true`),
	)
	if err != nil {
		return nil, fmt.Errorf("asking in the UI: %w", err)
	}
	var written []string
	png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		return nil, err
	}
	answer := filepath.Join(out, "answer.png")
	if err := os.WriteFile(answer, png, 0o644); err != nil {
		return nil, err
	}
	written = append(written, answer)

	report, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector("#report-link").href`))
	if err != nil {
		return written, err
	}
	err = chromedp.Do(bctx, chromedp.Navigate(report), chromedp.WaitVisible(chromedp.CSS("body")))
	if err != nil {
		return written, fmt.Errorf("opening report.html: %w", err)
	}
	png, err = chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		return written, err
	}
	path := filepath.Join(out, "report.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return written, err
	}
	return append(written, path), nil
}

// poll waits until the JavaScript expression is true.
func poll(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(30*time.Second))(ctx, tg)
		return err
	})
}

// eval runs a JavaScript statement.
func eval(stmt string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool]("("+stmt+", true)")(ctx, tg)
		return err
	})
}
