package decision

import (
	"container/list"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/inferra/inferra"
)

// Fallback decides when the rules decline; the LLM planner implements it.
type Fallback interface {
	Decide(ctx context.Context, prompt string, schema inferra.Schema) (*inferra.Decision, error)
}

// Config configures an Engine. The zero value is ready to use.
type Config struct {
	// Rules are the rules to decide with. Defaults to DefaultRules().
	Rules *Rules
	// Fallback is consulted only when the rules decline. Defaults to none:
	// the engine then returns its no-decision.
	Fallback Fallback
	// CacheSize is how many decisions the engine remembers, by prompt and
	// schema. Defaults to 1024; a negative value turns the cache off.
	CacheSize int
}

// Engine chooses an analysis for a prompt and a schema with the rules. It
// is safe for concurrent use.
type Engine struct {
	vocab    map[string]bool // the words of every term
	long     []string        // the vocabulary words of six letters or more, sorted
	rules    *Rules
	compiled []compiledRule
	fallback Fallback
	cache    *lru
	lex      *lexicon

	// names memoizes newColumnWords by column name, up to maxNames.
	names     sync.Map
	nameCount atomic.Int64
}

// maxNames bounds the memo of column names.
const maxNames = 1 << 14

func (e *Engine) columnWordsOf(a Assessment) []columnWords {
	cols := make([]columnWords, len(a.Columns))
	for i, c := range a.Columns {
		if v, ok := e.names.Load(c.Name); ok {
			cw := v.(columnWords)
			cw.ident = c.Identifier
			cols[i] = cw
			continue
		}
		cols[i] = e.lex.newColumnWords(c.Name, c.Identifier)
		if e.nameCount.Load() < maxNames {
			if _, loaded := e.names.LoadOrStore(c.Name, cols[i]); !loaded {
				e.nameCount.Add(1)
			}
		}
	}
	return cols
}

type compiledRule struct {
	rule     Rule
	terms    []compiledTerm
	negTerms []compiledTerm
	// all are terms then negTerms.
	all []compiledTerm
	// wantsNumber is set when a parameter comes from a reference number.
	wantsNumber bool
}

type compiledTerm struct {
	phrase string
	weight float64
	forms  [][][]string // form → parts (split at …) → words
}

// New builds an Engine from cfg.
func New(cfg Config) (*Engine, error) {
	rules := cfg.Rules
	if rules == nil {
		rules = DefaultRules()
	}
	if len(rules.Rules) == 0 {
		return nil, inferra.Errorf(inferra.EInvalid, "decision: the rule set has no rules")
	}
	e := &Engine{rules: rules, fallback: cfg.Fallback, vocab: map[string]bool{}, lex: newLexicon(rules.Vocabulary)}
	for _, r := range rules.Rules {
		cr := compiledRule{rule: r, terms: e.lex.compileTerms(r.MatchTerms), negTerms: e.lex.compileTerms(r.NegativeTerms)}
		cr.all = slices.Concat(cr.terms, cr.negTerms)
		for _, p := range r.ParamMap {
			cr.wantsNumber = cr.wantsNumber || p.From == "number"
		}
		for _, t := range append(slices.Clone(cr.terms), cr.negTerms...) {
			for _, f := range t.forms {
				for _, part := range f {
					for _, w := range part {
						e.vocab[w] = true
					}
				}
			}
		}
		e.compiled = append(e.compiled, cr)
	}
	for w := range e.vocab {
		if len(w) >= 6 {
			e.long = append(e.long, w)
		}
	}
	slices.Sort(e.long)
	size := cfg.CacheSize
	if size == 0 {
		size = 1024
	}
	if size > 0 {
		e.cache = newLRU(size)
	}
	return e, nil
}

