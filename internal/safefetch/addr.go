package safefetch

import (
	"net/netip"
)

// metadata are the cloud providers' instance-metadata addresses, checked
// first so that they are named as such.
var metadata = []netip.Addr{
	netip.MustParseAddr("169.254.169.254"), // AWS, GCP, Azure, OpenStack…
	netip.MustParseAddr("fd00:ec2::254"),   // AWS over IPv6
	netip.MustParseAddr("168.63.129.16"),   // Azure's host agent, a public address
	netip.MustParseAddr("100.100.100.200"), // Alibaba Cloud
}

// refusedPrefixes are address ranges a dataset URL may never reach, with
// the reason given to the user, beyond the loopback, private, link-local,
// multicast and unspecified addresses that the netip predicates catch.
var refusedPrefixes = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "a reserved address"}, // "this network"
	{netip.MustParsePrefix("100.64.0.0/10"), "a shared (carrier-grade NAT) address"},
	{netip.MustParsePrefix("192.0.0.0/24"), "a reserved address"}, // IETF protocol assignments
	{netip.MustParsePrefix("192.0.2.0/24"), "a documentation address"},
	{netip.MustParsePrefix("198.18.0.0/15"), "a reserved address"}, // benchmarking
	{netip.MustParsePrefix("198.51.100.0/24"), "a documentation address"},
	{netip.MustParsePrefix("203.0.113.0/24"), "a documentation address"},
	{netip.MustParsePrefix("240.0.0.0/4"), "a reserved address"}, // and the broadcast address
	{netip.MustParsePrefix("::/96"), "a reserved address"},       // IPv4-compatible, deprecated
	{netip.MustParsePrefix("100::/64"), "a reserved address"},    // discard-only
	{netip.MustParsePrefix("2001:db8::/32"), "a documentation address"},
}

// nat64 is the well-known NAT64 prefix, whose addresses stand for the IPv4
// address in their last four bytes.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// refusal returns why a may not be dialled, or "" when it may. IPv4-mapped
// IPv6 addresses (::ffff:a.b.c.d) and NAT64 addresses are judged by the IPv4
// address they carry. loopbackOK admits loopback addresses, for tests only.
func refusal(a netip.Addr, loopbackOK bool) string {
	a = a.WithZone("")
	if a.Is4In6() {
		a = a.Unmap()
	}
	if nat64.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte(b[12:]))
	}
	if !a.IsValid() {
		return "not an IP address"
	}
	for _, m := range metadata {
		if a == m {
			return "a cloud metadata address"
		}
	}
	switch {
	case a.IsLoopback():
		if loopbackOK {
			return ""
		}
		return "a loopback address"
	case a.IsUnspecified():
		return "an unspecified address"
	case a.IsPrivate():
		return "a private address"
	case a.IsLinkLocalUnicast():
		return "a link-local address"
	case a.IsMulticast(), a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast():
		return "a multicast address"
	}
	for _, p := range refusedPrefixes {
		if p.prefix.Contains(a) {
			return p.reason
		}
	}
	if !a.IsGlobalUnicast() {
		return "not a public address"
	}
	return ""
}
