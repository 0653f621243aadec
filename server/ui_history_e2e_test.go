package server

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/inferra/inferra"
)

// uiPage drives the built-in UI of a test server in one headless Chromium
// tab. INFERRA_UI_SCREENSHOTS=DIR saves what shot takes there.
type uiPage struct {
	t   *testing.T
	ctx context.Context
	url string
}

// openUI serves svc's UI and opens it in a browser window of w × h.
func openUI(t *testing.T, svc JobService, w, h int) *uiPage {
	t.Helper()
	exe := chromiumPath(t)
	hs := uiServer(t, svc)
	p := &uiPage{t: t, ctx: newBrowser(t, exe, 120*time.Second, w, h), url: hs.URL}
	// A window is never narrower than the browser's minimum (about 500
	// px): a phone's width is emulated.
	var opts []chromedp.EmulateViewportOption
	if w < 600 {
		opts = append(opts, chromedp.EmulatePortrait, chromedp.EmulateMobile)
	}
	// The first steps start the browser, on the test's whole context.
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(int64(w), int64(h), opts...)); err != nil {
		t.Fatalf("starting the browser: %v", err)
	}
	p.do("opening the page", chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#file")))
	if got := uiEval[int](p, `window.innerWidth`); got != w {
		t.Fatalf("the page is %d px wide, want %d", got, w)
	}
	return p
}

