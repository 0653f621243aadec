// Package openapigen writes the result schemas of the OpenAPI document
// (server/openapi.json) from the Go result types that package stats and
// package plots register for each analysis, so the document cannot drift
// from what a job's "result" holds. `go generate ./server` runs it through
// scripts/openapigen; a test of package server fails when the committed
// document differs from what Generate writes.
//
// Each analysis id gets a schema Result_<id> (a reference to the schema of
// its Go type, named stats.<Type> or plots.<Type>, with the id as title);
// JobResult is any one of them; JobResultByAnalysis ties a job's result
// to its decision's analysis (if decision.analysis is "ols", result is a
// Result_ols or null), which the hand-written Job schema includes. The
// generated schemas follow the hand-written ones at the end of
// components.schemas; Generate replaces them and leaves every other byte
// of the document as it was.
package openapigen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/inferra/inferra/plots"
	"github.com/inferra/inferra/stats"
)

// Analysis is one analysis id and the Go type of its result.
type Analysis struct {
	// ID is the analysis id, such as "ttest_ind" or "boxplot".
	ID string
	// Result is the Go type whose JSON encoding is the job's result.
	Result reflect.Type
}

// Analyses lists the statistical analyses, then the charts, with their
// result types.
func Analyses() []Analysis {
	var out []Analysis
	for _, s := range stats.Specs() {
		out = append(out, Analysis{ID: s.ID, Result: s.Result})
	}
	for _, s := range plots.Specs() {
		out = append(out, Analysis{ID: s.ID, Result: s.Result})
	}
	return out
}

// object is a JSON object that keeps its keys in the order they were set.
type object struct {
	keys []string
	vals map[string]any
}

func newObject() *object { return &object{vals: map[string]any{}} }

// set sets key to v and returns o.
func (o *object) set(key string, v any) *object {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
	return o
}

// MarshalJSON writes the keys in order.
func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := encode(&b, k, ""); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := encode(&b, o.vals[k], ""); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// encode writes v as JSON without escaping <, > and & (the document is
// read by people), indented by indent unless it is empty, with no
// trailing newline.
func encode(w *bytes.Buffer, v any, indent string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent(indent, "  ")
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Truncate(w.Len() - 1) // Encode's newline
	return nil
}

// named is one generated component schema.
type named struct {
	name   string
	schema *object
}

// generator builds the schemas of Go types, naming each struct type once.
type generator struct {
	types map[reflect.Type]string // struct type → component name
	out   []named                 // the struct types' schemas, in order of discovery
}

var timeType = reflect.TypeFor[time.Time]()

// componentName names the schema of a struct type after its package and
// type: stats.OLSResult.
func componentName(t reflect.Type) string {
	pkg := t.PkgPath()
	return pkg[strings.LastIndex(pkg, "/")+1:] + "." + t.Name()
}

// ref returns a reference to the schema of struct type t, generating the
// schema on first use.
func (g *generator) ref(t reflect.Type) (*object, error) {
	name, ok := g.types[t]
	if !ok {
		if t.Name() == "" {
			return nil, fmt.Errorf("openapigen: an anonymous struct type %v has no schema name", t)
		}
		name = componentName(t)
		for _, n := range g.types {
			if n == name {
				return nil, fmt.Errorf("openapigen: two types are named %s", name)
			}
		}
		g.types[t] = name
		i := len(g.out)
		g.out = append(g.out, named{name: name})
		s, err := g.structSchema(t)
		if err != nil {
			return nil, err
		}
		g.out[i].schema = s
	}
	return newObject().set("$ref", "#/components/schemas/"+name), nil
}

// field is a JSON field of a struct with the Go field it comes from.
type field struct {
	name      string
	depth     int
	omitempty bool
	quoted    bool // the ",string" option
	f         reflect.StructField
}

// fields lists the JSON fields of struct type t as encoding/json writes
// them: exported fields by tag name, the fields of embedded structs
// promoted, a shallower field hiding deeper ones of its name.
func fields(t reflect.Type, depth int) ([]field, error) {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			inner, err := fields(ft, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, inner...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		o := strings.Split(opts, ",")
		out = append(out, field{name: name, depth: depth, f: f,
			omitempty: slices.Contains(o, "omitempty") || slices.Contains(o, "omitzero"),
			quoted:    slices.Contains(o, "string")})
	}
	// A name at a smaller depth hides the deeper ones. Two at the same
	// depth would hide each other in encoding/json; no result type has
	// them, and the generator refuses them rather than model that.
	var kept []field
	for i, f := range out {
		hidden := false
		for j, g := range out {
			switch {
			case i == j || g.name != f.name:
			case g.depth < f.depth:
				hidden = true
			case g.depth == f.depth:
				return nil, fmt.Errorf("openapigen: %v has two fields named %q", t, f.name)
			}
		}
		if !hidden {
			kept = append(kept, f)
		}
	}
	return kept, nil
}

