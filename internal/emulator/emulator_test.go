package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"
)

// openAPI is 8x8's own description of the API, the emulator's contract.
type openAPI struct {
	Paths map[string]map[string]json.RawMessage `json:"paths"`
}

func loadOpenAPI(t *testing.T) openAPI {
	t.Helper()
	b, err := os.ReadFile("testdata/chatapps-webhooks.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPI
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// GetResponseExample returns the documented GET 200 example body.
func getResponseExample(t *testing.T) []any {
	t.Helper()
	var get struct {
		Responses map[string]struct {
			Content map[string]struct {
				Examples map[string]struct {
					Value []any `json:"value"`
				} `json:"examples"`
			} `json:"content"`
		} `json:"responses"`
	}
	if err := json.Unmarshal(loadOpenAPI(t).Paths["/api/v1/accounts/{accountId}/webhooks"]["get"], &get); err != nil {
		t.Fatal(err)
	}
	v := get.Responses["200"].Content["application/json"].Examples["response"].Value
	if len(v) == 0 {
		t.Fatal("no GET example in the OpenAPI document")
	}
	return v
}

func get(t *testing.T, url, key string) (int, http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, body
}

func TestServesTheDocumentedExample(t *testing.T) {
	srv := httptest.NewServer(New())
	defer srv.Close()
	status, h, body := get(t, srv.URL+"/api/v1/accounts/"+DefaultAccountID+"/webhooks", DefaultAPIKey)
	if status != 200 || h.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("status %d, Content-Type %q", status, h.Get("Content-Type"))
	}
	var got []any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if want := getResponseExample(t); !reflect.DeepEqual(got, want) {
		t.Errorf("served\n%s\nthe OpenAPI example is\n%v", body, want)
	}
}

func TestErrorsHave8x8Shape(t *testing.T) {
	srv := httptest.NewServer(New())
	defer srv.Close()
	base := srv.URL + "/api/v1/accounts/"
	for name, tc := range map[string]struct {
		url, key     string
		status, code int
	}{
		"no key":          {base + DefaultAccountID + "/webhooks", "", 401, 1200},
		"wrong key":       {base + DefaultAccountID + "/webhooks", "nope", 401, 1200},
		"bad account id":  {base + "xyz/webhooks", DefaultAPIKey, 400, 1000},
		"unknown account": {base + "00000000000040008000000000000000/webhooks", DefaultAPIKey, 404, 1300},
		"unknown path":    {srv.URL + "/api/v2/other", DefaultAPIKey, 404, 1300},
	} {
		status, _, body := get(t, tc.url, tc.key)
		var e struct {
			Code      int    `json:"code"`
			Message   string `json:"message"`
			ErrorID   string `json:"errorId"`
			Timestamp string `json:"timestamp"`
		}
		if err := json.Unmarshal(body, &e); err != nil || status != tc.status || e.Code != tc.code ||
			len(e.ErrorID) != 36 || e.Message == "" || e.Timestamp == "" {
			t.Errorf("%s: status %d body %s (err %v)", name, status, body, err)
		}
	}
}

func TestScriptAndCount(t *testing.T) {
	emu := New()
	srv := httptest.NewServer(emu)
	defer srv.Close()
	emu.Script(ErrorResponse(503, CodeInternal, "busy"), JSONResponse(`[]`))
	url := srv.URL + "/api/v1/accounts/" + DefaultAccountID + "/webhooks"
	for i, want := range []int{503, 200, 200} {
		if status, _, _ := get(t, url, DefaultAPIKey); status != want {
			t.Errorf("request %d: status %d, want %d", i, status, want)
		}
	}
	if n := emu.RequestCount(); n != 3 {
		t.Errorf("counted %d requests, want 3", n)
	}
}

func TestAccountIDPatternIsTheDocumentedOne(t *testing.T) {
	var params struct {
		Parameters []struct {
			Name   string `json:"name"`
			Schema struct {
				Pattern   string `json:"pattern"`
				MinLength int    `json:"minLength"`
				MaxLength int    `json:"maxLength"`
			} `json:"schema"`
		} `json:"parameters"`
	}
	raw, _ := json.Marshal(loadOpenAPI(t).Paths["/api/v1/accounts/{accountId}/webhooks"])
	if err := json.Unmarshal(raw, &params); err != nil || len(params.Parameters) != 1 {
		t.Fatal(err, params)
	}
	p := params.Parameters[0].Schema
	if p.Pattern != AccountIDPattern.String() || p.MinLength != 32 || p.MaxLength != 36 {
		t.Errorf("the OpenAPI says %+v, the emulator uses %s", p, AccountIDPattern)
	}
}

// ReplaceAccounts drops the accounts it is not given, the documented
// example included, and keeps its own copy of the webhooks.
func TestReplaceAccounts(t *testing.T) {
	emu := New()
	srv := httptest.NewServer(emu)
	defer srv.Close()
	const other = "0123456789abcdef0123456789abcdef"
	hooks := []Webhook{{Type: "MSG", SubAccountID: "*", URL: "https://hooks.example.com/a"}}
	emu.ReplaceAccounts([]Account{{ID: strings.ToUpper(other), Webhooks: hooks}})
	hooks[0].URL = "https://changed.example.com"
	if status, _, body := get(t, srv.URL+"/api/v1/accounts/"+other+"/webhooks", DefaultAPIKey); status != 200 || !strings.Contains(string(body), "https://hooks.example.com/a") {
		t.Errorf("the new account: status %d, %s", status, body)
	}
	if status, _, _ := get(t, srv.URL+"/api/v1/accounts/"+DefaultAccountID+"/webhooks", DefaultAPIKey); status != 404 {
		t.Errorf("the documented example after ReplaceAccounts without it: status %d, want 404", status)
	}
}
