package emulator

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const otherAccount = "0123456789abcdef0123456789abcdef"

// A seed file in the API's own shape is served back as it was written:
// the documented example for one account, and for another a webhook without
// a type, with a field the API does not describe and a secret in clear.
func TestLoadFile_servesWhatTheFileSays(t *testing.T) {
	example, err := json.Marshal(getResponseExample(t))
	if err != nil {
		t.Fatal(err)
	}
	seed := `{
  "` + DefaultAccountID + `": ` + string(example) + `,
  "` + otherAccount + `": [
    {"subAccountId": "*", "url": "https://hooks.example.com/old", "version": 1, "httpAuthorization": "Bearer s3cret"}
  ]
}`
	path := filepath.Join(t.TempDir(), "webhooks.json")
	if err := os.WriteFile(path, []byte(seed), 0o600); err != nil {
		t.Fatal(err)
	}
	accounts, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts) != 2 || accounts[0].ID != DefaultAccountID || accounts[1].ID != otherAccount {
		t.Fatalf("accounts %+v, want %s then %s", accounts, DefaultAccountID, otherAccount)
	}

	emu := New()
	emu.SetWebhooks(DefaultAccountID, nil)
	for _, a := range accounts {
		emu.SetWebhooks(a.ID, a.Webhooks)
	}
	srv := httptest.NewServer(emu)
	defer srv.Close()
	for id, want := range map[string]string{
		DefaultAccountID: string(example),
		otherAccount:     `[{"subAccountId": "*", "url": "https://hooks.example.com/old", "version": 1, "httpAuthorization": "***"}]`,
	} {
		status, _, body := get(t, srv.URL+"/api/v1/accounts/"+id+"/webhooks", DefaultAPIKey)
		var got, wantJSON any
		if err := json.Unmarshal(body, &got); err != nil || status != 200 {
			t.Fatalf("account %s: status %d, %v: %s", id, status, err, body)
		}
		if err := json.Unmarshal([]byte(want), &wantJSON); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, wantJSON) {
			t.Errorf("account %s: served\n%s\nwant\n%s", id, body, want)
		}
	}
}

func TestLoadFile_emptyListAndEmptyObject(t *testing.T) {
	accounts, err := parseAccounts([]byte(`{"` + otherAccount + `": []}`))
	if err != nil || len(accounts) != 1 || accounts[0].Webhooks == nil || len(accounts[0].Webhooks) != 0 {
		t.Errorf("an account with [] = %+v, %v; want one account with no webhooks", accounts, err)
	}
	if accounts, err := parseAccounts([]byte(" {}\n")); err != nil || len(accounts) != 0 {
		t.Errorf("{} = %+v, %v; want no accounts", accounts, err)
	}
}

