package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/inferra/inferra"
	"github.com/inferra/inferra/jobs"
	"github.com/inferra/inferra/store"
)

// datasetRequest names a request's dataset: exactly one of csv (the file's
// text), id (an uploaded dataset) and url (fetched from an allow-listed
// host).
type datasetRequest struct {
	CSV  string `json:"csv,omitempty"`
	ID   string `json:"id,omitempty" validate:"omitempty,max=128,text"`
	URL  string `json:"url,omitempty" validate:"omitempty,text,url,max=2048"`
	Name string `json:"name,omitempty" validate:"omitempty,max=256,text"`
	// Dictionary describes the columns of an inline or fetched dataset.
	Dictionary *inferra.Dictionary `json:"dictionary,omitempty"`
}

// analyzeRequest is the body of POST /api/analyze.
type analyzeRequest struct {
	Prompt       string            `json:"prompt" validate:"required_without=Analysis,max=2000,text"`
	Analysis     string            `json:"analysis" validate:"omitempty,max=64,text"`
	Params       map[string]string `json:"params" validate:"omitempty,excluded_without=Analysis,max=32,dive,keys,min=1,max=64,text,endkeys,max=2000,text"`
	Dataset      *datasetRequest   `json:"dataset" validate:"required"`
	Mode         string            `json:"mode" validate:"omitempty,oneof=sync async"`
	DecisionOnly bool              `json:"decision_only"`
}

// decideRequest is the body of POST /api/decide.
type decideRequest struct {
	Prompt  string          `json:"prompt" validate:"required,max=2000,text"`
	Dataset *datasetRequest `json:"dataset" validate:"required"`
}

// runDecision is the decision POST /api/run runs: an analysis and its
// parameters.
type runDecision struct {
	Analysis string            `json:"analysis" validate:"required,max=64,text"`
	Params   map[string]string `json:"params" validate:"omitempty,max=32,dive,keys,min=1,max=64,text,endkeys,max=2000,text"`
}

// runRequest is the body of POST /api/run.
type runRequest struct {
	Prompt   string          `json:"prompt" validate:"max=2000,text"`
	Decision *runDecision    `json:"decision" validate:"required"`
	Dataset  *datasetRequest `json:"dataset" validate:"required"`
	Mode     string          `json:"mode" validate:"omitempty,oneof=sync async"`
}

// validate checks request structs against their validate tags, naming
// fields by their JSON names.
var validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	// text: what every store can keep (store.CheckText): no NUL
	// character, nothing but UTF-8. JSON decoding already turns bytes that
	// are not UTF-8 into U+FFFD, but not the escape \u0000.
	_ = v.RegisterValidation("text", func(fl validator.FieldLevel) bool {
		return store.CheckText("", fl.Field().String()) == nil
	}) // cannot fail: the tag is new and the function non-nil
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	v.RegisterStructValidation(func(sl validator.StructLevel) {
		d := sl.Current().Interface().(datasetRequest)
		n := 0
		for _, s := range []string{d.CSV, d.ID, d.URL} {
			if s != "" {
				n++
			}
		}
		if n != 1 {
			sl.ReportError(d.CSV, "csv", "CSV", "one_of_csv_id_url", "")
		}
	}, datasetRequest{})
	return v
}

// fieldError is one entry of an invalid request's details.fields.
type fieldError struct {
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// decodeJSON decodes a JSON request body into v (unknown fields are
// errors, to catch typos) and validates it. Every problem is a 400 whose
// details.fields lists the fields at fault.
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return badRequest(inferra.Errorf(inferra.EInvalid, "send the request as application/json, not %s", ct))
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest(inferra.Errorf(inferra.EInvalid, "the request body holds more than one JSON value"))
	}
	err := validate.Struct(v)
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return err
	}
	fields := make([]fieldError, len(ves))
	msgs := make([]string, len(ves))
	for i, fe := range ves {
		name := fe.Namespace()
		if _, rest, ok := strings.Cut(name, "."); ok {
			name = rest // drop the struct's own name
		}
		fields[i] = fieldError{Field: name, Rule: fe.Tag(), Message: ruleMessage(fe)}
		msgs[i] = name + ": " + fields[i].Message
	}
	return badRequest(inferra.Errorf(inferra.EInvalid, "the request is not valid: %s", strings.Join(msgs, "; ")).
		WithDetail("fields", fields))
}

// ruleMessage says in words what a failed validation rule expects.
func ruleMessage(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "is required"
	case "required_without":
		return "is required unless " + strings.ToLower(fe.Param()) + " is given"
	case "excluded_without":
		return "goes with " + strings.ToLower(fe.Param()) + "; without it the question decides the columns"
	case "max":
		return "is too long (at most " + fe.Param() + ")"
	case "min":
		return "is too short (at least " + fe.Param() + ")"
	case "oneof":
		return "must be one of: " + fe.Param()
	case "url":
		return "must be an absolute URL"
	case "text":
		return textMessage(fe.Value())
	case "one_of_csv_id_url":
		return "give exactly one of dataset.csv, dataset.id and dataset.url"
	}
	return "fails the rule " + fe.Tag()
}

// textMessage says why a value failed the rule text.
func textMessage(v any) string {
	s, _ := v.(string)
	if strings.IndexByte(s, 0) >= 0 {
		return "contains a NUL character (U+0000), which cannot be stored; remove it"
	}
	return "is not valid UTF-8 text"
}

// checkTextParam refuses a query or form value that no store can keep,
// as decodeJSON does a field of the body: 400, naming it.
func checkTextParam(field, value string) error {
	if store.CheckText(field, value) == nil {
		return nil
	}
	msg := textMessage(value)
	return badRequest(inferra.Errorf(inferra.EInvalid, "the request is not valid: %s: %s", field, msg).
		WithDetail("fields", []fieldError{{Field: field, Rule: "text", Message: msg}}))
}

// decodeError turns a JSON decoding error into a 400 naming the field.
func decodeError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return badRequest(inferra.Errorf(inferra.EInvalid, "the request body is empty; send a JSON object"))
	case errors.As(err, &syn):
		return badRequest(inferra.Errorf(inferra.EInvalid, "the request body is not valid JSON (at byte %d): %v", syn.Offset, err).
			WithDetail("offset", syn.Offset))
	case errors.As(err, &typ):
		return badRequest(inferra.Errorf(inferra.EInvalid, "%s must be %s, not a JSON %s", typ.Field, typ.Type.Kind(), typ.Value).
			WithDetail("fields", []fieldError{{Field: typ.Field, Rule: "type", Message: fmt.Sprintf("must be %s", typ.Type.Kind())}}))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return badRequest(inferra.Errorf(inferra.EInvalid, "unknown field %q in the request", field).
			WithDetail("fields", []fieldError{{Field: field, Rule: "unknown", Message: "is not a field of this request"}}))
	}
	return badRequest(inferra.Errorf(inferra.EInvalid, "the request body cannot be read: %v", err))
}

// input converts the dataset of a request for the job service.
func (d *datasetRequest) input() jobs.DatasetInput {
	in := jobs.DatasetInput{ID: d.ID, URL: d.URL, Name: d.Name, Dictionary: d.Dictionary}
	if d.CSV != "" {
		in.CSV = []byte(d.CSV)
	}
	return in
}
