package client

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/eightxeight/terraform-provider-eightxeight/internal/emulator"
)

// redactKey is a key of the length and alphabet of 8x8's.
const redactKey = "q7Xk2vR9pL4mN8wT3zB6yH1cJ5fD0sGa"

// eachByte spells every byte of redactKey with f.
func eachByte(f func(b byte) string) string {
	var out strings.Builder
	for i := 0; i < len(redactKey); i++ {
		out.WriteString(f(redactKey[i]))
	}
	return out.String()
}

// A key a server echoes cut short, with a character changed, dropped or
// added, in groups, or in any encoding is masked: every run of 8 or more of
// its characters. Before, only the whole key was.
func TestRedact_mangledAndEncodedKey(t *testing.T) {
	key := redactKey
	r := newRedactor(key)
	b64 := func(enc *base64.Encoding, s string) string { return enc.EncodeToString([]byte(s)) }
	fullwidth := func(s string) string {
		return strings.Map(func(c rune) rune {
			if '!' <= c && c <= '~' {
				return c + 0xFEE0
			}
			return c
		}, s)
	}
	group := func(s, sep string, n int) string {
		var parts []string
		for i := 0; i < len(s); i += n {
			parts = append(parts, s[i:min(len(s), i+n)])
		}
		return strings.Join(parts, sep)
	}
	for name, tc := range map[string]struct{ echoed, want string }{
		"as it is":                  {key, "***"},
		"upper case":                {strings.ToUpper(key), "***"},
		"cut short by one":          {key[:31], "***"},
		"first character dropped":   {key[1:], "***"},
		"cut to 8":                  {key[10:18], "***"},
		"one changed mid-way":       {key[:15] + "#" + key[16:], "***#***"},
		"one dropped mid-way":       {key[:15] + key[16:], "***"},
		"one added mid-way":         {key[:15] + "!" + key[15:], "***!***"},
		"dash-grouped":              {group(key, "-", 4), "***"},
		"space-grouped":             {group(key, " ", 8), "***"},
		"plus for space":            {group(key, "+", 8), "***"},
		"line breaks":               {group(key, "\r\n", 5), "***"},
		"zero-width spaces":         {group(key, "\u200b", 3), "***"},
		"fullwidth":                 {fullwidth(key), "***"},
		"mathematical bold":         {strings.Map(func(c rune) rune { return mathBold(c) }, key), "***"},
		"URL-encoded":               {eachByte(func(b byte) string { return fmt.Sprintf("%%%02X", b) }), "***"},
		"URL-encoded twice":         {eachByte(func(b byte) string { return fmt.Sprintf("%%25%02x", b) }), "***"},
		"JSON \\u00XX":              {eachByte(func(b byte) string { return fmt.Sprintf(`\u%04X`, b) }), "***"},
		"JSON in JSON \\\\u00XX":    {eachByte(func(b byte) string { return fmt.Sprintf(`\\u%04x`, b) }), "***"},
		"\\xNN":                     {eachByte(func(b byte) string { return fmt.Sprintf(`\x%02x`, b) }), "***"},
		"octal":                     {eachByte(func(b byte) string { return fmt.Sprintf(`\%03o`, b) }), "***"},
		"HTML decimal":              {eachByte(func(b byte) string { return fmt.Sprintf("&#%d;", b) }), "***"},
		"HTML hex":                  {eachByte(func(b byte) string { return fmt.Sprintf("&#x%x;", b) }), "***"},
		"HTML escaped twice":        {eachByte(func(b byte) string { return fmt.Sprintf("&amp;#%d;", b) }), "***"},
		"hexadecimal":               {hex.EncodeToString([]byte(key)), "***"},
		"base64":                    {b64(base64.StdEncoding, key), "***"},
		"base64 of Bearer key":      {b64(base64.StdEncoding, "Bearer "+key), "***"},
		"base64 of user:key":        {b64(base64.StdEncoding, "u:"+key), "***"},
		"base64url, unpadded":       {b64(base64.RawURLEncoding, "xx"+key), "***"},
		"base64 in 16-column lines": {group(b64(base64.StdEncoding, "Bearer "+key), "\n", 16), "***"},
		"base64, URL-encoded":       {url.QueryEscape(b64(base64.StdEncoding, "Bearer "+key)), "***"},
		"URL-encoded three times":   {eachByte(func(b byte) string { return fmt.Sprintf("%%2525%02x", b) }), "***"},
		"%uXXXX":                    {eachByte(func(b byte) string { return fmt.Sprintf("%%u%04x", b) }), "***"},
		"\\u{XX}":                   {eachByte(func(b byte) string { return fmt.Sprintf(`\u{%x}`, b) }), "***"},
		"\\UXXXXXXXX":               {eachByte(func(b byte) string { return fmt.Sprintf(`\U%08x`, b) }), "***"},
		"HTML decimal without ;":    {eachByte(func(b byte) string { return fmt.Sprintf("&#%d", b) }), "***"},
		"HTML with leading zeros":   {eachByte(func(b byte) string { return fmt.Sprintf("&#x%08x;", b) }), "***"},
		"JSON surrogate pairs":      {jsonUTF16(strings.Map(mathBold, key)), "***"},
		"fullwidth, URL-encoded":    {url.QueryEscape(fullwidth(key)), "***"},
		"U+FFFD between pieces":     {group(key, "\uFFFD", 7), "***"},
		"invalid UTF-8 between":     {group(key, "\xff", 7), "***"},
		"variation selectors":       {group(key, "\uFE0F", 7), "***"},
		"Hangul fillers":            {group(key, "\u3164\u115F\uFFA0", 7), "***"},
		"blank Braille pattern":     {group(key, "\u2800", 7), "***"},
		"combining marks":           {group(key, "\u0301\u034F", 7), "***"},
		"&ZeroWidthSpace; between":  {group(key, "&ZeroWidthSpace;", 7), "***"},
		"two changes 8 apart":       {key[:8] + "#" + key[9:17] + "#" + key[18:], "***#***#***"},
	} {
		got := r.redact("echo: " + tc.echoed + " end")
		if want := "echo: " + tc.want + " end"; got != want {
			t.Errorf("%s: got %q\nwant %q", name, got, want)
		}
	}
}