func (l *lexicon) compileTerms(ts []Term) []compiledTerm {
	out := make([]compiledTerm, len(ts))
	for i, t := range ts {
		ct := compiledTerm{phrase: t.Phrase, weight: t.Weight}
		for _, f := range t.Forms() {
			f = strings.ReplaceAll(f, "...", "…")
			var parts [][]string
			for p := range strings.SplitSeq(f, "…") {
				if ws := l.termWords(p); len(ws) > 0 {
					parts = append(parts, ws)
				}
			}
			if len(parts) > 0 {
				ct.forms = append(ct.forms, parts)
			}
		}
		out[i] = ct
	}
	return out
}

// namesClass reports whether a form names a word class, such as
// {comparative}: only such a form is matched against the classed words,
// so "lower" still matches where "{comparative} … than" is a synonym.
func namesClass(f [][]string) bool {
	for _, part := range f {
		for _, w := range part {
			if strings.HasPrefix(w, "{") {
				return true
			}
		}
	}
	return false
}

// maxGap is how many words an ellipsis in a phrase may stand for.
const maxGap = 5

// matchForm finds the parts of a form in order in ws.
func matchForm(ws []string, parts [][]string) bool {
	var try func(p, from, limit int) bool
	try = func(p, from, limit int) bool {
		if p == len(parts) {
			return true
		}
		for i := from; i <= limit && i+len(parts[p]) <= len(ws); i++ {
			if phraseAt(ws[i:i+len(parts[p])], parts[p]) {
				if try(p+1, i+len(parts[p]), i+len(parts[p])+maxGap) {
					return true
				}
			}
		}
		return false
	}
	return try(0, 0, len(ws))
}

// phraseAt compares prompt words with phrase words, allowing a plural.
func phraseAt(ws, phrase []string) bool {
	for i, w := range phrase {
		if ws[i] != w && !pluralOf(ws[i], w) {
			return false
		}
	}
	return true
}

// correct returns ws with each long word that is one typo away from a term
// word replaced by it: "corelation" → "correlation".
func (e *Engine) correct(ws []string) []string {
	out := ws
	for i, w := range ws {
		if len(w) < 6 || e.vocab[w] {
			continue
		}
		for _, v := range e.long {
			if d := len(v) - len(w); d <= 1 && d >= -1 && editOne(w, v) {
				if &out[0] == &ws[0] {
					out = slices.Clone(ws)
				}
				out[i] = v
				break
			}
		}
	}
	return out
}

// IsNoDecision reports whether d is a no-decision: the engine declined and
// d holds candidates and a clarifying question instead of an analysis.
func IsNoDecision(d *inferra.Decision) bool {
	return d == nil || d.Analysis == ""
}

// Decide chooses an analysis for the prompt on a dataset with the given
// schema. When the rules cannot choose with confidence it consults the
// Fallback, if any, and otherwise returns a no-decision (see IsNoDecision)
// with the candidates considered and one clarifying question. The error is
// non-nil only when the context ends or the Fallback fails.
func (e *Engine) Decide(ctx context.Context, prompt string, schema inferra.Schema) (*inferra.Decision, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var key string
	if e.cache != nil {
		key = prompt + "\x00" + schemaHash(schema)
		if d, ok := e.cache.get(key); ok {
			return cloneDecision(d), nil
		}
	}
	d := e.decide(prompt, schema)
	if e.cache != nil {
		e.cache.put(key, cloneDecision(d))
	}
	if IsNoDecision(d) && e.fallback != nil {
		fd, err := e.fallback.Decide(ctx, prompt, schema)
		if err != nil {
			return nil, fmt.Errorf("decision: fallback: %w", err)
		}
		if fd != nil {
			return e.checkFallback(fd, d, schema), nil
		}
	}
	return d, nil
}

func schemaHash(s inferra.Schema) string {
	h := fnv.New64a()
	_ = json.NewEncoder(h).Encode(s)
	return strconv.FormatUint(h.Sum64(), 16)
}

func cloneDecision(d *inferra.Decision) *inferra.Decision {
	c := *d
	c.Params = maps.Clone(d.Params)
	c.Evidence = slices.Clone(d.Evidence)
	c.Candidates = slices.Clone(d.Candidates)
	for i := range c.Candidates {
		c.Candidates[i].Params = maps.Clone(c.Candidates[i].Params)
	}
	return &c
}