// do runs the steps, failing the test with what they were for.
func (p *uiPage) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		state, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.querySelector("#ask-status").textContent + " | " + document.querySelector("#data-status").textContent`))
		p.t.Fatalf("%s: %v (status: %s)", what, err, state)
	}
}

// js is a step that evaluates a JavaScript statement.
func js(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool]("("+expr+", true)")(ctx, tg)
		return err
	})
}

// until is a step that waits for a JavaScript expression to be true.
func until(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second))(ctx, tg)
		return err
	})
}

// uiEval evaluates a JavaScript expression in the page.
func uiEval[T any](p *uiPage, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// text returns the text of the element a selector finds, "" for none.
func (p *uiPage) text(sel string) string {
	p.t.Helper()
	return uiEval[string](p, `(document.querySelector(`+strconv.Quote(sel)+`) || {}).textContent || ""`)
}

// value returns the value of the form field a selector finds.
func (p *uiPage) value(sel string) string {
	p.t.Helper()
	return uiEval[string](p, `(document.querySelector(`+strconv.Quote(sel)+`) || {}).value || ""`)
}

// upload chooses a file of testdata/data and waits for its schema.
func (p *uiPage) upload(name string) {
	p.t.Helper()
	path, err := filepath.Abs("../testdata/data/" + name)
	if err != nil {
		p.t.Fatal(err)
	}
	p.do("uploading "+name,
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path}),
		until(`document.querySelector("#schema").textContent.startsWith(`+strconv.Quote(name+":")+`)`))
}

// ask types a question, asks it and waits for ready, a JavaScript
// expression.
func (p *uiPage) ask(prompt, ready string) {
	p.t.Helper()
	p.do("asking "+strconv.Quote(prompt),
		js(`document.querySelector("#answer").hidden = true`),
		js(`document.querySelector("#prompt").value = `+strconv.Quote(prompt)),
		chromedp.Click(chromedp.CSS("#ask")),
		until(`!document.querySelector("#answer").hidden && `+ready))
}

// choose sets a form field's value as a person would, with its change
// event.
func (p *uiPage) choose(sel, value string) {
	p.t.Helper()
	p.do("choosing "+value+" in "+sel,
		js(`(() => { const f = document.querySelector(`+strconv.Quote(sel)+`); f.value = `+strconv.Quote(value)+`; f.dispatchEvent(new Event("change", {bubbles: true})); })()`))
}

// shot saves the whole page as DIR/name.png when INFERRA_UI_SCREENSHOTS
// names a directory.
func (p *uiPage) shot(name string) {
	p.t.Helper()
	dir := os.Getenv("INFERRA_UI_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// lastJob returns the newest job, read from the API.
func (p *uiPage) lastJob() *inferra.Job {
	p.t.Helper()
	res, err := http.Get(p.url + "/api/jobs?limit=1")
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	var page jobList
	if err := json.NewDecoder(res.Body).Decode(&page); err != nil || len(page.Jobs) == 0 {
		p.t.Fatalf("GET /api/jobs: %d jobs, %v", len(page.Jobs), err)
	}
	return page.Jobs[0]
}

// chartShown is true when the answer's first chart has loaded.
const chartShown = `(() => { const i = document.querySelector("#plots img.plot"); return !!i && i.complete && i.naturalWidth > 0; })()`

// historyOpen is a step that opens the History entry whose dataset is
// name.
func historyOpen(name string) chromedp.Action[chromedp.Void] {
	row := `[...document.querySelectorAll("#history tbody tr[data-job]")].find((r) => (r.querySelector("td.dataset") || {}).textContent === ` + strconv.Quote(name) + `)`
	return chromedp.Steps(until("!!"+row), js(row+`.querySelector("button.open").click()`))
}

// pickCandidate is a step that clicks the clarifying step's button of an
// analysis and waits for its form.
func pickCandidate(analysis string) chromedp.Action[chromedp.Void] {
	button := `[...document.querySelectorAll("#clarify button.candidate")].find((b) => b.textContent.startsWith(` + strconv.Quote(analysis) + `))`
	form := `document.querySelector("#params-form")`
	return chromedp.Steps(until("!!"+button), js(button+`.click()`),
		until(`!`+form+`.hidden && `+form+`.textContent.startsWith(`+strconv.Quote(analysis+":")+`)`))
}

// TestUIHistoryOpensJob opens a job from History after another dataset
// was uploaded and asked about: the question box holds the job's
// question, the dataset shown is the job's (its name and columns), the
// answer has its summary and its chart; and a follow-up question runs on
// the job's dataset, not on the one uploaded last.
func TestUIHistoryOpensJob(t *testing.T) {
	p := openUI(t, newRealService(t), 1280, 1400)
	p.upload("plants.csv")
	p.ask("Does treatment change yield?", `!!document.querySelector("#summary-tables table.summary-table")`)
	p.upload("cars.csv")
	p.ask("Is mpg correlated with wt?", `document.querySelector("#report").textContent.includes("mpg")`)
	p.do("waiting for History", until(`document.querySelectorAll("#history tbody tr[data-job]").length === 2`))

	p.do("opening the plants job from History",
		js(`document.querySelector("#prompt").value = "something typed since"`),
		historyOpen("plants.csv"),
		until(`document.querySelector("#report").textContent.includes("yield")`),
		until(chartShown))
	if q := p.value("#prompt"); q != "Does treatment change yield?" {
		t.Errorf("the question box holds %q, want the job's question", q)
	}
	if s := p.text("#schema > p"); !strings.HasPrefix(s, "plants.csv: 64 rows, 4 columns") {
		t.Errorf("the dataset shown is %q, want the job's (plants.csv)", s)
	}
	if cols := p.text("#schema-table tbody"); !strings.Contains(cols, "treatment") || strings.Contains(cols, "mpg") {
		t.Errorf("the columns shown are %q, want plants.csv's", cols)
	}
	if about := p.text("#job-about"); !strings.Contains(about, "Does treatment change yield?") || !strings.Contains(about, "plants.csv") {
		t.Errorf("the answer says it is about %q, want the job's question and dataset", about)
	}
	if uiEval[bool](p, `document.querySelector("#summary").hidden || !document.querySelector("#summary-tables table.summary-table")`) {
		t.Error("the job's plain-words summary is not shown")
	}
	p.shot("history-opened-1280")

	p.ask("Is yield correlated with height?", `document.querySelector("#job-about").textContent.includes("height")`)
	if got := p.lastJob(); got.Dataset.Name != "plants.csv" || got.Prompt != "Is yield correlated with height?" {
		t.Errorf("the follow-up question ran on %q (%q), want the opened job's dataset plants.csv", got.Dataset.Name, got.Prompt)
	}
}

// TestUIClarify asks a vague question: each candidate's form is filled
// in with the roles the decision resolved (its own, and a sibling's where
// the column fits), and Run stays disabled until every required field is
// filled; a job opened from History runs its candidate on its own
// dataset after another is uploaded.
func TestUIClarify(t *testing.T) {
	p := openUI(t, newRealService(t), 1280, 1400)
	p.upload("plants.csv")
	p.ask("is there a difference", `!!document.querySelector("#clarify button.candidate")`)
	p.do("picking ttest_ind", pickCandidate("ttest_ind"))
	if g := p.value(`#params-form select[name="group"]`); g != "treatment" {
		t.Errorf("ttest_ind's group is %q, want treatment, which the decision resolved", g)
	}
	if !uiEval[bool](p, `document.querySelector("#run-candidate").disabled`) {
		t.Error("Run is enabled with value blank")
	}
	if h := p.text("#run-hint"); !strings.Contains(h, "value") {
		t.Errorf("the hint %q does not name the blank field", h)
	}
	p.do("clicking the disabled Run", js(`document.querySelector("#run-candidate").click()`))
	time.Sleep(300 * time.Millisecond)
	if j := p.lastJob(); j.Status != inferra.JobNoDecision {
		t.Errorf("a click on the disabled Run made a %s job", j.Status)
	}
	p.shot("clarify-1280")

	p.do("picking f_oneway", pickCandidate("f_oneway"))
	if g := p.value(`#params-form select[name="group"]`); g != "treatment" {
		t.Errorf("f_oneway's group is %q, want treatment, resolved for its sibling ttest_ind", g)
	}
	if chosen := p.text("#clarify button.candidate.chosen strong"); chosen != "f_oneway" {
		t.Errorf("the candidate marked chosen is %q, want f_oneway", chosen)
	}
	p.choose(`#params-form select[name="value"]`, "yield")
	if uiEval[bool](p, `document.querySelector("#run-candidate").disabled`) {
		t.Error("Run is disabled with every field filled")
	}

	// The vague job, opened from History, then another dataset uploaded:
	// its candidate still runs on plants.csv, with the job's question.
	p.do("opening the vague job", historyOpen("plants.csv"), until(`!!document.querySelector("#clarify button.candidate")`))
	p.upload("cars.csv")
	p.do("picking ttest_ind again", pickCandidate("ttest_ind"))
	if opts := p.text(`#params-form select[name="value"]`); !strings.Contains(opts, "yield") || strings.Contains(opts, "mpg") {
		t.Errorf("the form offers the columns %q, want plants.csv's", opts)
	}
	p.choose(`#params-form select[name="value"]`, "yield")
	p.do("running the candidate",
		chromedp.Click(chromedp.CSS("#run-candidate")),
		until(`!!document.querySelector("#summary-tables table.summary-table")`))
	if j := p.lastJob(); j.Dataset.Name != "plants.csv" || j.Prompt != "is there a difference" || j.Status != inferra.JobSucceeded {
		t.Errorf("the candidate ran on %q with %q (%s), want plants.csv, the job's question, succeeded", j.Dataset.Name, j.Prompt, j.Status)
	}
	// The boxes above the answer show its dataset and question again.
	if s := p.text("#schema > p"); !strings.HasPrefix(s, "plants.csv:") {
		t.Errorf("after the run the dataset shown is %q, want plants.csv", s)
	}
	if q := p.value("#prompt"); q != "is there a difference" {
		t.Errorf("after the run the question box holds %q, want the job's question", q)
	}
}

