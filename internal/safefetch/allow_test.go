package safefetch_test

import (
	"strings"
	"testing"

	"github.com/inferra/inferra/internal/safefetch"
)

// TestAllowForms checks each documented form of an allow-list entry
// against the URLs it must and must not admit: host, host:port, *.domain
// (subdomains at any depth, not the apex) and *.domain:port. host:port and
// *.domain were refused by DATASET_URL_ALLOW, and *.domain never matched.
func TestAllowForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		entry string
		yes   []string
		no    []string
	}{
		{"data.example.org",
			[]string{"https://data.example.org/x.csv", "https://DATA.Example.org./x.csv", "https://data.example.org:443/x.csv"},
			[]string{"https://data.example.org:8443/x.csv", "https://a.data.example.org/", "https://example.org/", "https://data.example.org.evil.test/"}},
		{"files.example.org:8443",
			[]string{"https://files.example.org:8443/x.csv"},
			[]string{"https://files.example.org/x.csv", "https://files.example.org:443/x.csv", "https://files.example.org:8444/"}},
		{"*.example.org",
			[]string{"https://a.example.org/x.csv", "https://a.b.example.org/x.csv", "https://A.EXAMPLE.ORG./x.csv"},
			[]string{"https://example.org/x.csv", "https://badexample.org/", "https://a.example.org.evil.test/", "https://a.example.org:8443/", "https://example.org.a/"}},
		{"*.example.org:8443",
			[]string{"https://a.example.org:8443/x.csv"},
			[]string{"https://a.example.org/x.csv", "https://example.org:8443/"}},
		{"*.Example.ORG.", []string{"https://a.example.org/"}, []string{"https://example.org/"}},
		{"93.184.216.34", []string{"https://93.184.216.34/x.csv"}, []string{"https://93.184.216.34:8443/", "https://a.93.184.216.34/"}},
		{"[2606:2800:220:1::7]:8443", []string{"https://[2606:2800:220:1::7]:8443/x.csv"}, []string{"https://[2606:2800:220:1::7]/"}},
		{"*.93.184.216.34", nil, []string{"https://93.184.216.34/", "https://a.93.184.216.34/"}},
		{"*.", nil, []string{"https://a.example.org/"}},
		{"a.*.example.org", nil, []string{"https://a.b.example.org/"}},
	}
	for _, tt := range tests {
		f := &safefetch.Fetcher{Allow: []string{tt.entry}}
		for _, u := range tt.yes {
			if !safefetch.Allowed(f, u) {
				t.Errorf("Allow %q refuses %s, want it admitted", tt.entry, u)
			}
		}
		for _, u := range tt.no {
			if safefetch.Allowed(f, u) {
				t.Errorf("Allow %q admits %s, want it refused", tt.entry, u)
			}
		}
	}
}

// TestCheckAllow checks the validation of DATASET_URL_ALLOW entries: the
// documented forms pass, anything else is refused with a reason.
func TestCheckAllow(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"data.example.org", "data.example.org:8443", "*.example.org", "*.example.org:8443",
		"203.0.113.7", "203.0.113.7:8443", "[2001:db8::1]", "[2001:db8::1]:8443", "DATA.Example.org.", "my_host.example",
		" raw.githubusercontent.com ", "xn--bcher-kva.example"} {
		if err := safefetch.CheckAllow(ok); err != nil {
			t.Errorf("CheckAllow(%q) = %v, want nil", ok, err)
		}
	}
	for _, tt := range []struct{ entry, why string }{
		{"", "empty"},
		{"https://x.org/", "is a URL: give its host"},
		{"https://x.org:8443/data", "as x.org:8443"},
		{"x.org/path", "not a URL path"},
		{"user@x.org", "user name"},
		{"*.org", "two labels or more"},
		{"*", "only as the first label"},
		{"*example.org", "only as the first label"},
		{"a.*.example.org", "only as the first label"},
		{"*.203.0.113.7", "not an IP address"},
		{"x.org:0", "from 1 to 65535"},
		{"x.org:99999", "from 1 to 65535"},
		{"x.org:https", "from 1 to 65535"},
		{"x.org:", "followed by a port"},
		{"2001:db8::1", "in brackets"},
		{"[x.org]", "IPv6 address only"},
		{"[2001:db8::1", "as [2001:db8::1]"},
		{"127.1", "neither a host name"},
		{"0x7f000001", "neither a host name"},
		{"bücher.example", "xn-- form"},
		{"-a.example", "neither begins nor ends"},
		{"a..example", "1 to 63"},
		{strings.Repeat("a", 64) + ".example", "1 to 63"},
	} {
		err := safefetch.CheckAllow(tt.entry)
		if err == nil || !strings.Contains(err.Error(), tt.why) {
			t.Errorf("CheckAllow(%q) = %v, want an error saying %q", tt.entry, err, tt.why)
		}
	}
}
