package server

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestUIUploadDialects drives the upload in headless Chromium with the
// files a spreadsheet writes and one it cannot read: a European CSV (';'
// and decimal commas) shows its measures as numeric columns; a '|' file
// shows its columns; a column of numbers with a typo shows the warning
// naming it; an Excel workbook shows "not a text file", and the dataset
// uploaded before is gone from the page and from the question, not left
// looking current.
func TestUIUploadDialects(t *testing.T) {
	exe := chromiumPath(t)
	hs := uiServer(t, newRealService(t))
	dir := t.TempDir()
	file := func(name, content string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	european := file("european.csv", "site;rain;temp\nA;1,5;12,25\nB;2,75;-3,5\nC;3;1.234,5\n")
	pipes := file("pipes.csv", "id|group|score\n1|a|1.5\n2|b|2.5\n3|a|4\n")
	typo := file("typo.csv", "plot,yield\n1,4.1\n2,5.3\n3,12..5\n")
	book := file("book.xlsx", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml\"x,\"y\nxl/workbook.xml")

	bctx := newBrowser(t, exe, 90*time.Second, 1100, 1200)
	poll := func(expr string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(15*time.Second))(ctx, tg)
			return err
		})
	}
	state := func() string {
		v, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector("#data-status").textContent + " | " + document.querySelector("#schema").textContent + " | " + (document.querySelector("#data-warnings")?.textContent ?? "")`))
		return v
	}
	// upload chooses path in the file input and waits until the page shows
	// it loaded (its name over the schema) or the status is an error.
	upload := func(path string) {
		t.Helper()
		name := strconv.Quote(filepath.Base(path))
		err := chromedp.Do(bctx,
			chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path}),
			poll(`(() => { const p = document.querySelector("#schema p");
				return (!!p && p.textContent.startsWith(`+name+`)) || document.querySelector("#data-status").classList.contains("error"); })()`),
		)
		if err != nil {
			t.Fatalf("uploading %s: %v; the page shows %q", path, err, state())
		}
	}
	// kinds returns the schema table as "column:kind" pairs.
	kinds := func() string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[string](`[...document.querySelectorAll("#schema-table tbody tr")].map((r) => r.cells[0].textContent + ":" + r.cells[1].textContent).join(" ")`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	visible := func(sel string) bool {
		v, _ := chromedp.Run(bctx, chromedp.Evaluate[bool](`(() => { const e = document.querySelector(`+strconv.Quote(sel)+`); return !!e && e.offsetParent !== null; })()`))
		return v
	}

	if err := chromedp.Do(bctx, chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#file"))); err != nil {
		t.Fatal(err)
	}
	upload(european)
	if got, want := kinds(), "site:categorical rain:numeric temp:numeric"; got != want {
		t.Errorf("a European CSV shows %q, want %q (decimal commas read as numbers)", got, want)
	}
	upload(pipes)
	if got, want := kinds(), "id:numeric group:categorical score:numeric"; got != want {
		t.Errorf("a '|' CSV shows %q, want %q", got, want)
	}
	if visible("#data-warnings") {
		t.Errorf("warnings shown for a clean file: %q", state())
	}
	upload(typo)
	if w, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector("#data-warnings")?.textContent ?? ""`)); !visible("#data-warnings") || !strings.Contains(w, `column "yield" is mostly numbers but was read as text`) {
		t.Errorf("the warning about column \"yield\" is not shown: %q", state())
	}

	// A binary file fails, and takes the previous dataset off the page.
	upload(book)
	status, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#data-status")))
	if !strings.Contains(status, "not a text file") || !strings.Contains(status, "Excel workbook") || strings.Contains(status, "quote") {
		t.Errorf("an Excel workbook shows %q, want \"not a text file\" naming the workbook", status)
	}
	if got := kinds(); got != "" || visible("#schema-table") || visible("#data-warnings") {
		t.Errorf("after a failed upload the previous dataset is still shown: %q", state())
	}
	err := chromedp.Do(bctx,
		chromedp.SendKeys(chromedp.CSS("#prompt"), "Does yield differ by plot?"),
		chromedp.Click(chromedp.CSS("#ask")),
		poll(`document.querySelector("#ask-status").textContent !== ""`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if ask, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#ask-status"))); !strings.Contains(ask, "Upload or paste a dataset first") {
		t.Errorf("a question after a failed upload: %q, want to be asked for a dataset (the old one is not current)", ask)
	}
	if visible("#answer") {
		t.Error("a question after a failed upload was answered on the previous dataset")
	}
}

// uiServer serves the API and the built-in UI on the job service svc on
// loopback until the test ends.
func uiServer(t *testing.T, svc JobService) *httptest.Server {
	t.Helper()
	s, err := newServer(Config{Jobs: svc})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return hs
}
