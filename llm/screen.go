package llm

import (
	"regexp"
	"strings"
	"unicode"
)

// An injection rule is one heuristic of the prompt-injection screen: a
// pattern over the normalised text and the reason shown when it matches.
type injectionRule struct {
	re     *regexp.Regexp
	reason string
}

// injectionRules are the screen's heuristics. They match text after
// normalisation (lower case, invisible characters removed, runs of
// whitespace as one space), so "IGNORE  previous\ninstructions" and
// "ig\u200bnore previous instructions" are caught alike. They are a first
// line of defence against the common attacks, not a proof of safety: the
// model still runs with a system prompt that tells it to treat user text as
// data, and its output is never executed.
var injectionRules = []injectionRule{
	{regexp.MustCompile(`(?s)\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(previous|prior|above|earlier|preceding|all|your|system)\b.{0,20}\b(instructions?|prompts?|rules|directions|guidelines)\b`),
		"asks the model to ignore its instructions"},
	{regexp.MustCompile(`\b(system|developer|hidden|initial|original)\s+(prompt|message|instructions?)\b`),
		"mentions the system prompt"},
	{regexp.MustCompile(`(?s)\b(reveal|print|show|repeat|output|tell me|what (is|are))\b.{0,30}\byour\s+(instructions|rules|prompt)\b`),
		"asks the model to reveal its instructions"},
	{regexp.MustCompile(`\b(jailbreak|jailbroken|dan mode|do anything now|developer mode|god mode|unfiltered|uncensored)\b`),
		"contains a jailbreak marker"},
	{regexp.MustCompile(`(?s)\b(you are|you're|act as|pretend (to be|you are)|roleplay as|role-play as)\b.{0,60}\b(no|without|free of|not bound by)\b.{0,20}\b(restrictions|rules|limits|filters|guidelines|policies)\b`),
		"asks the model to role-play without its rules"},
	{regexp.MustCompile(`\byou are no longer\b|\bfrom now on,? you (are|will)\b|\bnew instructions\s*:`),
		"tries to replace the model's role"},
	{regexp.MustCompile(`<\|(im_start|im_end|system|endoftext)\|>|\[/?inst\]|<</?sys>>|(^|\n)\s*#{0,3}\s*(system|assistant)\s*:`),
		"contains chat-role markup"},
	{regexp.MustCompile(`\b(api[ _-]?keys?|llm_api_key|secret[ _-]?keys?|access[ _-]?tokens?|bearer tokens?|passwords?|credentials|env(ironment)? var(iable)?s?|jwt secret|supabase_key)\b`),
		"asks about keys, credentials or secrets"},
}

// Screen reports why text looks like a prompt-injection attempt: one
// reason per heuristic that matched, none for ordinary text.
func Screen(text string) []string {
	n := normalise(text)
	var reasons []string
	for _, r := range injectionRules {
		if r.re.MatchString(n) {
			reasons = append(reasons, r.reason)
		}
	}
	return reasons
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
