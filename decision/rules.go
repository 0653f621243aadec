package decision

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/inferra/inferra"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:embed rules.json
var defaultRulesJSON []byte

//go:embed rules.schema.json
var rulesSchemaJSON []byte

// schemaURL is the $id of rules.schema.json.
const schemaURL = "https://github.com/inferra/inferra/decision/rules.schema.json"

// maxRulesBytes bounds the size of a rules file.
const maxRulesBytes = 8 << 20

// Rules is a rule set: the contents of a rules file.
type Rules struct {
	// Version is the rules_version, recorded in decisions and provenance.
	Version string `json:"rules_version"`
	// Rules are the rules, in file order.
	Rules []Rule `json:"rules"`
	// Vocabulary holds the word lists the engine reads prompts and column
	// names with.
	Vocabulary Vocabulary `json:"vocabulary"`
}

// Vocabulary is the part of a rule set that is about words rather than
// analyses: what the engine must decline, how people abbreviate, which
// words name a measure without naming a column, and how column names mark
// identifiers and repeated measures. It lives in rules.json so that it can
// be reviewed and extended without touching Go code.
type Vocabulary struct {
	// OutOfScope are requests no allow-listed analysis answers; a prompt
	// that contains one is declined with the reason.
	OutOfScope []OutOfScope `json:"out_of_scope"`
	// Abbreviations rewrite a spelled-out form to the short form column
	// names use ("blood pressure" → "bp"), in prompts and column names alike.
	Abbreviations []Abbreviation `json:"abbreviations"`
	// ImpliedMeasures are words that speak of a measure without naming
	// the column: "cheaper" speaks of price or cost.
	ImpliedMeasures []ImpliedMeasure `json:"implied_measures"`
	// IdentifierWords mark a column as identifying rows when its name
	// starts or ends with one (patient_id, subject).
	IdentifierWords []string `json:"identifier_words"`
	// PairedMarkers are pairs of words that mark two columns as the first
	// and second measurement of the same subjects (weight_before and
	// weight_after).
	PairedMarkers []MarkerPair `json:"paired_markers"`
	// RelatedWords are everyday words for what a column measures ("fever"
	// for a temperature column, "pulse" for heart rate). A prompt word with
	// no column of its own is read as the first of its column words that
	// some column of the dataset has.
	RelatedWords []RelatedWord `json:"related_words"`
	// Grammar holds the words of English grammar the engine reads every
	// prompt with, list by list (see rules.schema.json for each): the
	// words that introduce a variable, join two, ask for a model, deny,
	// name a period. The engine reads them from the embedded rules.json;
	// a rule file of one's own may leave them out.
	Grammar map[string][]string `json:"grammar,omitempty"`
	// NumberWords are numbers written in words, with their values.
	NumberWords map[string]float64 `json:"number_words,omitempty"`
	// Concepts are rings of phrases that name one quantity ("horsepower",
	// "hp", "engine power"). A prompt phrase that no column has, none of
	// whose words a column has, is read as the one other phrase of its
	// ring that the dataset's columns have.
	Concepts [][]string `json:"concepts"`
	// WordClasses name sets of words that a term can stand for with
	// {name}: the term "{comparative} … {comparative}" matches "heavier
	// drinkers have a faster pulse".
	WordClasses []WordClass `json:"word_classes"`
	// StopWords name no variable and ask for no analysis; the engine uses
	// them to tell a word it does not know from one that does not matter.
	StopWords []string `json:"stop_words"`
	// LevelSynonyms are everyday words for the labels group columns use:
	// "men" names a level m or male.
	LevelSynonyms []LevelSynonym `json:"level_synonyms,omitempty"`
	// CodedGroups are everyday words for the groups of a column that is
	// known by its name and stores codes: "men and women" name the column
	// sex when its levels are 1 and 2.
	CodedGroups []CodedGroup `json:"coded_groups,omitempty"`
	// Statistics are the statistics a describe request may name ("the
	// median", "standard deviation"), each with its stat id.
	Statistics []Statistic `json:"statistics,omitempty"`
	// ReferenceWords may stand just before the reference value of a
	// one-sample question: "different from 15", "a target of 30".
	ReferenceWords []string `json:"reference_words,omitempty"`
	// UnitMeasures say what a unit in a column name measures: a column
	// in minutes (wait_min) is a time, one in kg a weight.
	UnitMeasures []UnitMeasure `json:"unit_measures,omitempty"`
	// Distributions are the distributions a goodness-of-fit request may
	// name, each with its id (kstest's dist parameter).
	Distributions []Distribution `json:"distributions,omitempty"`
}

