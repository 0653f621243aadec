module github.com/inferra/inferra

go 1.26.0

require (
	github.com/golang-jwt/jwt/v5 v5.3.1
	github.com/santhosh-tekuri/jsonschema/v5 v5.3.1
	golang.org/x/time v0.16.0
	gonum.org/v1/gonum v0.17.0
)