// structSchema is the schema of struct type t: an object with its JSON
// fields, those without omitempty required, no others allowed.
func (g *generator) structSchema(t reflect.Type) (*object, error) {
	fs, err := fields(t, 0)
	if err != nil {
		return nil, err
	}
	props := newObject()
	var required []string
	for _, f := range fs {
		var s *object
		if f.quoted {
			s = newObject().set("type", "string")
		} else if s, err = g.schema(f.f.Type, !f.omitempty); err != nil {
			return nil, fmt.Errorf("%v.%s: %w", t, f.f.Name, err)
		}
		props.set(f.name, s)
		if !f.omitempty {
			required = append(required, f.name)
		}
	}
	s := newObject().set("type", "object").set("properties", props)
	if len(required) > 0 {
		s.set("required", required)
	}
	return s.set("additionalProperties", false), nil
}

// schema is the schema of a value of type t. nullable says whether a nil
// pointer, slice or map of t is written as null (it is not when the field
// is omitempty, which leaves it out instead).
func (g *generator) schema(t reflect.Type, nullable bool) (*object, error) {
	switch {
	case t == timeType:
		return newObject().set("type", "string").set("format", "date-time"), nil
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return orNull(newObject().set("type", "string").set("contentEncoding", "base64"), nullable), nil
	}
	switch t.Kind() {
	case reflect.Bool:
		return newObject().set("type", "boolean"), nil
	case reflect.String:
		return newObject().set("type", "string"), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return newObject().set("type", "integer"), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return newObject().set("type", "integer").set("minimum", 0), nil
	case reflect.Float32, reflect.Float64:
		return newObject().set("type", "number"), nil
	case reflect.Interface:
		return newObject(), nil
	case reflect.Pointer:
		s, err := g.schema(t.Elem(), nullable)
		if err != nil {
			return nil, err
		}
		return orNull(s, nullable), nil
	case reflect.Struct:
		return g.ref(t)
	case reflect.Slice, reflect.Array:
		items, err := g.schema(t.Elem(), true)
		if err != nil {
			return nil, err
		}
		s := newObject().set("type", "array").set("items", items)
		if t.Kind() == reflect.Array {
			s.set("minItems", t.Len()).set("maxItems", t.Len())
			return s, nil
		}
		return orNull(s, nullable), nil
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil, fmt.Errorf("openapigen: map keys of %v are not strings", t)
		}
		vals, err := g.schema(t.Elem(), true)
		if err != nil {
			return nil, err
		}
		return orNull(newObject().set("type", "object").set("additionalProperties", vals), nullable), nil
	}
	return nil, fmt.Errorf("openapigen: no schema for %v", t)
}

// orNull returns s, or s or null when nullable.
func orNull(s *object, nullable bool) *object {
	if !nullable {
		return s
	}
	if typ, ok := s.vals["type"].(string); ok && len(s.keys) == 1 {
		return newObject().set("type", []string{typ, "null"})
	}
	if typ, ok := s.vals["type"].(string); ok && s.keys[0] == "type" && typ != "object" && typ != "array" {
		s.set("type", []string{typ, "null"})
		return s
	}
	return newObject().set("anyOf", []any{s, newObject().set("type", "null")})
}

