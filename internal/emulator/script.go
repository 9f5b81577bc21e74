package emulator

import (
	"io"
	"net/http"
	"strings"
	"time"
)

// Response is one scripted answer. The zero Status means 200.
type Response struct {
	Status int
	Header http.Header
	Body   string
	// Delay waits before answering (the client may time out first).
	Delay time.Duration
	// Hang never answers: the handler waits until the client goes away.
	Hang bool
	// Fill, repeated to FillBytes bytes, is streamed after Body: oversized
	// bodies without holding them in memory.
	Fill      string
	FillBytes int64
	// Raw, when set, is written to the connection as it is, in place of a
	// response (status line and headers included), and the connection is
	// closed: for answers net/http cannot write, such as a reason phrase
	// with control characters, or a body cut short.
	Raw string
}

func (s Response) serve(w http.ResponseWriter, r *http.Request) {
	if s.Raw != "" {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, buf, err := hj.Hijack(); err == nil {
				_, _ = buf.WriteString(s.Raw)
				_ = buf.Flush()
				_ = conn.Close()
			}
		}
		return
	}
	if s.Hang {
		<-r.Context().Done()
		return
	}
	if s.Delay > 0 {
		select {
		case <-time.After(s.Delay):
		case <-r.Context().Done():
			return
		}
	}
	for k, vs := range s.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	status := s.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, s.Body)
	if s.FillBytes > 0 && s.Fill != "" {
		filler := strings.Repeat(s.Fill, max(1, 64<<10/len(s.Fill)))
		for left := s.FillBytes; left > 0 && r.Context().Err() == nil; {
			chunk := filler[:min(int64(len(filler)), left)]
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
			left -= int64(len(chunk))
		}
	}
}

// JSONResponse is a scripted 200 with a JSON body.
func JSONResponse(body string) Response {
	return Response{Status: http.StatusOK, Header: jsonHeader(), Body: body}
}
