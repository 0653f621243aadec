package safefetch

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// The allow-list (Fetcher.Allow, DATASET_URL_ALLOW) names hosts in one of
// these forms, each for port 443 unless it names another:
//
//	data.example.org            that host only
//	data.example.org:8443       that host on port 8443
//	*.example.org               every subdomain of example.org, at any depth
//	                            (a.example.org, a.b.example.org), not
//	                            example.org itself: list it too to allow it
//	*.example.org:8443          the same on port 8443
//	203.0.113.7, [2001:db8::7]  an IP address (IPv6 in brackets), with or
//	                            without :port
//
// Names compare without regard to case or a trailing dot. A wildcard
// stands for whole labels at the start of a name only, and its domain
// needs two labels or more (*.org is refused). CheckAllow says what is
// wrong with an entry. The matcher is more lenient than CheckAllow, for
// programs that fill Fetcher.Allow themselves: it reads an entry written
// as a URL (https://data.example.org/) for its host and port, and an
// entry CheckAllow refuses matches an identical host at most, never as a
// pattern.

// allowEntry is an entry of the allow-list, split.
type allowEntry struct {
	host     string // canonical; for a wildcard, the domain after "*."
	port     string
	wildcard bool
}

// splitEntry splits an entry leniently, as the matcher reads it; ok is
// false for an entry that can match nothing.
func splitEntry(entry string) (e allowEntry, ok bool) {
	entry = strings.TrimSpace(entry)
	if u, err := url.Parse(entry); err == nil && u.Scheme != "" && u.Host != "" {
		entry = u.Host // "https://data.example.org/" written for "data.example.org"
	}
	host, port := entry, "443"
	if h, p, err := net.SplitHostPort(entry); err == nil {
		host, port = h, p
	}
	host = canonicalHost(strings.Trim(host, "[]"))
	if rest, isWild := strings.CutPrefix(host, "*."); isWild {
		if rest == "" || strings.Contains(rest, "*") {
			return allowEntry{}, false
		}
		return allowEntry{host: rest, port: port, wildcard: true}, true
	}
	return allowEntry{host: host, port: port}, host != ""
}

// matches reports whether the entry admits tgt.
func (e allowEntry) matches(tgt target) bool {
	if e.port != tgt.port {
		return false
	}
	if !e.wildcard {
		return e.host == tgt.host
	}
	if _, err := netip.ParseAddr(tgt.host); err == nil {
		return false // an address is no subdomain of anything
	}
	return strings.HasSuffix(tgt.host, "."+e.host)
}

// allowed reports whether tgt matches an entry of f.Allow.
func (f *Fetcher) allowed(tgt target) bool {
	for _, s := range f.Allow {
		if e, ok := splitEntry(s); ok && e.matches(tgt) {
			return true
		}
	}
	return false
}

// AllowForms describes the accepted forms of an allow-list entry, for
// messages about DATASET_URL_ALLOW.
const AllowForms = "host, host:port or *.domain (optionally *.domain:port), such as data.example.org, files.example.org:8443 or *.example.org (subdomains only, not example.org itself)"

// CheckAllow returns nil when entry is a valid allow-list entry (see the
// forms above), or an error that says what is wrong with it.
func CheckAllow(entry string) error {
	s := strings.TrimSpace(entry)
	if s == "" {
		return fmt.Errorf("an empty entry")
	}
	if u, err := url.Parse(s); err == nil && u.Scheme != "" && u.Host != "" {
		return fmt.Errorf("%q is a URL: give its host (and port, if not 443), as %s", entry, u.Host)
	}
	if strings.ContainsAny(s, "/@?# \t") {
		return fmt.Errorf("%q: give a host (with an optional port), not a URL path, query or user name", entry)
	}
	host, port := s, ""
	switch {
	case strings.HasPrefix(s, "["):
		h, p, err := net.SplitHostPort(s)
		if err != nil {
			if !strings.HasSuffix(s, "]") {
				return fmt.Errorf("%q: write an IPv6 address as [2001:db8::1] or [2001:db8::1]:8443", entry)
			}
			h = strings.Trim(s, "[]")
		}
		if a, err := netip.ParseAddr(h); err != nil || !a.Is6() {
			return fmt.Errorf("%q: brackets hold an IPv6 address only", entry)
		}
		host, port = h, p
	case strings.Count(s, ":") > 1:
		return fmt.Errorf("%q: write an IPv6 address in brackets, as [2001:db8::1] or [2001:db8::1]:8443", entry)
	case strings.Contains(s, ":"):
		host, port, _ = strings.Cut(s, ":")
	}
	if strings.HasSuffix(s, ":") {
		return fmt.Errorf("%q: a colon is followed by a port", entry)
	}
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || strings.HasPrefix(port, "+") {
			return fmt.Errorf("%q: the port must be a number from 1 to 65535", entry)
		}
	}
	if strings.HasPrefix(s, "[") {
		return nil
	}
	host = canonicalHost(host)
	domain, wildcard := strings.CutPrefix(host, "*.")
	if strings.Contains(domain, "*") {
		return fmt.Errorf("%q: a wildcard is allowed only as the first label, as in *.example.org", entry)
	}
	if _, err := netip.ParseAddr(domain); err == nil {
		if wildcard {
			return fmt.Errorf("%q: a wildcard needs a domain name, not an IP address", entry)
		}
		return nil
	}
	if why := checkName(domain); why != "" {
		return fmt.Errorf("%q: %s", entry, why)
	}
	if wildcard && !strings.Contains(domain, ".") {
		return fmt.Errorf("%q: a wildcard needs a domain of two labels or more, such as *.example.org", entry)
	}
	return nil
}

// checkName says what is wrong with a host name, "" when nothing is.
func checkName(name string) string {
	if name == "" {
		return "no host name"
	}
	if len(name) > 253 {
		return "the host name is longer than 253 characters"
	}
	for _, label := range strings.Split(name, ".") {
		if label == "" || len(label) > 63 {
			return "each label of a host name has 1 to 63 characters"
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return "a label of a host name neither begins nor ends with '-'"
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return fmt.Sprintf("%q is not a character of a host name (write an international name in its xn-- form)", c)
			}
		}
	}
	if looksNumeric(name) {
		return "neither a host name nor an IP address in standard form"
	}
	return ""
}