// candidate is one rule's attempt at a decision.
type candidate struct {
	rule     *compiledRule
	terms    float64
	fit      float64
	matched  []string
	params   map[string]string
	roles    map[string][]string
	problem  string
	question string
}

func (c candidate) total() float64 { return c.terms + c.fit }

// margin is how far ahead of the next analysis the best must be.
const margin = 0.5

// minTerms is the least term score a decision needs: some words in the
// prompt must ask for the analysis.
const minTerms = 0.5

func (e *Engine) decide(prompt string, schema inferra.Schema) *inferra.Decision {
	raw := words(prompt)
	a := assess(schema, e.lex)
	cols := e.lex.withDescriptions(e.columnWordsOf(a), a)
	ws := e.lex.relate(e.lex.canonicalize(e.lex.initialisms(compounds(raw, cols), cols)), cols)
	tws := e.correct(ws)
	set := wordSet(tws)
	classed := e.lex.classify(tws, set)
	hits, termWords := e.matchTerms(tws, classed, set)
	refNum, refOK := e.lex.referenceNumber(prompt)
	mentions := findMentions(ws, cols, func(i int) bool { return e.lex.stop[ws[i]] || termWords[i] })
	mentions = a.markerMentions(ws, mentions, e.lex)
	a.pickOccasions(ws, mentions)
	mentions = wholeNames(mentions, cols)
	quoted := quotedNames(prompt)

	no := func(question string, cands []candidate) *inferra.Decision {
		d := &inferra.Decision{Source: inferra.SourceRules, RulesVersion: e.rules.Version, Question: question}
		for _, c := range cands {
			reason := c.problem
			if reason == "" {
				reason = "matched " + strings.Join(c.matched, ", ")
			}
			d.Candidates = append(d.Candidates, inferra.Candidate{Analysis: c.rule.rule.Analysis, Params: c.params,
				Score: math.Round(c.total()*100) / 100, Reason: reason})
		}
		return d
	}
	if o, ok := e.lex.outOfScopeIn(raw); ok {
		return no(fmt.Sprintf("You asked for %q. %s Inferra runs t-tests, ANOVA, rank tests, correlation, linear regression and plots: which of these would answer your question?", o.phrase, o.reason), nil)
	}
	for _, q := range quoted {
		if _, ok := a.Column(q); !ok && len(words(q)) > 0 && !e.lex.anyMentionIn(mentions, q) {
			return no(fmt.Sprintf("The dataset has no column %q. Which column did you mean?", q), nil)
		}
	}
	for _, m := range mentions {
		if m.Identifier {
			return no(fmt.Sprintf("%s identifies rows and is not a variable to analyse. Which other column did you mean?", m.Columns[0]), nil)
		}
	}
	if len(mentions) == 0 && len(quoted) == 0 && !hits.anyMatch(e.compiled) {
		return no("What would you like to find out, and which columns of the dataset does it involve?", nil)
	}
	q, byLevels := e.lex.subsetQuestion(ws, schema, a, mentions)
	if q != "" {
		return no(q, nil)
	}

	var cands []candidate
	for i := range e.compiled {
		cr := &e.compiled[i]
		c := candidate{rule: cr}
		for k, t := range cr.terms {
			if hits[i][k] {
				c.terms += t.weight
				c.matched = append(c.matched, t.phrase)
			}
		}
		for k, t := range cr.negTerms {
			if hits[i][len(cr.terms)+k] {
				c.terms -= t.weight
			}
		}
		if cr.wantsNumber && refOK {
			// A stated reference value speaks for the rule.
			c.terms += 1.5
			c.matched = append(c.matched, "the value "+refNum)
		}
		cands = append(cands, c)
	}
	// Only a rule the words ask for can be chosen: fill those, or every
	// rule when none is asked for (the candidates of the question back).
	asked := slices.ContainsFunc(cands, func(c candidate) bool { return c.terms > 0 })
	for k := range cands {
		if !asked || cands[k].terms > 0 {
			fill(&cands[k], prompt, ws, mentions, byLevels, a, e.vocab, e.lex)
		} else {
			cands[k].problem = "not asked for"
		}
	}
	slices.SortStableFunc(cands, func(x, y candidate) int {
		switch {
		case x.problem == "" && y.problem != "":
			return -1
		case x.problem != "" && y.problem == "":
			return 1
		case x.total() > y.total():
			return -1
		case x.total() < y.total():
			return 1
		}
		return 0
	})
	top := cands[:min(len(cands), 3)]
	best := cands[0]
	if best.problem != "" {
		q := best.question
		if strings.HasPrefix(best.problem, "needs") || strings.HasPrefix(best.problem, "no ") {
			// A column the analysis misses, and a word that names no
			// column: the prompt asks about a column the data lacks.
			if w := e.lex.unknownWord(ws, a, e.vocab); w != "" {
				q = fmt.Sprintf("The dataset has no column for %q. Which column did you mean?", w)
			}
		}
		if q == "" {
			q = "Which columns should the analysis use, and what would you like to know about them?"
		}
		return no(q, top)
	}
	if best.terms < minTerms {
		// The words asked for an analysis whose columns could not all be
		// found: say what is missing rather than ask what to do.
		for _, c := range cands {
			if c.terms >= minTerms && c.problem != "" {
				q := c.question
				if w := e.lex.unknownWord(ws, a, e.vocab); w != "" {
					q = fmt.Sprintf("The dataset has no column for %q. Which column did you mean?", w)
				}
				if q != "" {
					return no(q, top)
				}
			}
		}
		return no("Which analysis would answer your question: a comparison of groups, a correlation, a regression or a plot?", top)
	}
	for _, c := range cands[1:] {
		if c.problem != "" || c.rule.rule.Analysis == best.rule.rule.Analysis || c.terms < minTerms {
			continue
		}
		if best.total()-c.total() < margin {
			return no(fmt.Sprintf("Should this be %s or %s?", describe(best), describe(c)), top)
		}
		break
	}
	second := 0.0
	for _, c := range cands[1:] {
		if c.problem == "" && c.rule.rule.Analysis != best.rule.rule.Analysis && c.terms >= minTerms {
			second = c.total()
			break
		}
	}
	conf := 1 - 1/(1+best.total()-second)
	conf = math.Round(math.Max(0, math.Min(1, conf))*100) / 100
	r := best.rule.rule
	d := &inferra.Decision{
		Analysis: r.Analysis, RuleID: r.ID, Library: r.Library, Function: r.Function,
		Params: best.params, Confidence: conf, Source: inferra.SourceRules,
		RulesVersion: e.rules.Version,
	}
	for _, t := range best.matched {
		d.Evidence = append(d.Evidence, "term: "+t)
	}
	for _, role := range sortedKeys(best.roles) {
		d.Evidence = append(d.Evidence, fmt.Sprintf("column %s → %s", strings.Join(best.roles[role], ", "), role))
	}
	d.Explanation = placeholderRE.ReplaceAllStringFunc(r.Explanation, func(s string) string {
		return strings.Join(best.roles[s[1:len(s)-1]], " and ")
	})
	return d
}