// Distribution is one distribution kstest compares with and the words
// that name it.
type Distribution struct {
	Dist  string   `json:"dist"`
	Words []string `json:"words"`
}

// UnitMeasure names the measures that columns in any of Units are.
type UnitMeasure struct {
	Units    []string `json:"units"`
	Measures []string `json:"measures"`
}

// Statistic is one statistic describe reports and the words that name it.
type Statistic struct {
	Stat  string   `json:"stat"`
	Words []string `json:"words"`
}

// LevelSynonym says that each of Words names a group level written Level.
type LevelSynonym struct {
	Level string   `json:"level"`
	Words []string `json:"words"`
}

// CodedGroup names a kind of group column by the words of its name and
// the everyday words for its groups.
type CodedGroup struct {
	// Names are words of the column's name: sex, gender.
	Names []string `json:"names"`
	// Words name the column's groups in a prompt: men, women.
	Words []string `json:"words"`
}

// OutOfScope is a request the engine declines.
type OutOfScope struct {
	// Phrase is what to look for, in lower case; Synonyms count as the
	// phrase.
	Phrase   string   `json:"phrase"`
	Synonyms []string `json:"synonyms,omitempty"`
	// Reason tells the user why it is declined.
	Reason string `json:"reason"`
}

// Abbreviation rewrites Long to Short.
type Abbreviation struct {
	Long  string `json:"long"`
	Short string `json:"short"`
}

// ImpliedMeasure says that each of Words speaks of a column named by one
// of Measures.
type ImpliedMeasure struct {
	Words    []string `json:"words"`
	Measures []string `json:"measures"`
}

// RelatedWord maps an everyday word to the words column names use for it.
type RelatedWord struct {
	Word        string   `json:"word"`
	ColumnWords []string `json:"column_words"`
}

// WordClass is a named set of words.
type WordClass struct {
	Name  string   `json:"name"`
	Words []string `json:"words"`
}

// MarkerPair is a pair of repeated-measure markers, the earlier first.
type MarkerPair struct {
	First  string `json:"first"`
	Second string `json:"second"`
}

// Rule is one way of arriving at an analysis: the words in a prompt that
// speak for and against it, the columns it needs, and how those columns
// become the analysis parameters.
type Rule struct {
	// ID is unique within the rule set and recorded as decision.rule_id.
	ID string `json:"id"`
	// Analysis is an allow-listed analysis id (see Analyses).
	Analysis string `json:"analysis"`
	// Library ("stats" or "plots") and Function (such as "TTestInd") name
	// the Go function that runs the analysis.
	Library  string `json:"library"`
	Function string `json:"function"`
	// Explanation tells a user why the analysis answers the question; its
	// {role} placeholders are replaced by the chosen column names.
	Explanation string `json:"explanation"`
	// MatchTerms speak for the rule, NegativeTerms against it.
	MatchTerms    []Term `json:"match_terms"`
	NegativeTerms []Term `json:"negative_terms,omitempty"`
	// ListedGroups is the weight the rule gets when no term of any rule
	// matches but the prompt lists every group of a column beside a
	// measure ("week 4 titre by dog size (small/medium/large)"): the
	// default comparison of groups.
	ListedGroups float64 `json:"listed_groups,omitempty"`
	// ListedPredictors is the weight the rule gets when no term of any
	// rule matches but the prompt is written as a model: a column, "on",
	// and two or more columns listed ("raised on goal, ad spend and
	// channel"), or one treated as a factor.
	ListedPredictors float64 `json:"listed_predictors,omitempty"`
	// Requires names match terms (by phrase) of which the prompt must use
	// one for the rule to apply: a partial correlation needs the words of
	// adjusting, not only those of correlation.
	Requires []string `json:"requires,omitempty"`
	// RequiredSchema is what the dataset must offer.
	RequiredSchema RequiredSchema `json:"required_schema"`
	// ParamMap says how each analysis parameter is filled, by parameter
	// name.
	ParamMap map[string]Param `json:"param_map"`
}

// Term is a phrase to look for in a prompt, matched case-insensitively on
// word boundaries. An ellipsis (…) inside a phrase stands for a gap of a
// few words.
type Term struct {
	// Phrase is the phrase, in lower case.
	Phrase string `json:"phrase"`
	// Weight is how strongly the phrase counts; LoadRules sets it to 1 when
	// the file leaves it out.
	Weight float64 `json:"weight"`
	// Synonyms count as the phrase; a term counts once however many of its
	// forms occur.
	Synonyms []string `json:"synonyms,omitempty"`
}

// Forms returns the phrase followed by its synonyms.
func (t Term) Forms() []string {
	return append([]string{t.Phrase}, t.Synonyms...)
}