// TestUIClarifyFromSchema: a decision without candidates offers the
// analyses the dataset's columns allow instead of an empty box, and one
// of them runs.
func TestUIClarifyFromSchema(t *testing.T) {
	svc := &mockSubmitGet{JobService: newRealService(t), Edit: func(j *inferra.Job) {
		if j.Status == inferra.JobNoDecision && j.Decision != nil {
			j.Decision.Candidates = nil
		}
	}}
	p := openUI(t, svc, 1280, 1400)
	p.upload("plants.csv")
	p.ask("hello", `document.querySelector("#clarify") && !document.querySelector("#clarify").hidden`)
	p.do("waiting for the list", until(`document.querySelectorAll("#clarify button.candidate").length > 0`))
	offered := uiEval[string](p, `[...document.querySelectorAll("#clarify button.candidate")].map((b) => b.dataset.analysis).join(" ")`)
	for _, want := range []string{"ttest_ind", "pearsonr", "describe"} {
		if !strings.Contains(" "+offered+" ", " "+want+" ") {
			t.Errorf("the analyses offered, %q, lack %s", offered, want)
		}
	}
	for _, no := range []string{"chi2_contingency", "mantel_haenszel", "partial_corr"} {
		if strings.Contains(" "+offered+" ", " "+no+" ") {
			t.Errorf("the analyses offered, %q, include %s, which plants.csv does not allow", offered, no)
		}
	}
	if n := p.text("#candidates-note"); n == "" {
		t.Error("no word on why these analyses are offered")
	}
	p.shot("clarify-schema-1280")
	p.do("picking pearsonr", pickCandidate("pearsonr"))
	p.choose(`#params-form select[name="x"]`, "yield")
	p.choose(`#params-form select[name="y"]`, "height")
	p.do("running pearsonr", chromedp.Click(chromedp.CSS("#run-candidate")),
		until(`!!document.querySelector("#summary-tables table.summary-table")`))
}

