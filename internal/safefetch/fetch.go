package safefetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/inferra/inferra"
)

// Defaults used when the matching Fetcher field is zero.
const (
	// DefaultMaxBytes caps a fetched dataset at 100 MiB.
	DefaultMaxBytes = 100 << 20
	// DefaultTimeout bounds a whole fetch, redirects and body included.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxRedirects is how many redirects, all on the URL's own host,
	// a fetch follows.
	DefaultMaxRedirects = 3
	// maxURLBytes refuses absurdly long URLs before parsing them.
	maxURLBytes = 4096
)

// Fetcher downloads datasets from URLs that users give, refusing anything
// that could reach the server's own network. The zero value refuses every
// URL (its allow-list is empty); a Fetcher is safe for concurrent use once
// its fields are set.
type Fetcher struct {
	// Allow lists the hosts that may be fetched (DATASET_URL_ALLOW): "host"
	// for port 443, "host:port", "*.domain" for every subdomain of domain
	// (not domain itself) on port 443, "*.domain:port"; an entry written as
	// a URL counts for its host and port. Names compare without regard to
	// case or a trailing dot. CheckAllow validates an entry. Empty allows
	// nothing.
	Allow []string
	// MaxBytes caps the response body, after any content decoding. Larger
	// bodies are ETooLarge. Defaults to DefaultMaxBytes (100 MiB).
	MaxBytes int64
	// Timeout bounds each fetch from the first dial to the last byte.
	// Defaults to DefaultTimeout (30 s).
	Timeout time.Duration
	// MaxRedirects is how many redirects a fetch follows; each must stay on
	// the URL's host and scheme. Defaults to DefaultMaxRedirects (3); a
	// negative value follows none.
	MaxRedirects int
	// LookupNetIP resolves host names. Defaults to
	// net.DefaultResolver.LookupNetIP. Whatever it answers, every address is
	// checked before it is dialled.
	LookupNetIP func(ctx context.Context, network, host string) ([]netip.Addr, error)

	// loopbackOK admits loopback addresses and rootCAs replaces the
	// system roots: both exist only so that tests can fetch from an
	// httptest TLS server, and only test code sets them.
	loopbackOK bool
	rootCAs    *x509.CertPool
}

// target is a URL that passed the static checks.
type target struct {
	host string // lower case, no trailing dot, no brackets
	port string
}

// Fetch downloads rawURL and returns its body. It refuses, with an EInvalid
// *inferra.Error that says why, a URL that is not https, carries a user
// name or password, names a host:port outside Allow, or whose host resolves
// to any loopback, private, link-local, multicast, shared, reserved or
// cloud-metadata address; redirects are held to the same rules and to the
// same host. A body over MaxBytes is ETooLarge; an unreachable or failing
// server, or one slower than Timeout, is EUnavailable; a 4xx answer is
// EInvalid; ctx ending first is ECanceled.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) ([]byte, error) {
	u, tgt, err := f.check(rawURL)
	if err != nil {
		return nil, err
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	maxBytes := f.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	maxBytes = min(maxBytes, math.MaxInt64-1) // maxBytes+1 is read to detect excess
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	tr := &http.Transport{
		Proxy:                  nil, // a proxy would dial for us, past every check
		DialContext:            f.dial,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: f.rootCAs},
		TLSHandshakeTimeout:    10 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      true,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: f.checkRedirect(tgt)}

	req, err := http.NewRequestWithContext(tctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, invalid("the dataset URL is not valid")
	}
	req.Header.Set("Accept", "text/csv, application/json;q=0.9, */*;q=0.5")
	resp, err := client.Do(req)
	if err == nil && tctx.Err() != nil {
		// The transport can hand back a response that raced the deadline
		// (the server gave up when the connection closed): it is not one.
		resp.Body.Close()
		err = tctx.Err()
	}
	if err != nil {
		return nil, f.explain(ctx, err, timeout, tgt)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode >= 400 && resp.StatusCode < 500:
		return nil, invalid("the dataset URL answered %s", resp.Status).WithDetail("status", resp.StatusCode)
	default:
		return nil, inferra.Errorf(inferra.EUnavailable, "the dataset URL answered %s", resp.Status).
			WithDetail("status", resp.StatusCode)
	}
	if resp.ContentLength > maxBytes {
		return nil, tooLarge(maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err == nil && tctx.Err() != nil {
		err = tctx.Err()
	}
	if err != nil {
		return nil, f.explain(ctx, err, timeout, tgt)
	}
	if int64(len(body)) > maxBytes {
		return nil, tooLarge(maxBytes)
	}
	return body, nil
}

// check applies the checks that need no network to rawURL.
func (f *Fetcher) check(rawURL string) (*url.URL, target, error) {
	if len(rawURL) > maxURLBytes {
		return nil, target{}, invalid("the dataset URL is longer than %d bytes", maxURLBytes)
	}
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, target{}, invalid("the dataset URL is not a valid URL")
	}
	tgt, err := f.checkURL(u)
	return u, tgt, err
}

