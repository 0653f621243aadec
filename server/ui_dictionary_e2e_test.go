package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestUIDictionary drives the UI in headless Chromium: choose a data
// dictionary, then the CSV file; the schema shows each description under
// its column and the labelled levels, and a question only the dictionary
// makes answerable is answered. INFERRA_SCREENSHOT_DICTIONARY=FILE.png
// saves the page.
func TestUIDictionary(t *testing.T) {
	exe := chromiumPath(t)
	hs := uiServer(t, newRealService(t))
	data, err := filepath.Abs("../testdata/data/cars.csv")
	if err != nil {
		t.Fatal(err)
	}
	dict, err := filepath.Abs("../testdata/data/cars.dictionary.json")
	if err != nil {
		t.Fatal(err)
	}
	bctx := newBrowser(t, exe, 60*time.Second, 1100, 1400)

	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	err = chromedp.Do(bctx,
		chromedp.Navigate(hs.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#dictionary"), []string{dict}),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{data}),
		chromedp.WaitVisible(chromedp.CSS("#schema-table .column-description")),
	)
	if err != nil {
		t.Fatalf("upload with a dictionary: %v", err)
	}
	// A hidden element stays hidden whatever its class's display (the
	// candidates' form is a flex box).
	shown, err := chromedp.Run(bctx, chromedp.Evaluate[string](`getComputedStyle(document.getElementById("params-form")).display`))
	if err != nil || shown != "none" {
		t.Errorf("the hidden candidates' form has display %q (%v), want none", shown, err)
	}
	described := text("#schema-table tbody")
	labels := text("#schema-table tbody tr:last-child td:last-child")
	err = chromedp.Do(bctx,
		chromedp.SendKeys(chromedp.CSS("#prompt"), "Do manual cars get better fuel economy than automatic ones?"),
		chromedp.Click(chromedp.CSS("#ask")),
		chromedp.WaitVisible(chromedp.CSS(`#result-table tr[data-key="p_value"] td`)),
	)
	if err != nil {
		t.Fatalf("ask: %v", err)
	}
	answer := text("#report")
	if !strings.Contains(described, "gross horsepower") || !strings.Contains(described, "transmission") {
		t.Errorf("the schema does not show the descriptions: %q", described)
	}
	if !strings.Contains(labels, "0 = automatic") || !strings.Contains(labels, "1 = manual") {
		t.Errorf("am's levels are shown as %q, want their labels", labels)
	}
	if !strings.Contains(answer, "mpg") {
		t.Errorf("the answer %q is not about mpg", answer)
	}
	if path := os.Getenv("INFERRA_SCREENSHOT_DICTIONARY"); path != "" {
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
