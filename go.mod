module github.com/inferra/inferra

go 1.26

require (
	github.com/golang-jwt/jwt/v5 v5.3.1
	github.com/santhosh-tekuri/jsonschema/v5 v5.3.1
	gonum.org/v1/gonum v0.17.0
)
