package decision

import (
	"encoding/json"
	"strconv"
)

// The grammar: the words of English that the stages read every prompt
// with (which words introduce a variable, join two, ask for a model,
// deny, name a period), read at start-up from the embedded rules.json's
// vocabulary.grammar and number_words, where each list is described. No
// word list that shapes understanding is written in Go.
var (
	adjustingSubjects map[string]bool
	answerWords       map[string]bool
	quantityNouns     map[string]bool
	pronounAfters     map[string]bool
	rangeWords        map[string]bool
	allOthersPhrases  [][]string
	baselineWords     map[string]bool
	complementJoins   map[string]bool
	connectors        map[string]bool
	effectVerbs       map[string]bool
	explainVerbs      map[string]bool
	factorNouns       map[string]bool
	functionWords     map[string]bool
	groupCue          map[string]bool
	// whichVerbs follow a column named after "which" and make it the
	// groups compared: "which model years differ in city mpg".
	whichVerbs map[string]bool
	// ringModifiers name a statistic before a ring phrase ("average
	// handle time"): the phrase without it is a phrase of the ring too.
	ringModifiers    map[string]bool
	initialismWords  map[string]bool
	interactionWords map[string]bool
	introducers      map[string]bool
	// contractionBases maps the first part of a negative contraction, as
	// the words split it (doesn of doesn't, ca of can't), to its verb.
	contractionBases map[string]string
	// wordForms maps a word to the base word of its family: an irregular
	// past form to its verb (won: win), a noun to the verb it is made from
	// (usage: use).
	wordForms map[string]string
	// irregularPlurals maps a plural that does not add s to its singular.
	irregularPlurals map[string]string
	laterWords       map[string]bool
	measureHeads     map[string]bool
	minor            map[string]bool
	modelVerbs       map[string]bool
	negators         map[string]bool
	// ownerWords own the noun after them ("our members"): the rows.
	ownerWords map[string]bool
	// kindNouns name a kind of thing ("saddle type"): after an unknown
	// word they name an attribute the data may lack.
	kindNouns map[string]bool
	// referenceAnaphora point back to a value stated before ("different
	// from that"), as two words.
	referenceAnaphora map[string]bool
	// passiveModelVerbs put the outcome before them ("Y regressed on X").
	passiveModelVerbs map[string]bool
	// filterWords keep some rows only ("only 2023 cases").
	filterWords map[string]bool
	// groupingVerbs split the rows into groups ("broken down by region",
	// "coloured by faculty"): they name no variable.
	groupingVerbs      map[string]bool
	outcomeEnds        map[string]bool
	ordinalWords       []string
	periodPrepositions map[string]bool
	periodWords        map[string]bool
	prepositions       map[string]bool
	referenceFillers   map[string]bool
	referenceNouns     map[string]bool
	relativePronouns   map[string]bool
	rowCues            map[string]bool
	skeletonSuffixes   []string
	slotWords          map[string]bool
	testStatistics     map[string]bool
	// numberWordValues maps a number written in words to its value.
	numberWordValues map[string]string
)

func init() {
	var f struct {
		Vocabulary struct {
			Grammar     map[string][]string `json:"grammar"`
			NumberWords map[string]float64  `json:"number_words"`
		} `json:"vocabulary"`
	}
	if err := json.Unmarshal(defaultRulesJSON, &f); err != nil {
		panic("decision: embedded rules.json: " + err.Error())
	}
	g := f.Vocabulary.Grammar
	list := func(name string) []string {
		l, ok := g[name]
		if !ok {
			panic("decision: embedded rules.json has no grammar list " + name)
		}
		return l
	}
	set := func(name string) map[string]bool {
		m := map[string]bool{}
		for _, w := range list(name) {
			m[w] = true
		}
		return m
	}
	adjustingSubjects = set("adjusting_subjects")
	for _, p := range list("all_others") {
		allOthersPhrases = append(allOthersPhrases, words(p))
	}
	baselineWords = set("baseline_words")
	complementJoins = set("complement_joins")
	connectors = set("connectors")
	effectVerbs = set("effect_verbs")
	explainVerbs = set("explain_verbs")
	factorNouns = set("factor_nouns")
	functionWords = set("function_words")
	groupCue = set("group_cues")
	whichVerbs = set("which_verbs")
	ringModifiers = set("ring_modifiers")
	initialismWords = set("initialism_words")
	interactionWords = set("interaction_words")
	introducers = set("introducers")
	contractionBases = map[string]string{}
	for _, p := range list("negative_contractions") {
		if ws := words(p); len(ws) > 0 {
			contractionBases[ws[0]] = ws[len(ws)-1]
		}
	}
	wordForms = map[string]string{}
	for _, pair := range list("word_forms") {
		if ws := words(pair); len(ws) == 2 {
			wordForms[ws[0]] = ws[1]
		}
	}
	irregularPlurals = map[string]string{}
	for _, pair := range list("irregular_plurals") {
		if ws := words(pair); len(ws) == 2 {
			irregularPlurals[ws[0]] = ws[1]
		}
	}
	laterWords = set("later_words")
	measureHeads = set("measure_heads")
	minor = set("minor_words")
	modelVerbs = set("model_verbs")
	negators = set("negators")
	groupingVerbs = set("grouping_verbs")
	filterWords = set("filter_words")
	passiveModelVerbs = set("passive_model_verbs")
	referenceAnaphora = set("reference_anaphora")
	kindNouns = set("kind_nouns")
	ownerWords = set("owner_words")
	answerWords = set("answer_words")
	quantityNouns = set("quantity_nouns")
	pronounAfters = set("pronoun_afters")
	rangeWords = set("range_words")
	outcomeEnds = set("outcome_ends")
	ordinalWords = list("ordinals")
	periodPrepositions = set("period_prepositions")
	periodWords = set("period_words")
	prepositions = set("prepositions")
	referenceFillers = set("reference_fillers")
	referenceNouns = set("reference_nouns")
	relativePronouns = set("relative_pronouns")
	rowCues = set("row_cues")
	skeletonSuffixes = list("skeleton_suffixes")
	slotWords = set("slot_words")
	testStatistics = set("test_statistics")
	numberWordValues = map[string]string{}
	for w, v := range f.Vocabulary.NumberWords {
		numberWordValues[w] = strconv.FormatFloat(v, 'f', -1, 64)
	}
}