// jsonUTF16 writes s as JSON \uXXXX escapes, surrogate pairs for
// characters beyond the BMP.
func jsonUTF16(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, `\u%04X`, u)
	}
	return b.String()
}

// mathBold is c in the mathematical bold alphabet, which NFKC folds back.
func mathBold(c rune) rune {
	switch {
	case 'A' <= c && c <= 'Z':
		return 0x1D400 + c - 'A'
	case 'a' <= c && c <= 'z':
		return 0x1D41A + c - 'a'
	case '0' <= c && c <= '9':
		return 0x1D7CE + c - '0'
	}
	return c
}

// A text cut short inside the key (an excerpt's end) shows no more than 5
// of its characters, in any encoding, an escape cut short included; a word
// that only looks like the key's start is left alone.
func TestRedact_cutWhereTheTextEnds(t *testing.T) {
	r := newRedactor(redactKey)
	urlEnc := eachByte(func(b byte) string { return fmt.Sprintf("%%%02X", b) })
	for in, want := range map[string]string{
		"Bearer " + redactKey[:7]:          "Bearer ***",
		"Bearer " + redactKey[:6]:          "Bearer ***",
		"Bearer " + redactKey[20:27]:       "Bearer ***",
		"Bearer " + redactKey[:5]:          "Bearer " + redactKey[:5],
		"Bearer " + urlEnc[:6*3+2]:         "Bearer ***", // 6 characters and "%4"
		"Bearer " + urlEnc[:len(urlEnc)-1]: "Bearer ***",
		"Bearer " + redactKey[:9] + `\u00`: "Bearer ***",
		"Bearer " + redactKey[:9] + "&#x3": "Bearer ***",
		"404 Not Found":                    "404 Not Found",
		"ends with %":                      "ends with %",
	} {
		if got := r.redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
	r = newRedactor("Found-7f3a9c2e1b4d")
	if got := r.redact("404 Not Found"); got != "404 Not Found" {
		t.Errorf("a word like the key's start was masked: %q", got)
	}
}

// Masking costs time linear in the text and bounded whatever the key:
// only the first redactWindow bytes of a text are read, and the key's
// tables grow with its length alone. A 4,096-byte key and a 64 KiB
// excerpt took 67 s with the former regular expression.
func TestRedact_boundedWhateverTheKey(t *testing.T) {
	key := strings.Repeat("Zm9vYmFy7", MaxAPIKeyBytes/9)
	r := newRedactor(key)
	if n := len(r.grams) + len(r.edges); n > 16*len(key) {
		t.Errorf("%d runs recorded for a %d-byte key", n, len(key))
	}
	prefix := strings.Repeat("x ", (redactWindow-8)/2)
	if got := r.redact(prefix + key); got != prefix+"***" {
		t.Errorf("the text's end: %q", got[max(0, len(got)-20):])
	}
	// The key inside a 64 KiB excerpt, every other character escaped.
	var b strings.Builder
	for b.Len() < 64<<10 {
		b.WriteString("echo ")
		for i := 0; i < len(key) && i < 64; i++ {
			if i%2 == 0 {
				fmt.Fprintf(&b, `\u%04x`, key[i])
			} else {
				b.WriteByte(key[i])
			}
		}
		b.WriteString(" ")
	}
	if got := r.redact(b.String()); strings.Contains(got, key[:8]) || !strings.HasPrefix(got, "echo *** echo *** ") {
		t.Errorf("%.80q", got)
	}
}

// The value of any member whose name is a credential's is masked, in every
// notation a body, a header dump or a log may use; other members are left
// alone.
func TestRedact_credentialMembers(t *testing.T) {
	r := newRedactor(redactKey)
	for in, want := range map[string]string{
		`{"httpAuthorization":"Basic dXNlcjpwYXNz","url":"https://h"}`:                                       `{"httpAuthorization":"***","url":"https://h"}`,
		`{"http_authorization" : "Basic dXNlcjpwYXNz"}`:                                                      `{"http_authorization" : "***"}`,
		`{"oauth":{"clientSecret":"s3cr\"et","clientId":"id"}}`:                                              `{"oauth":{"clientSecret":"***","clientId":"id"}}`,
		`{"client_secret":"hunter2hunter2"}`:                                                                 `{"client_secret":"***"}`,
		`{"client\u005fsecret":"hunter2hunter2"}`:                                                            `{"client\u005fsecret":"***"}`,
		`{"clientSecret":null,"url":"u"}`:                                                                    `{"clientSecret":***,"url":"u"}`,
		`{'client_secret': 'hunter2hunter2', 'scope': 'read'}`:                                               `{'client_secret': '***', 'scope': 'read'}`,
		"oauth:\n  client_secret: hunter2 hunter2\n  scope: read":                                            "oauth:\n  client_secret: ***\n  scope: read",
		"grant_type=client_credentials&client_secret=hunter2&scope=read":                                     "grant_type=client_credentials&client_secret=***&scope=read",
		"Authorization: Basic dXNlcjpwYXNz\r\nAccept: */*":                                                   "Authorization: ***\r\nAccept: */*",
		"X-Api-Key: k-12345\nAccept: */*":                                                                    "X-Api-Key: ***\nAccept: */*",
		"your api key: k-12345":                                                                              "your api key: ***",
		`<oauth><clientSecret>hunter2</clientSecret><scope>read</scope>`:                                     `<oauth><clientSecret>***</clientSecret><scope>read</scope>`,
		`<auth password="hunter2" user="bob"/>`:                                                              `<auth password="***" user="bob"/>`,
		`{&quot;clientSecret&quot;:&quot;hunter2&quot;}`:                                                     `{&quot;clientSecret&quot;:&quot;***&quot;}`,
		`"{\"access_token\":\"eyJhbGciOi\",\"expires_in\":3600}"`:                                            `"{\"access_token\":\"***\",\"expires_in\":3600}"`,
		`map[Authorization:[Bearer abc] Accept:[json]]`:                                                      `map[Authorization:*** Accept:[json]]`,
		`{"credentials":{"user":"u","pass":"p"},"url":"h"}`:                                                  `{"credentials":***,"url":"h"}`,
		`[{"oauth":{"clientSecret":"UNMASKEDCLIENTSECRE`:                                                     `[{"oauth":{"clientSecret":"***`,
		`{"message":"Invalid authorization: token expired","code":1200}`:                                     `{"message":"Invalid authorization: ***","code":1200}`,
		`{"tokenUrl":"https://h/token","oauth":{"scope":"read"}}`:                                            `{"tokenUrl":"https://h/token","oauth":{"scope":"read"}}`,
		`{"key":"CADR/*","subAccountId":"*"}`:                                                                `{"key":"CADR/*","subAccountId":"*"}`,
		`{"clientSecret":""}`:                                                                                `{"clientSecret":""}`,
		"------BEGIN PRIVATE KEY------\nMzEfYyjiWA4R\n------END PRIVATE KEY------\nok":                       "***\nok",
		"-----BEGIN\tPRIVATE  KEY-----\nMzEfYyjiWA4R\n-----END\tPRIVATE  KEY-----":                           "***",
		"----BEGIN EC PRIVATE_KEY----\nMzEfYyjiWA4R":                                                         "***",
		"key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n-----END PRIVATE KEY-----\ndone":       "key:\n***\ndone",
		"private_key=-----BEGIN RSA PRIVATE KEY-----MIIEvQIBADANBgkq":                                        "private_key=***",
		"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----":                                       "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
		`{"hmac":"hunter2x"}`:                                                                                `{"hmac":"***"}`,
		"Array\n(\n    [client_secret] => hunter2hunter2\n)":                                                 "Array\n(\n    [client_secret] => ***\n)",
		`["client_secret"]=> string(8) "hunter2x"`:                                                           `["client_secret"]=> string(8) "***"`,
		"Ocp-Apim-Subscription-Key: hunter2x\nx-functions-key: hunter2x":                                     "Ocp-Apim-Subscription-Key: ***\nx-functions-key: ***",
		`{"clientKey":"hunter2x","auth_key":"hunter2x","app_key":"hunter2x"}`:                                `{"clientKey":"***","auth_key":"***","app_key":"***"}`,
		"got Bearer hunter2hunter2 from the gateway":                                                         "got Bearer *** from the gateway",
		"got Bearer eyJhbGciOi.eyJzdWIi.sig":                                                                 "got Bearer ***",
		"Bearer authentication failed for this request":                                                      "Bearer authentication failed for this request",
		"connect to admin:hunter2hunter2@db.example failed":                                                  "connect to admin:***@db.example failed",
		"see //admin:hunter2x@db.example/x":                                                                  "see //***@db.example/x",
		"at 12:30 the build ran; mail bob@example.com":                                                       "at 12:30 the build ran; mail bob@example.com",
		"authorization=Basic aHVudGVyMng= user=bob":                                                          "authorization=*** user=bob",
		`password = """hunter2x"""`:                                                                          `password = """***"""`,
		`{"sig":"hunter2x","client_assertion":"hunter2x","passwort":"hunter2x"}`:                             `{"sig":"***","client_assertion":"***","passwort":"***"}`,
		"{\"password\"\n:\n\"hunter2x\"}":                                                                    "{\"password\"\n:\n\"***\"}",
		"{\n  \"password\":\n    \"hunter2x\"\n}":                                                            "{\n  \"password\":\n    \"***\"\n}",
		"db:\n  password: |\n    hunter2x\n    more\n  user: bob":                                            "db:\n  password: ***\n  user: bob",
		"db:\n  password:\n    hunter2x\n  user: bob":                                                        "db:\n  password:***\n  user: bob",
		`<wsse:Password Type="PasswordText">hunter2x</wsse:Password>`:                                        `<wsse:Password Type="PasswordText">***</wsse:Password>`,
		`<password><![CDATA[hunter2x]]></password>`:                                                          `<password>***</password>`,
		"postgres://admin:hunter2x@db.example/x":                                                             "postgres://***@db.example/x",
		"see https://ghp_hunter2x@github.example/x":                                                          "see https://***@github.example/x",
		"SECRET_KEY=hunter2x; user=bob":                                                                      "SECRET_KEY=***; user=bob",
		`{"Pwd":"hunter2x","passwordHash":"hunter2x","apiKeyValue":"hunter2x","private_key_pem":"hunter2x"}`: `{"Pwd":"***","passwordHash":"***","apiKeyValue":"***","private_key_pem":"***"}`,
		`{"sessionId":"hunter2x","accessKeyId":"AKIA","credentialsLocation":"body","token_type":"Bearer"}`:   `{"sessionId":"***","accessKeyId":"AKIA","credentialsLocation":"body","token_type":"Bearer"}`,
		"Authentication: Bearer hunter2x\nAccept: */*":                                                       "Authentication: ***\nAccept: */*",
		"Authorization Bearer hunter2x\nAccept: */*":                                                         "Authorization ***\nAccept: */*",
		`password := "hunter2x"; token => 'hunter2x'`:                                                        `password := "***"; token => '***'`,
		"run --password hunter2x --user bob":                                                                 "run --password *** --user bob",
		`{"token": {"a":"}", "b":"hunter2x"}, "url": "u"}`:                                                   `{"token": ***, "url": "u"}`,
	} {
		if got := r.redact(in); got != want {
			t.Errorf("redact(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

// A short key is masked where it stands alone, not inside every word:
// "a" turned "Unauthorized" into "Un***uthorized" and garbled the errorId.
func TestRedact_shortKeyOnlyWhereItStandsAlone(t *testing.T) {
	r := newRedactor("a")
	for in, want := range map[string]string{
		"401 Unauthorized":                     "401 Unauthorized",
		"errorId 4b3c3407-a7a6-4f1e":           "errorId 4b3c3407-a7a6-4f1e",
		`{"echo":"Bearer a"}`:                  `{"echo":"Bearer ***"}`,
		`{"echo":"Bearer %61"}`:                `{"echo":"Bearer ***"}`,
		"Not Found (key starts like the word)": "Not Found (key starts like the word)",
	} {
		if got := r.redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
	if got := newRedactor("ab-cd").redact("k=ab-cd;"); got != "k=***;" {
		t.Errorf("a short key with a dash: %q", got)
	}
}

// Whatever a server sends, the masked text is valid where the text was:
// a mask never cuts a character in two.
func FuzzRedact(f *testing.F) {
	f.Add("echo "+redactKey+" end", redactKey)
	f.Add(`{"clientSecret":"x\"y"}`, "k")
	f.Add("&#x71;&amp;#55;%2571\\u0058\\161", redactKey)
	f.Fuzz(func(t *testing.T, text, key string) {
		if CheckAPIKey(key) != nil {
			return
		}
		got := newRedactor(key).redact(text)
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Errorf("redact(%q) = %q: invalid UTF-8", text, got)
		}
		if len(key) >= gramLen && len(text) <= redactWindow && strings.Contains(text, key) && strings.Contains(got, key) {
			t.Errorf("redact(%q) = %q holds the key", text, got)
		}
	})
}

// BenchmarkRedact: a 64 KiB excerpt (only its first redactWindow bytes are
// read), full of encoded fragments of the key and credential members, with
// a key of 8x8's length and one of the longest accepted; and the costliest
// characters known.
func BenchmarkRedact(b *testing.B) {
	for _, keyLen := range []int{len(redactKey), MaxAPIKeyBytes} {
		key := strings.Repeat(redactKey, keyLen/len(redactKey)+1)[:keyLen]
		r := newRedactor(key)
		var text strings.Builder
		for text.Len() < 64<<10 {
			fmt.Fprintf(&text, `{"clientSecret":"%s","echo":"%s\u00%02x%s"} `, key[:12], key[:9], key[9], key[10:20])
		}
		b.Run(fmt.Sprintf("key=%d", keyLen), func(b *testing.B) {
			b.SetBytes(redactWindow)
			for b.Loop() {
				r.redact(text.String())
			}
		})
	}
	// Characters whose compatibility form is long (U+FDFA is 18
	// characters) or is ASCII (fullwidth), which cost the most to read.
	r := newRedactor(redactKey)
	for name, text := range map[string]string{"U+FDFA": strings.Repeat("\uFDFA", 64<<10/3), "fullwidth": strings.Repeat("ｑ７Ｘ", 64<<10/9)} {
		b.Run("key=32/"+name, func(b *testing.B) {
			b.SetBytes(redactWindow)
			for b.Loop() {
				r.redact(text)
			}
		})
	}
}

// Every character clean drops, or shows as white space, is a gap to the
// redactor: one that is not split the key into pieces too short to mask
// and clean then joined them (U+FFFD, invalid UTF-8 decoded by
// json.Unmarshal, variation selectors and fillers printed the key whole).
func TestRedactor_gapsCoverWhatCleanDrops(t *testing.T) {
	for c := rune(0); c <= unicode.MaxRune; c++ {
		if utf16.IsSurrogate(c) {
			continue
		}
		if shown := clean("a" + string(c) + "b"); shown == "ab" || shown == "a b" {
			if _, gap := classifyRune(c); !gap {
				t.Errorf("U+%04X: clean shows %q, but the redactor reads it as a character", c, shown)
			}
		}
	}
}

// A key split by characters that do not show, in 8x8's message (decoded
// by json.Unmarshal, which turns invalid bytes into U+FFFD), in the reason
// phrase and in a Content-Type, is masked where the client shows it.
func TestClientText_keySplitByHiddenCharacters(t *testing.T) {
	key := redactKey
	c, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: key})
	if err != nil {
		t.Fatal(err)
	}
	for _, sep := range []string{"\xff", "\uFFFD", "\uFE0F", "\u034F", "\u3164", "\u115F", "\u1160", "\uFFA0", "\u17B4", "\u2800", "\U000E0100", "\u200B"} {
		split := key[:7] + sep + key[7:14] + sep + key[14:21] + sep + key[21:28] + sep + key[28:]
		body := []byte(`{"code":1200,"message":"Invalid credentials ` + split + `","errorId":"db9dced4-3534-4d86-9d18-6b448af0d621"}`)
		e := c.parseAPIError("GET /x", 401, "401 Unauthorized", "application/json", body)
		for what, got := range map[string]string{
			"message": e.Message, "reason phrase": c.text("Unauthorized "+split, maxTextRunes),
			"upper case": c.text(strings.ToUpper(split), maxTextRunes),
		} {
			if strings.Contains(strings.ToLower(got), strings.ToLower(key[:8])) || strings.Contains(strings.ToLower(got), strings.ToLower(key[8:16])) {
				t.Errorf("U+%04X, %s: %q", []rune(sep)[0], what, got)
			}
		}
	}
}

// A key that holds what reads as escapes ("%41", "&amp;", "\x41") is
// masked as written and decoded.
func TestRedact_keyHoldingEscapes(t *testing.T) {
	for _, key := range []string{"Ab%41Cd%42Ef%43Gh%44Ij%45Kl", `Ab\x41Cd\x42Ef\x43Gh\x44Ij`, "Ab&amp;Cd&lt;Ef&gt;Gh&quot;Ij"} {
		r := newRedactor(key)
		for _, echoed := range []string{key, decodeOnce(key)} {
			if got := r.redact("echo " + echoed + " end"); got != "echo *** end" {
				t.Errorf("key %q echoed %q: %q", key, echoed, got)
			}
		}
	}
}

// decodeOnce decodes every escape of s once.
func decodeOnce(s string) string {
	var b strings.Builder
	for _, u := range decodeUnits(s) {
		if u.escaped {
			b.WriteByte(u.b)
		} else {
			b.WriteString(s[u.start:u.end])
		}
	}
	return b.String()
}

// The emulator's demo key masks nothing in the emulator's own messages.
func TestRedact_demoKeyLeavesTheEmulatorsWordsAlone(t *testing.T) {
	r := newRedactor(emulator.DefaultAPIKey)
	for _, msg := range []string{"The emulator serves only GET on this endpoint", "Request was not authenticated properly", "Account not found"} {
		if got := r.redact(msg); got != msg {
			t.Errorf("%q became %q", msg, got)
		}
	}
}

// A character that does not show, inside an escape, is dropped before the
// masks look: dropped after, it joined the escape back together, and the
// key came out URL-encoded whole.
func TestClientText_hiddenCharacterInsideAnEscape(t *testing.T) {
	c, err := New(Config{BaseURL: "https://chatapps.8x8.com", APIKey: redactKey})
	if err != nil {
		t.Fatal(err)
	}
	for name, spell := range map[string]func(b byte) string{
		"%X\u200bX":         func(b byte) string { s := fmt.Sprintf("%%%02x", b); return s[:2] + "\u200b" + s[2:] },
		`\u00` + "\u200bXX": func(b byte) string { return fmt.Sprintf("\\u00\u200b%02x", b) },
		"&#\u00adN;":        func(b byte) string { return fmt.Sprintf("&#\u00ad%d;", b) },
		"%X\xffX":           func(b byte) string { s := fmt.Sprintf("%%%02x", b); return s[:2] + "\xff" + s[2:] },
		"%X\u0301X":         func(b byte) string { s := fmt.Sprintf("%%%02x", b); return s[:2] + "\u0301" + s[2:] },
		"%X\U00016FE4X":     func(b byte) string { s := fmt.Sprintf("%%%02x", b); return s[:2] + "\U00016FE4" + s[2:] },
		"&#N\u20DD;":        func(b byte) string { return fmt.Sprintf("&#%d\u20dd;", b) },
	} {
		if got := c.text("echo "+eachByte(spell)+" end", maxMessageRunes); got != "echo *** end" {
			t.Errorf("%q: %q", name, got)
		}
	}
}