// RequiredSchema is what a dataset must offer for a rule to apply.
type RequiredSchema struct {
	// Roles are the columns the rule needs, by role name.
	Roles map[string]RoleSpec `json:"roles"`
	// Paired asks for two numeric roles that are repeated measures of the
	// same subjects: a Pair found by Assess.
	Paired bool `json:"paired,omitempty"`
}

// Column kinds a RoleSpec may allow. They refine inferra.Kind with what
// Assess finds: KindNumeric is a candidate measure, KindIntegerCoded a
// numeric column of 2 to 10 distinct integers that codes groups.
const (
	KindNumeric      = "numeric"
	KindCategorical  = "categorical"
	KindBoolean      = "boolean"
	KindIntegerCoded = "integer_coded"
)

// RoleSpec is what the columns filling one role must be like.
type RoleSpec struct {
	// Kinds are the column kinds allowed (the Kind… constants).
	Kinds []string `json:"kinds"`
	// MinLevels and MaxLevels bound the number of distinct values, when
	// not zero.
	MinLevels int `json:"min_levels,omitempty"`
	MaxLevels int `json:"max_levels,omitempty"`
	// Multiple means the role takes one or more columns.
	Multiple bool `json:"multiple,omitempty"`
	// Optional means the rule applies without this role.
	Optional bool `json:"optional,omitempty"`
	// NotMeasure refuses a column that may also serve as a measure (a
	// 1-5 rating): a table of counts wants categories, a rating wants a
	// correlation.
	NotMeasure bool `json:"not_measure,omitempty"`
	// NotGroup refuses a column that only splits rows into groups (a code
	// of two or three values): for two samples held in two columns.
	NotGroup bool `json:"not_group,omitempty"`
}

// Param says how one analysis parameter is filled: from a role, a
// template, a fixed value or the prompt (From); exactly one of these is
// set.
type Param struct {
	// Role names the role whose column is the parameter value.
	Role string `json:"role,omitempty"`
	// Join separates the columns of a multiple role. Defaults to " + ";
	// "," gives the comma list of partial_corr's covar.
	Join string `json:"join,omitempty"`
	// Template is a text with {role} placeholders, such as
	// "{outcome} ~ {predictors}"; a multiple role is written as its columns
	// joined by " + ", non-numeric ones as C(column).
	Template string `json:"template,omitempty"`
	// Value is a fixed value, such as "HC3".
	Value string `json:"value,omitempty"`
	// When, with Value, sets the parameter only when the prompt says one
	// of these phrases ("robust standard errors" for cov=HC3).
	When []string `json:"when,omitempty"`
	// From fills the parameter from the prompt: "number" is the one
	// reference value it states ("different from 15%" gives 15; the rule
	// fails without one), "statistic" the one statistic it names (the
	// vocabulary's statistics; left out when none or several),
	// "distribution" the one distribution it names ("norm" when it names
	// none, as kstest's default; the rule fails when it names several).
	From string `json:"from,omitempty"`
}

// Rule returns the rule with the given id.
func (r *Rules) Rule(id string) (Rule, bool) {
	for _, rule := range r.Rules {
		if rule.ID == id {
			return rule, true
		}
	}
	return Rule{}, false
}

// ForAnalysis returns the rules that choose the analysis id, in file order.
func (r *Rules) ForAnalysis(id string) []Rule {
	var out []Rule
	for _, rule := range r.Rules {
		if rule.Analysis == id {
			out = append(out, rule)
		}
	}
	return out
}

// Problem is one reason a rules file is invalid: a JSON pointer into the
// file ("" for the whole document) and what is wrong there.
type Problem struct {
	Pointer string `json:"pointer"`
	Message string `json:"message"`
}

// DefaultRules returns the rule set embedded in the package (rules.json),
// freshly decoded so that the caller may change it. It panics if the
// embedded file is invalid, a programmer error that the package tests catch.
func DefaultRules() *Rules {
	r, err := LoadRules(bytes.NewReader(defaultRulesJSON))
	if err != nil {
		panic("decision: embedded rules.json is invalid: " + err.Error())
	}
	return r
}

// LoadRulesFile reads a rules file. A missing file is an ENotFound error;
// an invalid one is reported as by LoadRules, with the path in the message
// and in Details["file"].
func LoadRulesFile(path string) (*Rules, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, inferra.Errorf(inferra.ENotFound, "rules file %s does not exist", path).WithDetail("file", path)
		}
		return nil, fmt.Errorf("decision: open rules file: %w", err)
	}
	defer f.Close()
	r, err := LoadRules(f)
	if err != nil {
		var e *inferra.Error
		if errors.As(err, &e) {
			e.Message = path + ": " + e.Message
			e.WithDetail("file", path)
		}
		return nil, err
	}
	return r, nil
}

