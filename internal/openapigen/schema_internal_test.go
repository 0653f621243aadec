package openapigen

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// inner is a named struct that sample refers to.
type inner struct {
	A int `json:"a"`
}

// base is embedded in sample: its fields are promoted, and sample's own
// B hides base's.
type base struct {
	B string  `json:"b"`
	C float64 `json:"c"`
}

type sample struct {
	base
	B        bool              `json:"b"`
	Count    uint              `json:"count"`
	Ratio    float32           `json:"ratio"`
	Maybe    *float64          `json:"maybe"`
	Omitted  *inner            `json:"omitted,omitempty"`
	Inner    inner             `json:"inner"`
	Inners   []inner           `json:"inners"`
	Fixed    [2]int            `json:"fixed"`
	ByName   map[string]int    `json:"by_name,omitempty"`
	When     time.Time         `json:"when"`
	Raw      []byte            `json:"raw"`
	Anything any               `json:"anything"`
	Quoted   int               `json:"quoted,string"`
	Plain    string            // no tag: named Plain
	Hidden   int               `json:"-"`
	Labels   map[string]string `json:"labels"`
	private  int
}

func TestStructSchema(t *testing.T) {
	g := &generator{types: map[reflect.Type]string{}}
	ref, err := g.ref(reflect.TypeFor[sample]())
	if err != nil {
		t.Fatal(err)
	}
	_ = sample{}.private
	var b bytes.Buffer
	if err := encode(&b, ref, ""); err != nil {
		t.Fatal(err)
	}
	if b.String() != `{"$ref":"#/components/schemas/openapigen.sample"}` {
		t.Errorf("ref = %s", b.String())
	}
	b.Reset()
	if err := encode(&b, g.out[0].schema, ""); err != nil {
		t.Fatal(err)
	}
	want := `{"type":"object","properties":{` +
		`"c":{"type":"number"},` +
		`"b":{"type":"boolean"},` +
		`"count":{"type":"integer","minimum":0},` +
		`"ratio":{"type":"number"},` +
		`"maybe":{"type":["number","null"]},` +
		`"omitted":{"$ref":"#/components/schemas/openapigen.inner"},` +
		`"inner":{"$ref":"#/components/schemas/openapigen.inner"},` +
		`"inners":{"anyOf":[{"type":"array","items":{"$ref":"#/components/schemas/openapigen.inner"}},{"type":"null"}]},` +
		`"fixed":{"type":"array","items":{"type":"integer"},"minItems":2,"maxItems":2},` +
		`"by_name":{"type":"object","additionalProperties":{"type":"integer"}},` +
		`"when":{"type":"string","format":"date-time"},` +
		`"raw":{"type":["string","null"],"contentEncoding":"base64"},` +
		`"anything":{},` +
		`"quoted":{"type":"string"},` +
		`"Plain":{"type":"string"},` +
		`"labels":{"anyOf":[{"type":"object","additionalProperties":{"type":"string"}},{"type":"null"}]}},` +
		`"required":["c","b","count","ratio","maybe","inner","inners","fixed","when","raw","anything","quoted","Plain","labels"],` +
		`"additionalProperties":false}`
	if b.String() != want {
		t.Errorf("schema =\n%s\nwant\n%s", b.String(), want)
	}
	if len(g.out) != 2 || g.out[1].name != "openapigen.inner" {
		t.Errorf("generated %d schemas, want sample and inner", len(g.out))
	}
	// What encoding/json writes matches the field names.
	out, _ := json.Marshal(sample{})
	for _, name := range []string{`"c"`, `"b"`, `"Plain"`, `"quoted":"0"`} {
		if !strings.Contains(string(out), name) {
			t.Errorf("json.Marshal wrote %s, without %s", out, name)
		}
	}
}

// clash has two promoted fields named Z at one depth.
type clash struct {
	za
	zb
}

type za struct{ Z int }

type zb struct{ Z string }

type badMap struct {
	M map[int]string `json:"m"`
}

type badChan struct {
	C chan int `json:"c"`
}

type anonymous struct {
	S struct{ X int } `json:"s"`
}

func TestSchemaErrors(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[clash](), reflect.TypeFor[badMap](), reflect.TypeFor[badChan](), reflect.TypeFor[anonymous](),
	} {
		g := &generator{types: map[reflect.Type]string{}}
		if _, err := g.ref(typ); err == nil {
			t.Errorf("%v: no error", typ)
		}
	}
	g := &generator{types: map[reflect.Type]string{reflect.TypeFor[inner](): "openapigen.base"}}
	if _, err := g.ref(reflect.TypeFor[base]()); err == nil || !strings.Contains(err.Error(), "two types") {
		t.Errorf("two types of one name: err = %v", err)
	}
}