// checkURL applies the static checks to u, a URL given or redirected to.
func (f *Fetcher) checkURL(u *url.URL) (target, error) {
	if !strings.EqualFold(u.Scheme, "https") {
		return target{}, invalid("only https:// dataset URLs can be fetched")
	}
	if u.User != nil {
		return target{}, invalid("dataset URLs with a user name or password are refused")
	}
	if u.Host == "" || u.Opaque != "" {
		return target{}, invalid("the dataset URL names no host")
	}
	tgt := target{host: canonicalHost(u.Hostname()), port: u.Port()}
	if tgt.port == "" {
		tgt.port = "443"
	}
	if !f.allowed(tgt) {
		return target{}, invalid("the host %q is not on the list of hosts datasets may be fetched from (DATASET_URL_ALLOW)",
			net.JoinHostPort(tgt.host, tgt.port))
	}
	if a, err := netip.ParseAddr(tgt.host); err == nil {
		if why := refusal(a, f.loopbackOK); why != "" {
			return target{}, invalid("the dataset URL's host is %s, which is refused", why)
		}
	} else if looksNumeric(tgt.host) {
		return target{}, invalid("the dataset URL's host %q is neither a host name nor a plain IP address", tgt.host)
	}
	return tgt, nil
}

func canonicalHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// looksNumeric reports whether a host that is no IP address in standard
// form would be read as one by some resolvers: "127.1", "0x7f000001",
// "2130706433", "0177.0.0.1". Such names are refused rather than resolved.
func looksNumeric(host string) bool {
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last == "" {
		return false
	}
	if strings.HasPrefix(last, "0x") {
		return true
	}
	_, err := strconv.ParseUint(last, 10, 64)
	return err == nil
}

// checkRedirect holds each redirect to the static checks and to the
// original host and port.
func (f *Fetcher) checkRedirect(orig target) func(*http.Request, []*http.Request) error {
	limit := f.MaxRedirects
	if limit == 0 {
		limit = DefaultMaxRedirects
	}
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > limit {
			return invalid("the dataset URL redirected more than %d times", max(limit, 0))
		}
		tgt, err := f.checkURL(req.URL)
		if err != nil {
			var ie *inferra.Error
			errors.As(err, &ie)
			return invalid("the dataset URL redirected to a URL that is refused: %s", ie.Message)
		}
		if tgt != orig {
			return invalid("the dataset URL redirected to another host, which is refused")
		}
		return nil
	}
}

// dial resolves the host itself, refuses the connection if any address is
// refused, and dials the checked addresses, never the name: so a DNS
// answer that changes between check and dial (rebinding) changes nothing.
// The dialer's Control checks the address once more as the socket
// connects.
func (f *Fetcher) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return nil, err
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		lookup := f.LookupNetIP
		if lookup == nil {
			lookup = net.DefaultResolver.LookupNetIP
		}
		if addrs, err = lookup(ctx, "ip", host); err != nil {
			return nil, err
		}
		if len(addrs) == 0 {
			return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
		}
	}
	for _, a := range addrs {
		if why := refusal(a, f.loopbackOK); why != "" {
			return nil, invalid("the dataset URL's host resolves to %s, which is refused", why)
		}
	}
	d := &net.Dialer{Timeout: 10 * time.Second, Control: f.control}
	var firstErr error
	for _, a := range addrs {
		conn, err := d.DialContext(ctx, network, netip.AddrPortFrom(a.Unmap(), uint16(port)).String())
		if err == nil {
			return conn, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}

// control runs as each socket connects, with the address actually dialled.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return invalid("the dataset URL's host resolves to an address that cannot be checked")
	}
	if why := refusal(ap.Addr(), f.loopbackOK); why != "" {
		return invalid("the dataset URL's host resolves to %s, which is refused", why)
	}
	return nil
}

// explain turns a transport error into an *inferra.Error.
func (f *Fetcher) explain(ctx context.Context, err error, timeout time.Duration, tgt target) error {
	var ie *inferra.Error
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	switch {
	case errors.As(err, &ie):
		return ie
	case ctx.Err() != nil:
		return inferra.Errorf(inferra.ECanceled, "fetching the dataset was canceled")
	case errors.Is(err, context.DeadlineExceeded):
		return inferra.Errorf(inferra.EUnavailable, "the dataset URL did not answer within %s", timeout)
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return invalid("the dataset URL's host %q does not exist", tgt.host)
	case errors.As(err, &certErr):
		return inferra.Errorf(inferra.EUnavailable, "the dataset URL's host %q did not present a valid certificate", tgt.host)
	}
	return inferra.Errorf(inferra.EUnavailable, "the dataset URL's host %q cannot be reached", tgt.host)
}

func invalid(format string, args ...any) *inferra.Error {
	return inferra.Errorf(inferra.EInvalid, format, args...)
}

func tooLarge(limit int64) *inferra.Error {
	return inferra.Errorf(inferra.ETooLarge, "the dataset at the URL is larger than %s", humanBytes(limit)).
		WithDetail("max_bytes", limit)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ParseAllow splits a DATASET_URL_ALLOW value, hosts separated by commas
// or white space, into Allow entries, dropping empty ones.
func ParseAllow(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	})
}
