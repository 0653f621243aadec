package safefetch_test

import (
	"context"
	"fmt"

	"github.com/inferra/inferra"
	"github.com/inferra/inferra/internal/safefetch"
)

func ExampleFetcher_Fetch() {
	f := &safefetch.Fetcher{Allow: []string{"raw.githubusercontent.com"}}
	for _, u := range []string{
		"http://raw.githubusercontent.com/data.csv",
		"https://raw.githubusercontent.com@169.254.169.254/",
		"https://intranet.example/data.csv",
		"https://0x7f000001/",
	} {
		_, err := f.Fetch(context.Background(), u)
		fmt.Println(inferra.ErrorCode(err)+":", err)
	}
	// Output:
	// invalid_input: only https:// dataset URLs can be fetched
	// invalid_input: dataset URLs with a user name or password are refused
	// invalid_input: the host "intranet.example:443" is not on the list of hosts datasets may be fetched from (DATASET_URL_ALLOW)
	// invalid_input: the host "0x7f000001:443" is not on the list of hosts datasets may be fetched from (DATASET_URL_ALLOW)
}

func ExampleParseAllow() {
	fmt.Printf("%q\n", safefetch.ParseAllow(" data.example.org, raw.githubusercontent.com  files.example:8443,"))
	// Output:
	// ["data.example.org" "raw.githubusercontent.com" "files.example:8443"]
}

func ExampleCheckAllow() {
	for _, entry := range []string{"data.example.org", "files.example.org:8443", "*.example.org", "*.org", "https://data.example.org/"} {
		fmt.Println(entry, "→", safefetch.CheckAllow(entry))
	}
	// Output:
	// data.example.org → <nil>
	// files.example.org:8443 → <nil>
	// *.example.org → <nil>
	// *.org → "*.org": a wildcard needs a domain of two labels or more, such as *.example.org
	// https://data.example.org/ → "https://data.example.org/" is a URL: give its host (and port, if not 443), as data.example.org
}
