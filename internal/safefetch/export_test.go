package safefetch

import (
	"crypto/x509"
	"net/netip"
)

// AllowLoopbackForTest lets f fetch from an httptest TLS server: it admits
// loopback addresses (nothing else) and trusts roots. It lives in a _test
// file, so production code cannot call it.
func AllowLoopbackForTest(f *Fetcher, roots *x509.CertPool) {
	f.loopbackOK = true
	f.rootCAs = roots
}

// Refusal exposes refusal to the tests.
func Refusal(a netip.Addr) string { return refusal(a, false) }

// Control exposes the dialer's last check to the tests.
func Control(f *Fetcher, network, address string) error { return f.control(network, address, nil) }

// Allowed reports whether f's allow-list admits rawURL's host and port,
// through the same static checks as Fetch.
func Allowed(f *Fetcher, rawURL string) bool {
	_, _, err := f.check(rawURL)
	return err == nil
}
