package decision

import (
	"container/list"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
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
	// formsByWord indexes the terms' forms by their first word.
	formsByWord map[string][]formRef

	// names memoizes newColumnWords by column name, up to maxNames.
	names     sync.Map
	nameCount atomic.Int64
}

// maxNames bounds the memo of column names.
const maxNames = 1 << 14

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
			cr.wantsStat = cr.wantsStat || p.From == "statistic"
			cr.wantsDist = cr.wantsDist || p.From == "distribution"
		}
		for _, pm := range r.ParamMap {
			// The words that set a parameter ("heteroskedasticity-robust"
			// for cov=HC3) are the rules' words too.
			for _, w := range pm.When {
				for _, x := range words(w) {
					e.vocab[x] = true
				}
			}
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
	e.formsByWord = indexForms(e.compiled)
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
