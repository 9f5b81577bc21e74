// Package emulator serves 8x8's Chat Apps webhooks API the way 8x8 does, for
// the provider's tests, `make demo` and `make emulator`. It is not part of
// the provider binary. It keeps webhooks per account with their real secrets
// and masks them on the way out, answers only requests addressed to it (by
// their Host header), checks the Bearer key, answers errors in 8x8's shape,
// loads accounts from a JSON seed file (LoadFile), and lets a test script
// responses and count requests.
package emulator

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// AccountIDPattern is the accountId pattern of 8x8's OpenAPI description.
// The emulator keeps its own copy, independent of the client it tests.
var AccountIDPattern = regexp.MustCompile(`^[0-9A-Fa-f]{8}[-]?(?:[0-9A-Fa-f]{4}[-]?){3}[0-9A-Fa-f]{12}$`)

// Emulator is an in-memory 8x8 Chat Apps webhooks API. It is an
// http.Handler; serve it with httptest or Listen. Safe for concurrent use.
type Emulator struct {
	mu       sync.Mutex
	keys     map[string]bool
	accounts map[string][]Webhook
	script   []Response
	requests []Request // the last MaxRequests requests, a ring from next on
	next     int       // where the next request goes once the ring is full
	count    int       // requests since the last ResetRequests
	hosts    []string  // more names a Host header may give, see AllowHost
}

// MaxRequests is how many requests the emulator keeps for Requests: the
// last ones, so that a long-running emulator does not grow with each
// request (kept forever, 20,000 requests grew it from 8 to 32 MB). Tests
// look at a few (the first request's headers, the requests of one plan or
// since ResetRequests), far fewer; RequestCount counts them all. Behind
// Serve, each request's headers have at most MaxHeaderBytes; requests
// refused for their Host are not kept.
const MaxRequests = 256

// Request is what the emulator saw of one request. An Authorization header
// keeps its credentials only when they are a key the emulator accepts
// (AddKey): any other, perhaps a real 8x8 key sent by mistake, is kept as
// its scheme and "***".
type Request struct {
	Method string
	Path   string
	Header http.Header
	Time   time.Time
}

// New returns an emulator seeded with DefaultAPIKey and DefaultAccountID
// holding the documented four-webhook example.
func New() *Emulator {
	e := &Emulator{keys: map[string]bool{}, accounts: map[string][]Webhook{}}
	e.AddKey(DefaultAPIKey)
	e.SetWebhooks(DefaultAccountID, DocumentedExample())
	return e
}

// AddKey makes key a valid API key for every account.
func (e *Emulator) AddKey(key string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.keys[key] = true
}

// SetWebhooks replaces the webhooks of an account, creating it if needed.
// Secrets are stored as given and masked when served.
func (e *Emulator) SetWebhooks(accountID string, hooks []Webhook) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.accounts[normalizeAccountID(accountID)] = append([]Webhook(nil), hooks...)
}

// ReplaceAccounts makes accounts the only accounts, at once: a request sees
// the accounts from before or from after, never a mix.
func (e *Emulator) ReplaceAccounts(accounts []Account) {
	m := make(map[string][]Webhook, len(accounts))
	for _, a := range accounts {
		m[normalizeAccountID(a.ID)] = append([]Webhook(nil), a.Webhooks...)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.accounts = m
}

// Script queues responses: each request to the webhooks endpoint takes the
// next one, whatever its key or account, until the queue is empty; then the
// emulator answers normally again.
func (e *Emulator) Script(rs ...Response) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.script = append(e.script, rs...)
}

// Requests returns a copy of the requests seen so far, oldest first: all of
// them, or the last MaxRequests.
func (e *Emulator) Requests() []Request {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append(append([]Request(nil), e.requests[e.next:]...), e.requests[:e.next]...)
}

// RequestCount returns how many requests were seen so far, also those
// Requests no longer holds.
func (e *Emulator) RequestCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.count
}

// ResetRequests forgets the requests seen so far.
func (e *Emulator) ResetRequests() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.requests, e.next, e.count = nil, 0, 0
}

// record keeps r among the last MaxRequests requests. e.mu is held.
func (e *Emulator) record(r *http.Request) {
	h := r.Header.Clone()
	if vs := h.Values("Authorization"); len(vs) > 0 {
		masked := make([]string, len(vs))
		for i, v := range vs {
			scheme, key, ok := strings.Cut(v, " ")
			switch {
			case ok && strings.EqualFold(scheme, "Bearer") && e.keys[key]:
				masked[i] = v
			case ok:
				masked[i] = scheme + " " + Masked
			default:
				masked[i] = Masked
			}
		}
		h["Authorization"] = masked
	}
	req := Request{Method: r.Method, Path: r.URL.Path, Header: h, Time: time.Now()}
	e.count++
	if len(e.requests) < MaxRequests {
		e.requests = append(e.requests, req)
		return
	}
	e.requests[e.next] = req
	e.next = (e.next + 1) % MaxRequests
}

const webhooksPrefix, webhooksSuffix = "/api/v1/accounts/", "/webhooks"

// ServeHTTP implements http.Handler.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if want, misdirected := e.expectedHosts(r); misdirected {
		writeMisdirected(w, r, want) // not a request to the emulator: not kept
		return
	}
	e.mu.Lock()
	e.record(r)
	var scripted *Response
	if len(e.script) > 0 {
		scripted = &e.script[0]
		e.script = e.script[1:]
	}
	e.mu.Unlock()

	if scripted != nil {
		scripted.serve(w, r)
		return
	}

	path := r.URL.Path
	if !strings.HasPrefix(path, webhooksPrefix) || !strings.HasSuffix(path, webhooksSuffix) {
		writeError(w, http.StatusNotFound, CodeNotFound, "Resource not found")
		return
	}
	accountID := strings.TrimSuffix(strings.TrimPrefix(path, webhooksPrefix), webhooksSuffix)
	if !e.authorized(r) {
		writeError(w, http.StatusUnauthorized, CodeUnauthenticated, "Request was not authenticated properly")
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeError(w, http.StatusMethodNotAllowed, CodeNotImplemented, "The emulator serves only GET on this endpoint")
		return
	}
	if len(accountID) < 32 || len(accountID) > 36 || !AccountIDPattern.MatchString(accountID) {
		writeError(w, http.StatusBadRequest, CodeInvalidParameter, "Invalid parameter: accountId")
		return
	}
	e.mu.Lock()
	hooks, ok := e.accounts[normalizeAccountID(accountID)]
	body := make([]map[string]any, len(hooks))
	for i, h := range hooks {
		body[i] = h.served()
	}
	e.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, CodeNotFound, "Account not found")
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(body)
}

func (e *Emulator) authorized(r *http.Request) bool {
	scheme, key, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.keys[key]
}

// SameAccountID reports whether a and b name the same account: 8x8 takes
// account ids with or without dashes, in either case.
func SameAccountID(a, b string) bool { return normalizeAccountID(a) == normalizeAccountID(b) }

// normalizeAccountID makes dashed and undashed forms of an id the same key.
func normalizeAccountID(id string) string {
	return strings.ToLower(strings.ReplaceAll(id, "-", ""))
}