// LoadRules reads a rules file, validates it against rules.schema.json and
// against what the schema cannot express (unique rule ids, functions and
// parameters of the allow-listed analyses, roles that exist), and returns
// the rules with default term weights filled in.
//
// An invalid file is an EInvalid *inferra.Error whose message lists every
// problem as "pointer: message" and whose Details["problems"] is the
// []Problem.
func LoadRules(r io.Reader) (*Rules, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxRulesBytes+1))
	if err != nil {
		return nil, fmt.Errorf("decision: read rules: %w", err)
	}
	if len(data) > maxRulesBytes {
		return nil, inferra.Errorf(inferra.ETooLarge, "rules file is larger than %d bytes", maxRulesBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, invalid([]Problem{{Pointer: "", Message: "not valid JSON: " + jsonErrorText(data, err)}})
	}
	if dec.More() {
		return nil, invalid([]Problem{{Pointer: "", Message: "not valid JSON: unexpected data after the top-level value"}})
	}
	var problems []Problem
	if err := rulesSchema().Validate(doc); err != nil {
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			return nil, fmt.Errorf("decision: validate rules: %w", err)
		}
		problems = schemaProblems(ve, nil)
	}
	var rules Rules
	// Values of the wrong type are already schema problems; decode the rest
	// as well as possible to check what the schema cannot.
	_ = json.Unmarshal(data, &rules)
	problems = append(problems, semanticProblems(&rules, problems)...)
	if len(problems) > 0 {
		return nil, invalid(problems)
	}
	for i := range rules.Rules {
		setDefaultWeights(rules.Rules[i].MatchTerms)
		setDefaultWeights(rules.Rules[i].NegativeTerms)
	}
	return &rules, nil
}

func setDefaultWeights(terms []Term) {
	for i := range terms {
		if terms[i].Weight == 0 {
			terms[i].Weight = 1
		}
	}
}

// rulesSchema is the compiled rules.schema.json. Compiling the embedded
// schema cannot fail unless the file is broken, so it panics then.
var rulesSchema = sync.OnceValue(func() *jsonschema.Schema {
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, bytes.NewReader(rulesSchemaJSON)); err != nil {
		panic("decision: embedded rules.schema.json: " + err.Error())
	}
	s, err := c.Compile(schemaURL)
	if err != nil {
		panic("decision: embedded rules.schema.json: " + err.Error())
	}
	return s
})

// invalid builds the EInvalid error for a list of problems, sorted by
// pointer.
func invalid(problems []Problem) *inferra.Error {
	slices.SortStableFunc(problems, func(a, b Problem) int { return comparePointers(a.Pointer, b.Pointer) })
	lines := make([]string, len(problems))
	for i, p := range problems {
		ptr := p.Pointer
		if ptr == "" {
			ptr = "(document)"
		}
		lines[i] = ptr + ": " + p.Message
	}
	what := "1 problem"
	if len(problems) != 1 {
		what = strconv.Itoa(len(problems)) + " problems"
	}
	return inferra.Errorf(inferra.EInvalid, "invalid rules file (%s): %s", what, strings.Join(lines, "; ")).
		WithDetail("problems", problems)
}

// comparePointers orders JSON pointers token by token, array indexes
// numerically, so that /rules/2 comes before /rules/10.
func comparePointers(a, b string) int {
	ta, tb := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(ta) && i < len(tb); i++ {
		if ta[i] == tb[i] {
			continue
		}
		na, ea := strconv.Atoi(ta[i])
		nb, eb := strconv.Atoi(tb[i])
		if ea == nil && eb == nil {
			return na - nb
		}
		return strings.Compare(ta[i], tb[i])
	}
	return len(ta) - len(tb)
}

var missingRE = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)

// schemaProblems flattens a validation error into its leaves. A missing
// property is reported at the pointer the property would have.
func schemaProblems(ve *jsonschema.ValidationError, out []Problem) []Problem {
	if len(ve.Causes) > 0 {
		for _, c := range ve.Causes {
			out = schemaProblems(c, out)
		}
		return out
	}
	if strings.HasSuffix(ve.KeywordLocation, "/required") && strings.HasPrefix(ve.Message, "missing properties:") {
		for _, m := range missingRE.FindAllStringSubmatch(ve.Message, -1) {
			out = append(out, Problem{Pointer: ve.InstanceLocation + "/" + escapePointer(m[1]), Message: "required property is missing"})
		}
		return out
	}
	return append(out, Problem{Pointer: ve.InstanceLocation, Message: ve.Message})
}