// Every mistake in a seed file is an error that says where and what.
func TestLoadFile_badFiles(t *testing.T) {
	acct := `"` + otherAccount + `"`
	for name, tc := range map[string]struct{ json, want string }{
		"empty file":       {``, "line 1: invalid JSON: the file ends too early"},
		"a list":           {`[{"subAccountId": "*", "url": "https://u.example"}]`, `line 1: want a JSON object that maps account ids to lists of webhooks`},
		"syntax":           {"{\n  " + acct + ": [\n    {\"url\": \"https://u.example\",}\n  ]\n}", "line 3: account " + otherAccount + ": webhook 1: invalid JSON: invalid character '}'"},
		"truncated":        {"{\n  " + acct + ": [\n", "invalid JSON: the file ends too early"},
		"bad account id":   {`{"acct-1": []}`, `line 1: an account id is 32 hexadecimal digits, dashes optional, like ` + DefaultAccountID + `; this one has 6 characters`},
		"account twice":    {"{\n" + acct + ": [],\n\"01234567-89AB-CDEF-0123-456789ABCDEF\": []\n}", `line 3: account 01234567-89AB-CDEF-0123-456789ABCDEF appears twice (first as "` + otherAccount + `")`},
		"object for list":  {`{` + acct + `: {"url": "https://u.example"}}`, "account " + otherAccount + ": want a list of webhooks"},
		"null for list":    {`{` + acct + `: null}`, "want a list of webhooks"},
		"string webhook":   {`{` + acct + `: ["https://x"]}`, "webhook 1: want an object"},
		"null webhook":     {`{` + acct + `: [null]}`, "webhook 1: want an object, not null"},
		"no url":           {"{" + acct + ": [\n {\"subAccountId\": \"*\", \"url\": \"https://u.example\"},\n {\"subAccountId\": \"*\", \"type\": \"MSG\"}\n]}", `line 3: account ` + otherAccount + `: webhook 2: "url" is required`},
		"no subAccountId":  {`{` + acct + `: [{"url": "https://u.example"}]}`, `webhook 1: "subAccountId" is required`},
		"empty url":        {`{` + acct + `: [{"subAccountId": "*", "url": ""}]}`, `"url" must not be empty`},
		"number type":      {`{` + acct + `: [{"subAccountId": "*", "url": "https://u.example", "type": 3}]}`, `"type" must be a string, not 3`},
		"string enabled":   {`{` + acct + `: [{"subAccountId": "*", "url": "https://u.example", "enabled": "yes"}]}`, `"enabled" must be true or false, not "yes"`},
		"oauth not object": {`{` + acct + `: [{"subAccountId": "*", "url": "https://u.example", "oauth": "x"}]}`, `"oauth" must be an object, not a string`},
		"oauth incomplete": {`{` + acct + `: [{"subAccountId": "*", "url": "https://u.example", "oauth": {"url": "https://t.example", "clientId": "c", "credentialsLocation": "body"}}]}`, `oauth: "clientSecret" is required`},
		"oauth location":   {`{` + acct + `: [{"subAccountId": "*", "url": "https://u.example", "oauth": {"url": "https://t.example", "clientId": "c", "clientSecret": "s", "credentialsLocation": "query"}}]}`, `"credentialsLocation" must be "header" or "body", not "query"`},
		"oauth unknown":    {`{` + acct + `: [{"subAccountId": "*", "url": "https://u.example", "oauth": {"url": "https://t.example", "clientId": "c", "clientSecret": "s", "credentialsLocation": "body", "audience": "a"}}]}`, `oauth: unknown member "audience" (oauth has url, clientId, clientSecret, credentialsLocation, scope)`},
		"same pair twice":  {"{" + acct + ": [\n {\"type\": \"MSG\", \"subAccountId\": \"*\", \"url\": \"https://a.example\"},\n {\"type\": \"MSG\", \"subAccountId\": \"*\", \"url\": \"https://b.example\"}\n]}", `line 3: account ` + otherAccount + `: webhook 2: webhook 1 has the same type "MSG" and subAccountId "*"`},
		"trailing JSON":    {"{}\n{}", "line 2: more JSON after the object"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "seed.json")
			if err := os.WriteFile(path, []byte(tc.json), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := LoadFile(path)
			if err == nil || !strings.HasPrefix(err.Error(), path+": ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v\nwant one starting with the path and holding %q", err, tc.want)
			}
		})
	}
}

func TestLoadFile_missingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.json")
	if _, err := LoadFile(path); err == nil || !strings.Contains(err.Error(), path) || !os.IsNotExist(err) {
		t.Errorf("error %v, want a not-exist error naming %s", err, path)
	}
}

// Only a regular file of bounded size is read: a directory or a file over
// MaxFileBytes is an error naming it, before anything is read.
func TestLoadFile_onlyABoundedRegularFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileBytes + 1); err != nil { // sparse: nothing written
		t.Fatal(err)
	}
	_ = f.Close()
	for path, want := range map[string]string{
		dir: dir + ": a directory, not a regular file: give the path of a JSON file",
		big: fmt.Sprintf("%s: %d bytes, more than the %d a seed file may have", big, MaxFileBytes+1, MaxFileBytes),
	} {
		if _, err := LoadFile(path); err == nil || err.Error() != want {
			t.Errorf("LoadFile(%s): %v, want %q", path, err, want)
		}
	}
}

