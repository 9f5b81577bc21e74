package emulator

import (
	"context"
	"net"
	"net/http"
	"time"
)

// Listen serves e on addr (e.g. "127.0.0.1:0" for a free port) until stop is
// called, and returns the base URL to give the provider.
func (e *Emulator) Listen(addr string) (baseURL string, stop func(), err error) {
	return Serve(addr, e)
}

// MaxHeaderBytes bounds the request line and headers that Serve reads,
// the blank line that ends them included: a request of more bytes gets
// 431. A provider request carries at most a few KiB (an API key has at
// most 4096 bytes), and the emulator keeps the headers of its last
// MaxRequests requests.
const MaxHeaderBytes = 16 << 10

// headerSlack is what net/http reads beyond http.Server.MaxHeaderBytes
// before it answers 431 (its "bufio slop"): the server is given
// MaxHeaderBytes less this, so that MaxHeaderBytes is the bound to the
// byte. TestServe_boundsTheHeaders checks it at the boundary.
const headerSlack = 4 << 10

// Serve is Listen for a handler that wraps an Emulator.
func Serve(addr string, h http.Handler) (baseURL string, stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: MaxHeaderBytes - headerSlack}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln) // returns http.ErrServerClosed once stopped
	}()
	stop = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			_ = srv.Close()
		}
		<-done
	}
	return "http://" + ln.Addr().String(), stop, nil
}
