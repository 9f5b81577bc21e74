package emulator

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// 8x8 error codes the emulator answers with (see the API README).
const (
	CodeInvalidParameter = 1000
	CodeUnauthenticated  = 1200
	CodeForbidden        = 1201
	CodeNotFound         = 1300
	CodeRateLimited      = 429
	CodeInternal         = 2000
	CodeNotImplemented   = 2001
)

// ErrorBody is an 8x8 error response body with a fresh errorId and timestamp.
func ErrorBody(code int, message string) string {
	b, _ := json.Marshal(map[string]any{
		"code":      code,
		"message":   message,
		"errorId":   newUUID(),
		"timestamp": time.Now().UTC().Format("2006-01-02T15:04:05.0000000+00:00"),
	})
	return string(b)
}

// ErrorResponse is a scripted 8x8 error with the given status and code.
func ErrorResponse(status, code int, message string) Response {
	return Response{Status: status, Body: ErrorBody(code, message), Header: jsonHeader()}
}

func writeError(w http.ResponseWriter, status, code int, message string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = fmt.Fprint(w, ErrorBody(code, message))
}

func jsonHeader() http.Header {
	return http.Header{"Content-Type": {"application/json; charset=utf-8"}}
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
