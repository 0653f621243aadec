package server

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/inferra/inferra/load"
	"github.com/inferra/inferra/stats"
)

// chromiumPath returns the headless browser for the UI test. In CI
// (CI=true or INFERRA_CI=1) a missing browser fails the test; elsewhere it
// skips it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("INFERRA_CI") == "1" || os.Getenv("CI") == "true" {
		t.Fatal("no Chromium at /usr/bin/chromium: .ci/run installs it (apt-get install -y chromium)")
	}
	t.Skip("no Chromium at /usr/bin/chromium (apt-get install -y chromium); skipped outside CI")
	return ""
}

// newBrowser starts headless Chromium at exe for the test, with a window
// of w × h and the flags a closed network needs, stopped when the test
// ends or after timeout.
func newBrowser(t *testing.T, exe string, timeout time.Duration, w, h int) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(w, h),
	)
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc(); cancel() })
	return bctx
}

// TestUIEndToEnd drives the built-in UI in headless Chromium: upload a
// CSV file, see its schema, ask a question, see the p-value, the report
// and the chart; ask a vague question, pick a candidate; delete a job
// from the history.
func TestUIEndToEnd(t *testing.T) {
	exe := chromiumPath(t)
	hs := uiServer(t, newRealService(t))

	data, err := filepath.Abs("../testdata/data/plants.csv")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := load.File(data, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := stats.Run(context.Background(), ds, "ttest_ind", map[string]string{"group": "treatment", "value": "yield"})
	if err != nil {
		t.Fatal(err)
	}
	wantP := want.Stats.(*stats.TTestIndResult).PValue

	bctx := newBrowser(t, exe, 90*time.Second, 1100, 1600)

	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		if err != nil {
			t.Fatalf("counting %s: %v", sel, err)
		}
		return n
	}

	err = chromedp.Do(bctx,
		chromedp.Navigate(hs.URL+"/"),
		chromedp.WaitVisible(css("#file")),
		chromedp.SetUploadFiles(css("#file"), []string{data}),
		chromedp.WaitVisible(css("#schema-table")),
		chromedp.SendKeys(css("#prompt"), "Does treatment change yield?"),
		chromedp.Click(css("#ask")),
		chromedp.WaitVisible(css("#summary-tables table.summary-table")),
		until(chartShown),
	)
	if err != nil {
		t.Fatalf("upload and ask: %v", err)
	}
	// The plain-words summary is the answer; the raw numbers wait behind
	// the details toggle, with the links to the report and the script.
	if report := text("#report"); !strings.Contains(report, "statistically significant and medium") {
		t.Errorf("the answer %q is not the summary's sentence", report)
	}
	if head := text("#summary-tables table.summary-table thead"); !strings.Contains(head, "Effect size") {
		t.Errorf("summary table head %q, want the labelled columns", head)
	}
	if n := count(`#files a[href$="/report.html"], #files a[href$="/reproduce.py"]`); n != 2 {
		t.Errorf("%d links to report.html and reproduce.py, want 2", n)
	}
	if open, _ := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.querySelector("#details").open`)); open {
		t.Error("the raw numbers are shown before the details toggle is opened")
	}
	screenshot := func(suffix string) {
		if path := os.Getenv("INFERRA_SCREENSHOT"); path != "" {
			if png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100)); err == nil {
				_ = os.WriteFile(strings.TrimSuffix(path, ".png")+suffix+".png", png, 0o644)
			}
		}
	}
	screenshot("")
	err = chromedp.Do(bctx,
		chromedp.Click(css("#details > summary")),
		chromedp.WaitVisible(css(`#result-table tr[data-key="p_value"] td`)),
		until(chartShown),
	)
	if err != nil {
		t.Fatalf("opening the details: %v", err)
	}
	if n := count("#schema-table tbody tr"); n != 4 {
		t.Errorf("schema table shows %d columns, want 4", n)
	}
	pText := text(`#result-table tr[data-key="p_value"] td`)
	p, err := strconv.ParseFloat(strings.TrimSpace(pText), 64)
	if err != nil || p <= 0 || p >= 1 || (p-wantP)/wantP > 0.05 || (wantP-p)/wantP > 0.05 {
		t.Errorf("shown p-value %q, want about %g", pText, wantP)
	}
	if report := text("#report"); !strings.Contains(report, "yield") {
		t.Errorf("report %q does not mention yield", report)
	}
	screenshot("-details")

	// A vague question: the UI shows the clarifying question and the
	// candidates; clicking one runs it.
	vctx, cancelV := context.WithTimeout(bctx, 15*time.Second)
	defer cancelV()
	err = chromedp.Do(vctx,
		js(`document.querySelector("#prompt").value = ""`),
		chromedp.SendKeys(css("#prompt"), "is there a difference"),
		chromedp.Click(css("#ask")),
		chromedp.WaitVisible(css("#clarify button.candidate")),
	)
	if err != nil {
		v, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector("#prompt").value + " | " + document.querySelector("#ask-status").textContent + " | " + document.querySelector("#clarify").outerHTML`))
		t.Fatalf("a vague question: %v\n%s", err, v)
	}
	if q := text("#question"); q == "" {
		t.Error("no clarifying question shown")
	}
	pctx, cancelP := context.WithTimeout(bctx, 15*time.Second)
	defer cancelP()
	err = chromedp.Do(pctx,
		chromedp.Click(css("#clarify button.candidate")),
		chromedp.WaitVisible(css(`#params-form select[name="value"]`)),
		js(`document.querySelector('#params-form select[name="group"]').value = "treatment"`),
		js(`document.querySelector('#params-form select[name="value"]').value = "yield"`),
		js(`document.querySelector('#params-form').dispatchEvent(new Event("change"))`),
	)
	if err != nil {
		t.Fatalf("picking a candidate: %v", err)
	}
	screenshot("-clarify")
	err = chromedp.Do(pctx,
		chromedp.Click(css("#run-candidate")),
		chromedp.WaitNotVisible(css("#clarify")),
		chromedp.WaitVisible(css("#summary-tables table.summary-table")),
	)
	if err != nil {
		t.Fatalf("running the candidate: %v", err)
	}

	// The API docs page renders the OpenAPI document under the same CSP.
	dctx, cancelD := context.WithTimeout(bctx, 15*time.Second)
	defer cancelD()
	if err := chromedp.Do(dctx, chromedp.Navigate(hs.URL+"/api/docs"), chromedp.WaitVisible(css("section#analyze h2"))); err != nil {
		t.Fatalf("the API docs page: %v", err)
	}
	if n := count("main#docs section"); n < 13 {
		t.Errorf("the docs page shows %d operations, want every one (13 or more)", n)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(css("#file"))); err != nil {
		t.Fatal(err)
	}

	// The history lists the jobs; deleting one (a second click confirms)
	// removes it.
	if err := chromedp.Do(bctx, until(`document.querySelectorAll("#history tbody tr[data-job]").length >= 3`)); err != nil {
		t.Fatalf("history: %v", err)
	}
	rows := count("#history tbody tr[data-job]")
	err = chromedp.Do(bctx,
		chromedp.Click(css("#history tbody tr[data-job] button.delete")),
		chromedp.Click(css("#history tbody tr[data-job] button.delete.confirm")),
		until(`document.querySelectorAll("#history tbody tr[data-job]").length === `+strconv.Itoa(rows-1)),
	)
	if err != nil {
		t.Fatalf("deleting from the history (%d rows): %v", rows, err)
	}
}
