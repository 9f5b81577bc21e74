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
	requests []Request
	hosts    []string // more names a Host header may give, see AllowHost
}

// Request is what the emulator saw of one request.
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

// Requests returns a copy of every request seen so far.
func (e *Emulator) Requests() []Request {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]Request(nil), e.requests...)
}

// RequestCount returns how many requests were seen so far.
func (e *Emulator) RequestCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.requests)
}

// ResetRequests forgets the requests seen so far.
func (e *Emulator) ResetRequests() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.requests = nil
}

const webhooksPrefix, webhooksSuffix = "/api/v1/accounts/", "/webhooks"

// ServeHTTP implements http.Handler.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	e.requests = append(e.requests, Request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Time: time.Now()})
	e.mu.Unlock()
	if want, misdirected := e.expectedHosts(r); misdirected {
		writeMisdirected(w, r, want)
		return
	}
	e.mu.Lock()
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