// brokenWords lists the words of the page broken across two lines (a
// word of letters, 20 at most, whose glyphs sit on more than one line),
// and the page's sideways overflow when it is wider than the window.
const brokenWords = `(() => {
  const bad = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const parent = n.parentElement;
    if (!parent || parent.closest("script, style, select, textarea")) continue;
    for (const m of n.data.matchAll(/[A-Za-z]+/g)) {
      if (m[0].length > 20) continue;
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.bottom)));
      if (lines.size > 1) bad.push(JSON.stringify(m[0]) + " in " + parent.tagName.toLowerCase() + (parent.id ? "#" + parent.id : "") + (parent.className ? "." + parent.className : ""));
    }
  }
  const wide = document.documentElement.scrollWidth - window.innerWidth;
  if (wide > 0) bad.push("the page is " + wide + " px wider than the window");
  return bad.join("; ");
})()`

// TestUIMobileWords lays the page out 390 px wide (a phone) with a
// schema, an answer, a clarifying step and History: no word is broken
// mid-word ("nume ric", "De let e") and the page does not scroll
// sideways; a table too wide scrolls in its own box.
func TestUIMobileWords(t *testing.T) {
	p := openUI(t, newRealService(t), 390, 844)
	check := func(when string) {
		t.Helper()
		if bad := uiEval[string](p, brokenWords); bad != "" {
			t.Errorf("%s: %s", when, bad)
		}
	}
	p.upload("plants.csv")
	p.ask("Does treatment change yield?", `!!document.querySelector("#summary-tables table.summary-table")`)
	p.do("waiting for the chart", until(chartShown), until(`document.querySelectorAll("#history tbody tr[data-job]").length === 1`))
	check("the answer")
	p.shot("answer-390")
	p.do("opening the details", chromedp.Click(chromedp.CSS("#details > summary")))
	check("the answer's details")
	p.ask("is there a difference", `!!document.querySelector("#clarify button.candidate")`)
	p.do("picking a candidate",
		chromedp.Click(chromedp.CSS(`#clarify button.candidate`)),
		chromedp.WaitVisible(chromedp.CSS(`#params-form select[name="value"]`)),
		until(`document.querySelectorAll("#history tbody tr[data-job]").length === 2`))
	check("the clarifying step and History")
	p.shot("clarify-390")
	p.do("arming a delete", chromedp.Click(chromedp.CSS("#history tbody tr[data-job] button.delete")))
	check("History with a delete to confirm")
	p.do("scrolling to History", js(`document.querySelector("#history-section").scrollIntoView()`))
	p.shot("history-390")
}

