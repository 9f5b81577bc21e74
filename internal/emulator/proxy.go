package emulator

import (
	"io"
	"net"
	"net/http"
	"sync"
)

// ConnectProxy is an HTTPS (CONNECT) proxy for tests: it records the host
// each tunnel asks for and connects every tunnel to one address, so that a
// client configured for 8x8's real hosts reaches a local emulator without
// any traffic leaving the machine.
type ConnectProxy struct {
	Target string // host:port every tunnel goes to

	mu      sync.Mutex
	targets []string
}

// Targets returns the host:port of every CONNECT seen so far.
func (p *ConnectProxy) Targets() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.targets...)
}

func (p *ConnectProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodConnect {
		http.Error(w, "this test proxy only tunnels", http.StatusMethodNotAllowed)
		return
	}
	p.mu.Lock()
	p.targets = append(p.targets, r.Host)
	p.mu.Unlock()
	upstream, err := net.Dial("tcp", p.Target)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
	hj, ok := w.(http.Hijacker)
	if !ok {
		_ = upstream.Close()
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		_ = upstream.Close()
		return
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_, _ = io.Copy(upstream, buf)
		if tcp, ok := upstream.(*net.TCPConn); ok {
			_ = tcp.CloseWrite()
		}
	}()
	go func() { defer wg.Done(); _, _ = io.Copy(conn, upstream); _ = conn.Close() }()
	wg.Wait()
	_ = upstream.Close()
}
