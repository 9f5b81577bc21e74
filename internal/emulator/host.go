package emulator

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// AllowHost lets requests name host (a DNS name or an IP address) in their
// Host header, with any port, besides the address they reached: the names
// of a TLS certificate the emulator is served with, which a client that
// reaches it through a proxy or a dialer of its own writes in the Host
// header. StartTLS allows the names it makes a certificate for.
func (e *Emulator) AllowHost(host string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.hosts = append(e.hosts, canonicalHost(host))
}

// expectedHosts returns the Host headers r may carry, when its Host is not
// one of them. A request must name the address it reached: the listener's
// address, or, when that is a loopback address, 127.0.0.1, localhost or
// [::1] with the same port; or a name given to AllowHost. So a web page
// that makes its own name resolve to this machine (DNS rebinding) cannot
// read the emulator with the published demo key: its requests carry its
// own name. On a listener on every interface (0.0.0.0, [::]) the address
// is the one each connection reached. A request that came through no
// server (a handler called directly, in a test) or no TCP listener is not
// checked: no web page can send it.
func (e *Emulator) expectedHosts(r *http.Request) (want []string, misdirected bool) {
	local, ok := r.Context().Value(http.LocalAddrContextKey).(*net.TCPAddr)
	if !ok {
		return nil, false
	}
	addr := local.AddrPort()
	ip, port := addr.Addr().Unmap().WithZone(""), strconv.Itoa(int(addr.Port()))
	want = []string{net.JoinHostPort(ip.String(), port)}
	if ip.IsLoopback() {
		for _, h := range []string{"127.0.0.1", "localhost", "::1"} {
			if hp := net.JoinHostPort(h, port); hp != want[0] {
				want = append(want, hp)
			}
		}
	}
	host, hostPort := splitHost(r)
	got := net.JoinHostPort(host, hostPort)
	for _, w := range want {
		if got == w {
			return nil, false
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, h := range e.hosts {
		if host == h {
			return nil, false
		}
	}
	return append(want, e.hosts...), true
}

// splitHost returns r's Host header as a canonical host and a port, the
// scheme's default when it has none.
func splitHost(r *http.Request) (host, port string) {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, port = strings.TrimSuffix(strings.TrimPrefix(r.Host, "["), "]"), "80"
		if r.TLS != nil {
			port = "443"
		}
	}
	return canonicalHost(host), port
}

// canonicalHost writes an IP address one way and a name in lower case.
func canonicalHost(host string) string {
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.Unmap().String()
	}
	return strings.ToLower(host)
}

// writeMisdirected answers a request whose Host header is none of want.
func writeMisdirected(w http.ResponseWriter, r *http.Request, want []string) {
	expected := want[0]
	if len(want) > 1 {
		expected = strings.Join(want[:len(want)-1], ", ") + " or " + want[len(want)-1]
	}
	writeError(w, http.StatusMisdirectedRequest, CodeInvalidParameter,
		fmt.Sprintf("Misdirected request: Host %q is not this emulator's address; expected Host %s", r.Host, expected))
}