func describe(c candidate) string {
	parts := make([]string, 0, len(c.params))
	for _, k := range sortedKeys(c.params) {
		parts = append(parts, k+"="+c.params[k])
	}
	return c.rule.rule.Analysis + "(" + strings.Join(parts, ", ") + ")"
}

// wordSet holds the prompt words and their singulars.
func wordSet(ws []string) map[string]bool {
	set := make(map[string]bool, 2*len(ws))
	for _, w := range ws {
		set[w] = true
		if s, ok := strings.CutSuffix(w, "s"); ok {
			set[s] = true
			if es, ok := strings.CutSuffix(w, "es"); ok {
				set[es] = true
			}
		}
	}
	return set
}

// anyMatch reports whether any match term of any rule matched.
func (h termHits) anyMatch(rules []compiledRule) bool {
	for i, r := range rules {
		if slices.Contains(h[i][:len(r.terms)], true) {
			return true
		}
	}
	return false
}

func (l *lexicon) anyMentionIn(ms []Mention, q string) bool {
	qw := strings.Join(l.canonicalize(words(q)), " ")
	for _, m := range ms {
		if strings.Contains(qw, m.Text) {
			return true
		}
	}
	return false
}

// quotedNames are the texts in quotes in the prompt.
func quotedNames(prompt string) []string {
	var out []string
	for _, q := range []string{`"`, "'", "`", "“"} {
		end := q
		if q == "“" {
			end = "”"
		}
		rest := prompt
		for {
			i := strings.Index(rest, q)
			if i < 0 {
				break
			}
			// An apostrophe inside a word is not a quote.
			if q == "'" && i > 0 && isWordByte(rest[i-1]) {
				rest = rest[i+1:]
				continue
			}
			j := strings.Index(rest[i+len(q):], end)
			if j < 0 {
				break
			}
			out = append(out, rest[i+len(q):i+len(q)+j])
			rest = rest[i+len(q)+j+len(end):]
		}
	}
	return out
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// subsetQuestion returns a question when the prompt names some but not all
// levels of a group of three or more: the allow-list has no filter. It also
// returns the groups whose every level the prompt names ("drug or
// placebo").
func (l *lexicon) subsetQuestion(ws []string, s inferra.Schema, a Assessment, mentions []Mention) (string, []string) {
	inMention := func(k int) bool {
		for _, m := range mentions {
			if k >= m.Start && k < m.End {
				return true
			}
		}
		return false
	}
	var all []string
	for i, c := range s.Columns {
		if !a.Columns[i].Group || len(c.Levels) < 2 {
			continue
		}
		var named []string
		for _, lv := range c.Levels {
			if lab, ok := c.LevelLabels[lv]; ok && labelNamed(ws, l.canonicalize(words(lab)), inMention) {
				// The dictionary's label names the level: "manual" for 1.
				named = append(named, lv)
				continue
			}
			lw := l.canonicalize(words(lv))
			if len(lw) == 0 {
				continue
			}
			if len(lw) == 1 && !isContent(lw[0]) {
				// A one-letter level (M, F) is named only by its
				// everyday words (men, women).
				if k := slices.IndexFunc(ws, func(p string) bool {
					return slices.Contains(l.levelSynonyms[lw[0]], p) && !inMention(slices.Index(ws, p))
				}); k >= 0 {
					named = append(named, lv)
				}
				continue
			}
			for k := 0; k+len(lw) <= len(ws); k++ {
				ok := true
				for j := range lw {
					// A level is named as itself or an inflection
					// ("automatics"), never by a prefix ("electricity" is
					// not electric), and not inside a column's name
					// ("sprint time" is not the level sprint).
					if !l.namesLevelWord(ws[k+j], lw[j]) || inMention(k+j) {
						ok = false
						break
					}
				}
				if ok {
					named = append(named, lv)
					break
				}
			}
		}
		// Every level named ("placebo vs active"), or one of two
		// ("smokers" of smoker yes/no): the levels name the group column.
		if len(named) == len(c.Levels) || len(named) > 0 && (len(c.Levels) == 2 || allGroupsAsked(ws, len(c.Levels))) {
			all = append(all, c.Name)
		}
		if len(named) > 0 && len(named) < len(c.Levels) && len(c.Levels) >= 3 && !allGroupsAsked(ws, len(c.Levels)) {
			return fmt.Sprintf("%s has %d groups (%s) and the analyses compare all of them; should the comparison include every group of %s?",
				c.Name, len(c.Levels), strings.Join(c.Levels, ", "), c.Name), nil
		}
	}
	return "", all
}

// namesLevelWord reports whether prompt word p names the level word w:
// itself, an inflection, a spelling variant, or a word the vocabulary
// gives for it (men for m or male).
func (l *lexicon) namesLevelWord(p, w string) bool {
	if inflection(p, w) || len(w) >= 6 && editOne(p, w) {
		return true
	}
	for _, syn := range l.levelSynonyms[w] {
		if p == syn {
			return true
		}
	}
	return false
}

// numberWords spell small counts.
var numberWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// allGroupsAsked reports whether the prompt asks for every group: "all",
// "every", or the number of levels ("the four event groups").
func allGroupsAsked(ws []string, levels int) bool {
	for _, w := range ws {
		if w == "all" || w == "every" || numberWords[w] == levels {
			return true
		}
	}
	return false
}

// lru is a bounded least-recently-used cache of decisions, safe for
// concurrent use.
type lru struct {
	mu    sync.Mutex
	size  int
	order *list.List
	items map[string]*list.Element
}

type lruEntry struct {
	key string
	d   *inferra.Decision
}

func newLRU(size int) *lru {
	return &lru{size: size, order: list.New(), items: make(map[string]*list.Element)}
}

func (c *lru) get(key string) (*inferra.Decision, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*lruEntry).d, true
}