// TestUIHistoryPaging fills History past a page: 20 jobs, then "Show
// older jobs" for the rest; each row names its dataset and its status in
// words; Delete deletes on a second click only.
func TestUIHistoryPaging(t *testing.T) {
	p := openUI(t, newRealService(t), 1280, 1400)
	post := func(path, body string) {
		t.Helper()
		res, err := http.Post(p.url+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("POST %s: %s", path, res.Status)
		}
	}
	const small = `"dataset": {"name": "small.csv", "csv": "g,y\na,1\na,2\nb,3\nb,5\na,3\nb,6\n"}`
	for i := range 21 {
		post("/api/analyze", `{"prompt": "what about it `+strconv.Itoa(i)+`", `+small+`}`)
	}
	post("/api/run", `{"prompt": "a wrong column", "decision": {"analysis": "ttest_ind", "params": {"group": "y", "value": "g"}}, `+small+`}`)
	post("/api/analyze", `{"prompt": "does y differ between the groups of g", `+small+`}`)

	rows := func() int { return uiEval[int](p, `document.querySelectorAll("#history tbody tr[data-job]").length`) }
	p.do("reloading", chromedp.Navigate(p.url+"/"), until(`document.querySelectorAll("#history tbody tr[data-job]").length > 0`))
	if n := rows(); n != 20 {
		t.Errorf("History shows %d jobs, want a page of 20", n)
	}
	statuses := uiEval[string](p, `[...document.querySelectorAll("#history td.job-status")].map((td) => td.textContent).join("|")`)
	for _, want := range []string{"answered", "failed", "needs your choice"} {
		if !strings.Contains(statuses, want) {
			t.Errorf("the statuses %q lack %q", statuses, want)
		}
	}
	if strings.Contains(statuses, "no_decision") || strings.Contains(statuses, "succeeded") {
		t.Errorf("the statuses %q show raw codes", statuses)
	}
	if ds := p.text("#history tbody tr[data-job] td.dataset"); ds != "small.csv" {
		t.Errorf("the dataset column shows %q, want small.csv", ds)
	}
	p.shot("history-1280")
	p.do("showing older jobs", chromedp.Click(chromedp.CSS("#history-more")),
		until(`document.querySelectorAll("#history tbody tr[data-job]").length === 23`),
		chromedp.WaitNotVisible(chromedp.CSS("#history-more")))

	first := uiEval[string](p, `document.querySelector("#history tbody tr[data-job]").dataset.job`)
	p.do("opening the newest job", historyOpen("small.csv"), until(`document.querySelector("#job-about").textContent.includes("does y differ")`))
	p.do("a first click on Delete", chromedp.Click(chromedp.CSS("#history tbody tr[data-job] button.delete")))
	time.Sleep(300 * time.Millisecond)
	if n := rows(); n != 23 {
		t.Errorf("a single click on Delete left %d rows, want 23", n)
	}
	if b := p.text("#history tbody tr[data-job] button.delete"); b != "Confirm delete" {
		t.Errorf("after one click the button says %q, want Confirm delete", b)
	}
	p.do("confirming", chromedp.Click(chromedp.CSS("#history tbody tr[data-job] button.delete.confirm")),
		until(`document.querySelectorAll("#history tbody tr[data-job]").length === 22`))
	if !uiEval[bool](p, `document.querySelector("#answer").hidden`) {
		t.Error("the deleted job's answer is still shown")
	}
	res, err := http.Get(p.url + "/api/jobs/" + first)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("GET the deleted job: %s, want 404", res.Status)
	}
}