// schemas returns the generated component schemas in the order they are
// written: Result_<id> for each analysis, JobResult, JobResultByAnalysis,
// then the schemas of the Go types, in the order first referenced.
func schemas() ([]named, error) {
	g := &generator{types: map[reflect.Type]string{}}
	var results, rules []any
	var head []named
	for _, a := range Analyses() {
		if a.Result == nil || a.Result.Kind() != reflect.Struct {
			return nil, fmt.Errorf("openapigen: analysis %s registers no struct result type", a.ID)
		}
		r, err := g.ref(a.Result)
		if err != nil {
			return nil, err
		}
		name := "Result_" + a.ID
		head = append(head, named{name: name, schema: newObject().
			set("title", a.ID).
			set("description", fmt.Sprintf("The result of %s (Go type %s; fields in docs/RESULTS.md).", a.ID, componentName(a.Result))).
			set("$ref", r.vals["$ref"])})
		ref := "#/components/schemas/" + name
		results = append(results, newObject().set("$ref", ref))
		rules = append(rules, newObject().
			set("if", newObject().
				set("required", []string{"decision"}).
				set("properties", newObject().set("decision", newObject().
					set("type", "object").
					set("required", []string{"analysis"}).
					set("properties", newObject().set("analysis", newObject().set("const", a.ID)))))).
			set("then", newObject().
				set("properties", newObject().set("result", newObject().
					set("anyOf", []any{newObject().set("$ref", ref), newObject().set("type", "null")})))))
	}
	head = append(head,
		named{name: "JobResult", schema: newObject().
			set("description", "The result of a succeeded job: one of the Result_<analysis> schemas, the one whose title is the job's decision.analysis (JobResultByAnalysis states the rule). The result carries no analysis field of its own, so the schemas are told apart by the decision, not by a discriminator property.").
			set("anyOf", results)},
		named{name: "JobResultByAnalysis", schema: newObject().
			set("description", "Ties a job's result to its decision: when decision.analysis is an analysis id, result is that analysis's Result_<id> schema or null.").
			set("allOf", rules)})
	return append(head, g.out...), nil
}

// isGenerated tells the names of the generated schemas.
func isGenerated(name string) bool {
	return strings.HasPrefix(name, "Result_") || name == "JobResult" || name == "JobResultByAnalysis" ||
		strings.HasPrefix(name, "stats.") || strings.HasPrefix(name, "plots.")
}

// Generate returns the OpenAPI document doc with its generated schemas
// replaced by those of the current Go types. The generated schemas are
// the last of components.schemas; every byte before them and after that
// object is kept.
func Generate(doc []byte) ([]byte, error) {
	handEnd, closeAt, err := locate(doc)
	if err != nil {
		return nil, err
	}
	generated, err := schemas()
	if err != nil {
		return nil, err
	}
	const indent = "      " // components.schemas entries
	var b bytes.Buffer
	b.Write(doc[:handEnd])
	for _, s := range generated {
		b.WriteString(",\n" + indent)
		if err := encode(&b, s.name, ""); err != nil {
			return nil, err
		}
		b.WriteString(": ")
		if err := encode(&b, s.schema, indent); err != nil {
			return nil, err
		}
	}
	b.WriteString("\n    ")
	b.Write(doc[closeAt:])
	return b.Bytes(), nil
}

// locate finds in doc the end of the last hand-written schema of
// components.schemas and the offset of that object's closing brace.
func locate(doc []byte) (handEnd, closeAt int, err error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	expect := func(want json.Delim) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if tok != want {
			return fmt.Errorf("openapigen: %v where %v was expected", tok, want)
		}
		return nil
	}
	// enter reads the keys of the current object up to key and leaves the
	// decoder before its value.
	enter := func(key string) error {
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			if tok == key {
				return nil
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
		}
		return fmt.Errorf("openapigen: the document has no %q", key)
	}
	if err := expect('{'); err != nil {
		return 0, 0, err
	}
	if err := enter("components"); err != nil {
		return 0, 0, err
	}
	if err := expect('{'); err != nil {
		return 0, 0, err
	}
	if err := enter("schemas"); err != nil {
		return 0, 0, err
	}
	if err := expect('{'); err != nil {
		return 0, 0, err
	}
	handEnd = -1
	generated := false
	for dec.More() {
		// More skipped the blank space (and stopped at a comma) after
		// the value before.
		end := len(bytes.TrimRight(doc[:dec.InputOffset()], " \t\r\n"))
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, err
		}
		name, _ := tok.(string)
		switch {
		case isGenerated(name) && !generated:
			generated, handEnd = true, end
		case !isGenerated(name) && generated:
			return 0, 0, fmt.Errorf("openapigen: the hand-written schema %s follows generated ones; move it before them", name)
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return 0, 0, err
		}
	}
	end := len(bytes.TrimRight(doc[:dec.InputOffset()], " \t\r\n"))
	if handEnd < 0 {
		handEnd = end
	}
	if err := expect('}'); err != nil {
		return 0, 0, err
	}
	closeAt = int(dec.InputOffset()) - 1
	if handEnd == 0 || doc[closeAt] != '}' {
		return 0, 0, fmt.Errorf("openapigen: cannot find the end of components.schemas")
	}
	return handEnd, closeAt, nil
}
