// Package decision is the deterministic rule engine that turns a question in
// plain words and a dataset schema into an inferra.Decision: one analysis
// from the allow-list, on named columns, with the reason why.
//
// An Engine (New, Engine.Decide) scores every rule against the prompt,
// resolves the columns the prompt names (Resolve), fills each rule's roles
// from them and from the schema assessment, and returns the best analysis
// only when it is clearly ahead. Otherwise it returns a no-decision
// (IsNoDecision) with the candidates it considered and one clarifying
// question, and consults the optional Fallback. It never guesses: a column
// the prompt does not name is inferred only when exactly one column fits.
//
// # Stages
//
// Engine.Decide runs six stages, each in its own file:
//
//  1. normalise (normalise.go, match.go): the prompt and the column names
//     as lower-case words; a column's name written without separators,
//     ordinals ("the second half" for Half2), "A of the B" reordered where
//     a column has both words, initialisms, the vocabulary's
//     abbreviations, concept rings and related words, typos of the rules'
//     words corrected, word classes marked. match.go says whether a
//     prompt word may stand for a column word: itself, an inflection, a
//     prefix, a consonant skeleton, one typo.
//  2. mentions (mentions.go): the places in the prompt that name columns
//     or their levels, each with its span and how closely it matches;
//     words that only describe the rows ("players who…", "episode
//     length" of an identifier) or qualify another name are dropped.
//  3. intent (intent.go): which analyses the words ask for (each rule's
//     match and negative terms), the reference value, the statistic and
//     the distribution named. A chart drawn beside a test (a Q-Q plot, the
//     two empirical CDFs, residuals against fitted values, a cross-tab;
//     plots.Companion) is asked for by its test's rule: the job of the
//     test shows it.
//  4. roles (roles.go): each asked-for rule's roles filled from the
//     mentions by the grammar of roles (outcome "Y on X", group "by G",
//     x against y, covariates "controlling for", "as a factor",
//     interactions), or the problem that stops it.
//  5. select (select.go): the best rule wins only when it is clearly
//     ahead; otherwise the engine declines with candidates that keep what
//     was resolved, and one question.
//  6. explain (end of decide in select.go): the rule's explanation with
//     the columns filled in, and the evidence (terms matched, columns by
//     role).
//
// assess.go reads the schema (groups, measures, identifiers, paired
// layouts), lexicon.go and grammar.go compile the vocabulary of
// rules.json, rules.go and validate.go load and check it, analyses.go
// holds the allow-list.
//
// # Rules as data
//
// The rules live in rules.json, embedded in the package and validated at
// load against rules.schema.json (JSON Schema draft 2020-12, whose
// descriptions document every field) and against what a schema cannot say:
// rule ids are unique, each analysis is allow-listed (see Analyses) and
// named with the Go function that computes it, every parameter of the
// analysis is mapped, and every mapped role exists. A rule reads:
//
//	{
//	  "id": "ttest_ind.two_groups",
//	  "analysis": "ttest_ind", "library": "stats", "function": "TTestInd",
//	  "explanation": "Compares the mean of {value} between the two groups of {group} …",
//	  "match_terms": [
//	    {"phrase": "t-test", "weight": 3, "synonyms": ["t test", "ttest"]},
//	    {"phrase": "higher than", "weight": 1, "synonyms": ["lower than"]}
//	  ],
//	  "negative_terms": [{"phrase": "paired", "weight": 3}],
//	  "required_schema": {
//	    "roles": {
//	      "group": {"kinds": ["categorical", "boolean", "integer_coded"], "min_levels": 2, "max_levels": 2},
//	      "value": {"kinds": ["numeric"]}
//	    }
//	  },
//	  "param_map": {"group": {"role": "group"}, "value": {"role": "value"}}
//	}
//
// Match terms speak for the rule and negative terms against it, each with a
// weight (1 when left out); a phrase may hold an ellipsis (…) for a gap of a
// few words, as in "plot … against". The required schema names the roles
// the rule needs and the column kinds that may fill them; "paired": true
// asks for two measures of the same subjects (a Pair). The param map fills
// each analysis parameter from a role, a template such as
// "{outcome} ~ {predictors}", or a fixed value.
//
// Besides the rules, the file holds a vocabulary: requests that are out of
// scope (each with the reason shown to the user), abbreviations that column
// names use ("blood pressure" → bp), everyday words for what a column
// measures ("fever" for temp, used only when no column has the word
// itself), comparatives that name a measure ("cheaper" → price or cost),
// word classes that terms may name ("{comparative} … {comparative}"),
// identifier words, paired markers, stop words, units and what they
// measure, statistics and distributions by name, numbers in words, rings
// of phrases that name one quantity (concepts: a glossary of 883 common
// names and abbreviations — horsepower and hp, relative humidity and rh,
// credit score and fico, downlink and dl — written from general knowledge
// by sessions that never saw the engine or its corpus; a deployment adds
// its own), and
// the grammar: the words that introduce a
// variable, join two, ask for a model, deny or name a period (read from
// the embedded file; among them the words that keep some rows only, "only
// 2023 cases", and those that split rows into groups, "broken down by").
// None of these word lists is in Go code, so a
// reviewer can read and extend them.
//
// DefaultRules returns the embedded rules; LoadRules and LoadRulesFile read
// others. An invalid file is an inferra.Error with code EInvalid whose
// message lists every problem at its JSON pointer, for example
//
//	/rules/3/analysis: value must be one of "ttest_ind", …
//
// and whose Details["problems"] is the []Problem. Change rules_version with
// every change to the rules: it is recorded in each decision.
//
// # Schema assessment
//
// Assess reads an inferra.Schema and says, column by column, which columns
// may serve as groups (categorical or boolean with 2 to 20 levels, integer
// codes with 2 to 10 values) and which as measures (numeric, not codes of 3
// or fewer values), and which are identifiers, left out of everything. It
// also finds paired layouts: two measures whose names mark them as
// repeated measurements of one quantity (weight_before and weight_after,
// pre_score and post_score, score_1 and score_2, t1/t2, baseline/followup,
// left/right) and whose values are on the same scale.
//
// # Selection
//
//	e, _ := decision.New(decision.Config{}) // default rules, 1024 cached decisions
//	d, _ := e.Decide(ctx, "predict price from floor area and age", schema)
//	// d.Analysis == "ols", d.Params["formula"] == "price ~ Q('floor.area') + age"
//
// Resolve reads column names in the prompt whatever their case and
// punctuation ("body mass" for Body.Mass), abbreviated, in the plural or
// in quotes; identifiers count only when named in full and are never used
// as variables. Each rule scores its weighted match terms minus its
// negative terms, and its roles are filled from the named columns by
// phrasing ("plot Y against X" puts X on the x axis; "predict Y from A and
// B" and "regress Y on A, B" give Y ~ A + B; "treating D as a factor" gives
// C(D)); a role the prompt leaves open is inferred only when exactly one
// column fits it and the prompt names nothing that is not a column. The
// engine declines (a no-decision with a question) when no rule is clearly
// ahead, when the prompt asks for something off the allow-list, names an
// identifier, a column that does not exist or a subset of a group's
// levels, or names a column the analysis would ignore.
//
// # The fallback
//
// When the rules decline, Config.Fallback (the LLM planner of package llm)
// may answer instead. Its answer is never trusted: Validate checks that the
// analysis is allow-listed, that every parameter is given and names an
// existing column of a fitting kind, and that a formula parses and uses
// existing columns. A valid answer is returned with source "llm" and a
// confidence of at most 0.6; an invalid one is refused, and the rules'
// no-decision is returned with the reason in its evidence.
//
// # Column matching
//
// A prompt word names a column word by algorithm, not by list: the word
// itself or an inflection (one stem: smokers, smoker, smoking), a prefix
// of three letters or more (inc for income), a consonant skeleton (hgt
// for height, qty for quantity, pct for percentage), a run of words whose
// initials spell it (bmi for "body mass index"), a spelling variant
// (neighbourhood), a compound (yo-yo for yoyo) or, for long words, one
// typo. Closer matches win (exact before prefix before skeleton), longer
// names beat their prefixes, a unit in a name says what it measures
// (wait_min is a time), and a level names its column ("placebo vs
// active"). A dataset's Dictionary (descriptions and level labels, see
// inferra.Dataset.Describe) gives columns more names.
//
// # Accuracy
//
// The corpus test (corpus_test.go) scores the engine on testdata/decisions:
// the hand-written corpus.json and the blind batches in batches/, each
// written by someone who never saw the engine and scored before anyone
// tuned on it (package decisiontest scores; scripts/decisioneval prints
// the figures, recorded in BENCHMARKS.md). It fails on any must-decline
// item of the tune split decided, and below ratchets on the tune and the
// frozen holdout split, whose items it never prints.
//
// See ExampleEngine_Decide, ExampleLoadRules, ExampleDefaultRules and
// ExampleAssess.
package decision