// escapePointer escapes one JSON pointer token (RFC 6901).
func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// jsonErrorText describes a JSON syntax error with its line and column.
func jsonErrorText(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:se.Offset], []byte("\n"))
		col := int(se.Offset) - bytes.LastIndexByte(data[:se.Offset], '\n') - 1
		return fmt.Sprintf("%v (line %d, column %d)", se, line, col)
	}
	if errors.Is(err, io.EOF) {
		return "the file is empty"
	}
	return err.Error()
}

var placeholderRE = regexp.MustCompile(`\{([^{}]*)\}`)

// semanticProblems checks what the JSON schema cannot express. A pointer
// that already has a schema problem is not reported again.
func semanticProblems(rs *Rules, schema []Problem) []Problem {
	reported := make(map[string]bool, len(schema))
	for _, p := range schema {
		reported[p.Pointer] = true
	}
	var out []Problem
	add := func(ptr, format string, args ...any) {
		if !reported[ptr] {
			reported[ptr] = true
			out = append(out, Problem{Pointer: ptr, Message: fmt.Sprintf(format, args...)})
		}
	}
	firstID := make(map[string]int)
	for i, rule := range rs.Rules {
		base := "/rules/" + strconv.Itoa(i)
		if rule.ID != "" {
			if j, dup := firstID[rule.ID]; dup {
				add(base+"/id", "duplicate rule id %q (first used at /rules/%d/id)", rule.ID, j)
			} else {
				firstID[rule.ID] = i
			}
		}
		roles := rule.RequiredSchema.Roles
		for _, name := range sortedKeys(roles) {
			spec := roles[name]
			if spec.MinLevels > 0 && spec.MaxLevels > 0 && spec.MinLevels > spec.MaxLevels {
				add(base+"/required_schema/roles/"+escapePointer(name)+"/max_levels",
					"max_levels %d is less than min_levels %d", spec.MaxLevels, spec.MinLevels)
			}
		}
		for _, m := range placeholderRE.FindAllStringSubmatch(rule.Explanation, -1) {
			if _, ok := roles[m[1]]; !ok && len(roles) > 0 {
				add(base+"/explanation", "placeholder {%s} is not a role of required_schema (roles: %s)", m[1], strings.Join(sortedKeys(roles), ", "))
			}
		}
		if rule.Analysis == "" {
			continue
		}
		a, ok := LookupAnalysis(rule.Analysis)
		if !ok {
			add(base+"/analysis", "unknown analysis %q; the allow-list is %s", rule.Analysis, strings.Join(analysisIDs(), ", "))
			continue
		}
		if rule.Library != "" && rule.Library != a.Library {
			add(base+"/library", "analysis %s is in library %q, not %q", a.ID, a.Library, rule.Library)
		}
		if rule.Function != "" && rule.Function != a.Function {
			add(base+"/function", "analysis %s is computed by %s.%s, not %s", a.ID, a.Library, a.Function, rule.Function)
		}
		if rule.ParamMap == nil {
			continue
		}
		for _, name := range sortedKeys(rule.ParamMap) {
			ptr := base + "/param_map/" + escapePointer(name)
			if !slices.Contains(a.Params, name) && !slices.Contains(a.Optional, name) {
				add(ptr, "%s has no parameter %q; its parameters are %s", a.ID, name, strings.Join(append(slices.Clone(a.Params), a.Optional...), ", "))
				continue
			}
			p := rule.ParamMap[name]
			set := 0
			for _, f := range []bool{p.Role != "", p.Template != "", p.Value != "", p.From != ""} {
				if f {
					set++
				}
			}
			if set != 1 {
				add(ptr, "want exactly one of role, template, value and from")
			}
			if len(p.When) > 0 && p.Value == "" {
				add(ptr+"/when", "when goes with value")
			}
			if p.Role != "" {
				if _, ok := roles[p.Role]; !ok {
					add(ptr+"/role", "role %q is not in required_schema.roles (roles: %s)", p.Role, strings.Join(sortedKeys(roles), ", "))
				}
			}
			for _, m := range placeholderRE.FindAllStringSubmatch(p.Template, -1) {
				if _, ok := roles[m[1]]; !ok {
					add(ptr+"/template", "placeholder {%s} is not a role of required_schema (roles: %s)", m[1], strings.Join(sortedKeys(roles), ", "))
				}
			}
		}
		for _, name := range a.Params {
			if _, ok := rule.ParamMap[name]; !ok {
				add(base+"/param_map", "parameter %q of %s is not mapped", name, a.ID)
			}
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