// writeSeed writes content to a seed file and returns its path.
func writeSeed(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Every mistake of a file is reported, one a line, each with the file, the
// line of the member at fault (of its object, for a member missing) and
// the account and webhook it is in; the JSON breaking ends the list.
func TestLoadFile_everyMistakeWhereItIs(t *testing.T) {
	path := writeSeed(t, `{
  "`+otherAccount+`": [
    {"subAccountId": "*",
     "url": "https://hooks.example.com/a",
     "enabled": "yes"},
    {"type": "MSG", "url": "https://hooks.example.com/b"},
    {"type": "CADR", "subAccountId": "*", "url": "https://hooks.example.com/c",
     "type": "MSG"}
  ],
  "acct-1": [],
  "`+DefaultAccountID+`": [
    {"subAccountId": "*", "url": "https://hooks.example.com/d",
     "oauth": {"url": "https://auth.example.com/token", "clientId": "c",
               "credentialsLocation": "query", "audience": "a"}},
    "https://hooks.example.com/e"
  ],
  "`+otherAccount+`": {"subAccountId": "*"},
  "00000000000000000000000000000000": [{"subAccountId": "*", "url": "https://u.example"},,]
}`)
	_, err := LoadFile(path)
	want := []string{
		`line 5: account ` + otherAccount + `: webhook 1: "enabled" must be true or false, not "yes"`,
		`line 6: account ` + otherAccount + `: webhook 2: "subAccountId" is required`,
		`line 8: account ` + otherAccount + `: webhook 3: "type" appears twice`,
		`line 10: an account id is 32 hexadecimal digits, dashes optional, like ` + DefaultAccountID + `; this one has 6 characters (not shown, in case it is a secret)`,
		`line 13: account ` + DefaultAccountID + `: webhook 1: oauth: "clientSecret" is required`,
		`line 14: account ` + DefaultAccountID + `: webhook 1: oauth: "credentialsLocation" must be "header" or "body", not "query"`,
		`line 14: account ` + DefaultAccountID + `: webhook 1: oauth: unknown member "audience" (oauth has url, clientId, clientSecret, credentialsLocation, scope)`,
		`line 15: account ` + DefaultAccountID + `: webhook 2: want an object`,
		`line 17: account ` + otherAccount + ` appears twice (first as "` + otherAccount + `")`,
		`line 17: account ` + otherAccount + `: want a list of webhooks`,
		`line 18: account 00000000000000000000000000000000: webhook 2: invalid JSON: invalid character ',' looking for beginning of value`,
	}
	for i := range want {
		want[i] = path + ": " + want[i]
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("error\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
}

// An error lists the first 20 mistakes and says where the next is: the
// file is read no further, so that a file of mistakes takes no longer
// than one. In a webhook too, they are the first 20 in the file's order.
func TestLoadFile_readingStopsAfterTwentyMistakes(t *testing.T) {
	hooks := strings.TrimSuffix(strings.Repeat(`{"url": "https://hooks.example.com/x"},`+"\n", 25), ",\n")
	path := writeSeed(t, `{"`+otherAccount+`": [`+"\n"+hooks+"\n]}")
	_, err := LoadFile(path)
	lines := strings.Split(fmt.Sprint(err), "\n")
	if len(lines) != 21 || lines[19] != fmt.Sprintf(`%s: line 21: account %s: webhook 20: "subAccountId" is required`, path, otherAccount) ||
		lines[20] != path+": line 22: more mistakes; the first 20 are shown, the file was read no further" {
		t.Errorf("error\n%v\nwant 20 mistakes and where the 21st is", err)
	}

	var members []string // 88 misspellings of url, one letter added
	for _, c := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" {
		members = append(members, fmt.Sprintf(`"url%c": 1`, c))
	}
	for _, c := range "abcdefghijklmnopqrstuvwxyz" {
		members = append(members, fmt.Sprintf(`"%curl": 1`, c))
	}
	path = writeSeed(t, `{"`+otherAccount+`": [{"subAccountId": "*",`+"\n"+strings.Join(members, ",\n")+"}]}")
	_, err = LoadFile(path)
	lines = strings.Split(fmt.Sprint(err), "\n")
	if len(lines) != 21 || lines[0] != fmt.Sprintf(`%s: line 2: account %s: webhook 1: unknown member "urla": did you mean "url"?`, path, otherAccount) ||
		lines[20] != path+": line 22: more mistakes; the first 20 are shown, the file was read no further" {
		t.Errorf("error\n%v\nwant the first 20 members and where the 21st is", err)
	}
}

// No message shows a secret: not the value of httpAuthorization or of
// oauth's clientSecret (nor of an oauth that is not an object), not an
// account id that is not one (a key pasted in its place?); the kind of
// value or what is wrong with it is said instead.
func TestLoadFile_mistakesShowNoSecret(t *testing.T) {
	path := writeSeed(t, `{
  "`+otherAccount+`": [
    {"subAccountId": "a", "url": "https://hooks.example.com/a", "httpAuthorization": ["Bearer s3cret-1"]},
    {"subAccountId": "b", "url": "https://hooks.example.com/b", "oauth": "client:s3cret-2"},
    {"subAccountId": "c", "url": "https://hooks.example.com/c", "oauth": {"url": "https://auth.example.com/t",
      "clientId": "c", "clientSecret": {"value": "s3cret-3"}, "credentialsLocation": "body"}},
    {"subAccountId": "d", "url": "https://hooks.example.com/d", "httpAuthorization": 12345678},
    {"subAccountId": "e", "url": "https://hooks.example.com/e", "type": {"httpAuthorization": "s3cret-5"}, "enabled": ["s3cret-6"]}
  ],
  "s3cret-4-api-key": [{"subAccountId": "*"}],
  "0123456789abcdef0123456789abcdeZ": [],
  "0123456789abcdef0-123456789abcdef": [],
  "0123456789abcdef0123456789abcdéf": []
}`)
	_, err := LoadFile(path)
	want := []string{
		`line 3: account ` + otherAccount + `: webhook 1: "httpAuthorization" must be a string, not a list`,
		`line 4: account ` + otherAccount + `: webhook 2: "oauth" must be an object, not a string`,
		`line 6: account ` + otherAccount + `: webhook 3: oauth: "clientSecret" must be a string, not an object`,
		`line 7: account ` + otherAccount + `: webhook 4: "httpAuthorization" must be a string, not a number`,
		`line 8: account ` + otherAccount + `: webhook 5: "type" must be a string, not an object`,
		`line 8: account ` + otherAccount + `: webhook 5: "enabled" must be true or false, not a list`,
		`line 10: an account id is 32 hexadecimal digits, dashes optional, like ` + DefaultAccountID + `; this one has 16 characters (not shown, in case it is a secret)`,
		`line 10: the account of line 10: webhook 1: "url" is required`,
		`line 11: an account id is 32 hexadecimal digits, dashes optional, like ` + DefaultAccountID + `; this one has a character that is neither a hexadecimal digit nor a dash (the 32nd) (not shown, in case it is a secret)`,
		`line 12: an account id is 32 hexadecimal digits, dashes optional, like ` + DefaultAccountID + `; this one has its dashes where a UUID has none (not shown, in case it is a secret)`,
		`line 13: an account id is 32 hexadecimal digits, dashes optional, like ` + DefaultAccountID + `; this one has a character that is neither a hexadecimal digit nor a dash (the 31st) (not shown, in case it is a secret)`,
	}
	for i := range want {
		want[i] = path + ": " + want[i]
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("error\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
	if strings.Contains(fmt.Sprint(err), "s3cret") {
		t.Error("the error shows a secret")
	}
}

// A member whose name is close to one the API describes is a misspelling:
// named, with the right spelling, in place of "required" for the member it
// stands for; a member of oauth outside it is one too. Other members the
// API does not describe (version, httpContenttype) are served as they are.
func TestLoadFile_misspelledMembers(t *testing.T) {
	path := writeSeed(t, `{
  "`+otherAccount+`": [
    {"subaccountId": "a", "url": "https://hooks.example.com/a"},
    {"subAccountID": "b", "URL": "https://hooks.example.com/b", "tpye": "MSG"},
    {"subAccountId": "c", "url": "https://hooks.example.com/c", "Enabled": false, "httpauthorization": "Bearer x"},
    {"subAccountId": "d", "url": "https://hooks.example.com/d", "clientSecret": "x", "oAuth": {}},
    {"subAccountId": "e", "url": "https://hooks.example.com/e", "oauth": {"url": "https://auth.example.com/t",
      "clientID": "c", "clientSecret": "x", "credentialLocation": "body", "scopes": "a", "audience": "b"}},
    {"subAccountId": "f", "url": "https://hooks.example.com/f", "version": 1, "httpContenttype": "json", "uri": "x"}
  ]
}`)
	_, err := LoadFile(path)
	want := []string{
		`line 3: account ` + otherAccount + `: webhook 1: unknown member "subaccountId": did you mean "subAccountId"?`,
		`line 4: account ` + otherAccount + `: webhook 2: unknown member "subAccountID": did you mean "subAccountId"?`,
		`line 4: account ` + otherAccount + `: webhook 2: unknown member "URL": did you mean "url"?`,
		`line 4: account ` + otherAccount + `: webhook 2: unknown member "tpye": did you mean "type"?`,
		`line 5: account ` + otherAccount + `: webhook 3: unknown member "Enabled": did you mean "enabled"?`,
		`line 5: account ` + otherAccount + `: webhook 3: unknown member "httpauthorization": did you mean "httpAuthorization"?`,
		`line 6: account ` + otherAccount + `: webhook 4: unknown member "clientSecret": "clientSecret" belongs in "oauth"`,
		`line 6: account ` + otherAccount + `: webhook 4: unknown member "oAuth": did you mean "oauth"?`,
		`line 8: account ` + otherAccount + `: webhook 5: oauth: unknown member "clientID": did you mean "clientId"?`,
		`line 8: account ` + otherAccount + `: webhook 5: oauth: unknown member "credentialLocation": did you mean "credentialsLocation"?`,
		`line 8: account ` + otherAccount + `: webhook 5: oauth: unknown member "scopes": did you mean "scope"?`,
		`line 8: account ` + otherAccount + `: webhook 5: oauth: unknown member "audience" (oauth has url, clientId, clientSecret, credentialsLocation, scope)`,
		`line 9: account ` + otherAccount + `: webhook 6: unknown member "uri": did you mean "url"?`,
	}
	for i := range want {
		want[i] = path + ": " + want[i]
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("error\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}

	path = writeSeed(t, `{"`+otherAccount+`": [{"subAccountId": "f", "url": "https://hooks.example.com/f", "version": 1, "httpContenttype": "json"}]}`)
	accounts, err := LoadFile(path)
	if err != nil || len(accounts) != 1 || !reflect.DeepEqual(accounts[0].Webhooks[0].Extra, map[string]any{"version": 1.0, "httpContenttype": "json"}) {
		t.Errorf("members the API does not describe: %+v, %v; want them served", accounts, err)
	}
}

// url and oauth's url are what the API's description says ("format":
// "uri") and 8x8 calls: absolute http or https URLs with a host. A
// mistake says what is wrong, not the value (it can hold a password).
func TestLoadFile_urls(t *testing.T) {
	const why = `"url" must be an absolute http or https URL with a host, like https://hooks.example.com/inbound: this one `
	bad := []struct{ url, want string }{
		{"not a url", "has a space (the 4th character), which a URI cannot hold: percent-encode it (a host, in punycode)"},
		{"notaurl", "is relative: it has no scheme (http:// or https://)"},
		{"hooks.example.com/inbound", "is relative: it has no scheme (http:// or https://)"},
		{"ftp://hooks.example.com/inbound", `has the scheme "ftp"`},
		{"mailto:hooks@example.com", `has the scheme "mailto"`},
		{"https:///inbound", "has no host"},
		{"https:hooks.example.com", "has no host"},
		{"https://:8080/inbound", "has no host"},
		{"https://hooks.example.com:99999/inbound", "has a port out of range (1 to 65535)"},
		{"https://hooks.example.com/%zz", "has a % that does not start a valid escape such as %2F"},
		{"https://bücher.example/inbound", `has 'ü' (the 10th character), which a URI cannot hold: percent-encode it (a host, in punycode)`},
		{"https://hooks.example.com/in\tbound", "has a control character (the 29th character), which a URI cannot hold: percent-encode it (a host, in punycode)"},
		{"https://user:s3cret pass@hooks.example.com/", "has a space (the 20th character), which a URI cannot hold: percent-encode it (a host, in punycode)"},
	}
	good := []string{
		"https://hooks.example.com/inbound", "http://example.com", "HTTPS://Hooks.Example.com/In?x=1&y=%20#f",
		"http://[::1]:8080/inbound", "http://127.0.0.1:18088/x", "https://user:s3cret@hooks.example.com/",
	}
	var hooks []string
	var want []string
	for i, tc := range bad {
		b, _ := json.Marshal(tc.url)
		hooks = append(hooks, fmt.Sprintf(`{"subAccountId": "bad-%d", "url": %s}`, i, b))
		want = append(want, fmt.Sprintf("line %d: account %s: webhook %d: %s%s", i+2, otherAccount, i+1, why, tc.want))
	}
	for i, u := range good {
		b, _ := json.Marshal(u)
		hooks = append(hooks, fmt.Sprintf(`{"subAccountId": "good-%d", "url": %s,`+
			` "oauth": {"url": %s, "clientId": "c", "clientSecret": "x", "credentialsLocation": "body"}}`, i, b, b))
	}
	hooks = append(hooks, `{"subAccountId": "*", "url": "https://hooks.example.com/inbound",`+
		` "oauth": {"url": "token", "clientId": "c", "clientSecret": "x", "credentialsLocation": "body"}}`)
	want = append(want, fmt.Sprintf("line %d: account %s: webhook %d: oauth: %s", len(hooks)+1, otherAccount, len(hooks),
		`"url" must be an absolute http or https URL with a host, like https://auth.example.com/oauth/token: this one is relative: it has no scheme (http:// or https://)`))
	path := writeSeed(t, `{"`+otherAccount+`": [`+"\n"+strings.Join(hooks, ",\n")+"\n]}")
	_, err := LoadFile(path)
	for i := range want {
		want[i] = path + ": " + want[i]
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("error\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
	if strings.Contains(fmt.Sprint(err), "s3cret") {
		t.Error("the error shows a URL's password")
	}
}

// A url that does not parse is said to be wrong in the emulator's own
// words, never url.Parse's, which quote the port, the host in brackets or
// the scheme, where a password can be: no part of the value is shown.
func TestLoadFile_urlProblemsShowNoPartOfTheURL(t *testing.T) {
	const why = `"url" must be an absolute http or https URL with a host, like https://hooks.example.com/inbound: this one `
	for _, tc := range []struct{ url, want string }{
		{"https://svc:SuperSecretPw", "has a port that is not a number"},
		{"https://svc:SuperSecretPw/x", "has a port that is not a number"},
		{"https://[SuperSecretPw]/x", "has brackets in its host that do not hold an IPv6 address"},
		{"https://[1.2.3.4]/x", "has brackets in its host that do not hold an IPv6 address"},
		{"https://hooks[SuperSecretPw]/x", "has brackets in its host that do not hold an IPv6 address"},
		{"https://[::1:SuperSecretPw/x", "has a [ in its host without a ]"},
		{"https://[::1]:SuperSecretPw/x", "has a port that is not a number"},
		{"https://svc[SuperSecretPw@hooks.example.com/x", "has user info (before an @) with a character it cannot hold"},
		{"svc:SuperSecretPw@hooks.example.com", "does not start with http:// or https://"},
		{"SuperSecretPw:x", "does not start with http:// or https://"},
		{":SuperSecretPw", "is relative: it has no scheme (http:// or https://)"},
		{"1SuperSecretPw:x/y", "is relative: it has no scheme (http:// or https://)"},
	} {
		b, _ := json.Marshal(tc.url)
		path := writeSeed(t, `{"`+otherAccount+`": [{"subAccountId": "*", "url": `+string(b)+`}]}`)
		_, err := LoadFile(path)
		want := fmt.Sprintf("%s: line 1: account %s: webhook 1: %s%s", path, otherAccount, why, tc.want)
		if err == nil || err.Error() != want {
			t.Errorf("%q:\ngot  %v\nwant %s", tc.url, err, want)
		}
		if frag := strings.TrimPrefix(fmt.Sprint(err), path); strings.Contains(frag, "SuperSecret") || strings.Contains(frag, "svc") {
			t.Errorf("%q: the error shows part of the URL: %v", tc.url, err)
		}
	}
}