func (c *lru) put(key string, d *inferra.Decision) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		el.Value.(*lruEntry).d = d
		c.order.MoveToFront(el)
		return
	}
	c.items[key] = c.order.PushFront(&lruEntry{key: key, d: d})
	if c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*lruEntry).key)
	}
}

// termHits says which terms of which rules the prompt matches:
// hit[rule][k] for the rule's match terms, then its negative terms.
type termHits [][]bool

// matchTerms matches every term of every rule once, and returns the hits
// and the positions of the prompt words the matching terms use: those
// words ask for an analysis, so they name a column only as themselves
// ("distribution of" is not dist_km). A form is tried only when its first
// word is in the prompt.
func (e *Engine) matchTerms(ws, classed []string, set map[string]bool) (termHits, map[int]bool) {
	hits := make(termHits, len(e.compiled))
	pos := map[int]bool{}
	for i := range e.compiled {
		cr := &e.compiled[i]
		hits[i] = make([]bool, len(cr.terms)+len(cr.negTerms))
		for k, t := range cr.all {
		forms:
			for _, f := range t.forms {
				in := ws
				if namesClass(f) {
					in = classed
				}
				for _, part := range f {
					for _, w := range part {
						if !set[w] {
							continue forms
						}
					}
				}
				if ps := formPositions(in, f); ps != nil {
					hits[i][k] = true
					for _, p := range ps {
						pos[p] = true
					}
					break
				}
			}
		}
	}
	return hits, pos
}

// formPositions returns the positions of the words of the first match of
// a form's parts in ws, or nil.
func formPositions(ws []string, parts [][]string) []int {
	var out []int
	var try func(p, from, limit int) bool
	try = func(p, from, limit int) bool {
		if p == len(parts) {
			return true
		}
		for i := from; i <= limit && i+len(parts[p]) <= len(ws); i++ {
			if phraseAt(ws[i:i+len(parts[p])], parts[p]) {
				n := len(out)
				for k := range parts[p] {
					out = append(out, i+k)
				}
				if try(p+1, i+len(parts[p]), i+len(parts[p])+maxGap) {
					return true
				}
				out = out[:n]
			}
		}
		return false
	}
	if try(0, 0, len(ws)) {
		return out
	}
	return nil
}

// labelNamed reports whether the words of a level's label stand together in
// the prompt, outside any column's name.
func labelNamed(ws, lw []string, inMention func(int) bool) bool {
	if len(lw) == 0 {
		return false
	}
	for k := 0; k+len(lw) <= len(ws); k++ {
		ok := true
		for j := range lw {
			if !inflection(ws[k+j], lw[j]) || inMention(k+j) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
