package llm

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An injectionRule is one heuristic of the prompt-injection screen. The
// pattern, anchored at its start, is tried only where one of its trigger
// words begins a word of the normalised text, on a window of screenWindow
// bytes: this keeps the screen linear and fast on long prompts, where
// running every pattern over the whole text took tens of milliseconds.
type injectionRule struct {
	triggers []string
	re       *regexp.Regexp
	// lineStart: the trigger must begin a line (after spaces or #).
	lineStart bool
	reason    string
}

// screenWindow is the most text a pattern reads after its trigger.
const screenWindow = 160

// injectionRules are the screen's heuristics. They match text after
// normalisation (lower case, invisible characters removed, runs of
// whitespace as one space), so "IGNORE  previous\ninstructions" and
// "ig\u200bnore previous instructions" are caught alike. They are a first
// line of defence against the common attacks, not a proof of safety: the
// model still runs with a system prompt that tells it to treat user text as
// data, and its output is never executed.
var injectionRules = []injectionRule{
	{triggers: []string{"ignore", "disregard", "forget", "override", "bypass"},
		re:     regexp.MustCompile(`(?s)^(ignore|disregard|forget|override|bypass)\b.{0,40}\b(previous|prior|above|earlier|preceding|all|your|system)\b.{0,20}\b(instructions?|prompts?|rules|directions|guidelines)\b`),
		reason: "asks the model to ignore its instructions"},
	{triggers: []string{"system", "developer", "hidden", "initial", "original"},
		re:     regexp.MustCompile(`^(system|developer|hidden|initial|original)\s+(prompt|message|instructions?)\b`),
		reason: "mentions the system prompt"},
	{triggers: []string{"reveal", "print", "show", "repeat", "output", "tell me", "what is", "what are"},
		re:     regexp.MustCompile(`(?s)^(reveal|print|show|repeat|output|tell me|what (is|are))\b.{0,30}\byour\s+(instructions|rules|prompt)\b`),
		reason: "asks the model to reveal its instructions"},
	{triggers: []string{"jailbr", "dan mode", "do anything now", "developer mode", "god mode", "unfiltered", "uncensored"},
		re:     regexp.MustCompile(`^(jailbreak|jailbroken|dan mode|do anything now|developer mode|god mode|unfiltered|uncensored)\b`),
		reason: "contains a jailbreak marker"},
	{triggers: []string{"you are", "you're", "act as", "pretend", "roleplay", "role-play"},
		re:     regexp.MustCompile(`(?s)^(you are|you're|act as|pretend (to be|you are)|roleplay as|role-play as)\b.{0,60}\b(no|without|free of|not bound by)\b.{0,20}\b(restrictions|rules|limits|filters|guidelines|policies)\b`),
		reason: "asks the model to role-play without its rules"},
	{triggers: []string{"you are no longer", "from now on", "new instructions"},
		re:     regexp.MustCompile(`^(you are no longer\b|from now on,? you (are|will)\b|new instructions\s*:)`),
		reason: "tries to replace the model's role"},
	{triggers: []string{"<|", "[inst]", "[/inst]", "<<sys", "<</sys"},
		re:     regexp.MustCompile(`^(<\|(im_start|im_end|system|endoftext)\|>|\[/?inst\]|<</?sys>>)`),
		reason: "contains chat-role markup"},
	{triggers: []string{"system", "assistant"}, lineStart: true,
		re:     regexp.MustCompile(`^(system|assistant)\s*:`),
		reason: "contains chat-role markup"},
	{triggers: []string{"api", "llm_api_key", "secret", "access", "bearer", "password", "credential", "env", "jwt", "supabase_key"},
		re:     regexp.MustCompile(`^(api[ _-]?keys?|llm_api_key|secret[ _-]?keys?|access[ _-]?tokens?|bearer tokens?|passwords?|credentials|env(ironment)? var(iable)?s?|jwt secret|supabase_key)\b`),
		reason: "asks about keys, credentials or secrets"},
}

// Screen reports why text looks like a prompt-injection attempt: one
// reason per heuristic that matched, none for ordinary text.
func Screen(text string) []string {
	n := normalise(text)
	var reasons []string
	for _, r := range injectionRules {
		if r.matches(n) && !slices.Contains(reasons, r.reason) {
			reasons = append(reasons, r.reason)
		}
	}
	return reasons
}

func (r injectionRule) matches(n string) bool {
	for _, t := range r.triggers {
		for from := 0; ; {
			i := strings.Index(n[from:], t)
			if i < 0 {
				break
			}
			i += from
			from = i + len(t)
			if !wordStart(n, i) || r.lineStart && !lineStart(n, i) {
				continue
			}
			if r.re.MatchString(n[i:min(len(n), i+screenWindow)]) {
				return true
			}
		}
	}
	return false
}

// wordStart reports whether no letter or digit comes right before i.
func wordStart(n string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(n[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
}

// lineStart reports whether only spaces and #s come before i on its line.
func lineStart(n string, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch n[j] {
		case '\n':
			return true
		case ' ', '#':
		default:
			return false
		}
	}
	return true
}

// normalise lower-cases text, drops invisible format characters (zero-width
// spaces and joiners, bidi controls) and folds runs of spaces and tabs into
// one space, keeping line breaks for the role-markup rule.
func normalise(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.Is(unicode.Cf, r):
			continue
		case r == '\n' || r == '\r':
			b.WriteByte('\n')
			space = false
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return b.String()
}
