package client

import "testing"

func TestParseBaseURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://chatapps.8x8.com":     true,
		"https://chatapps.8x8.com/":    true,
		"https://proxy.example/8x8":    true,
		"http://127.0.0.1:8080":        true,
		"http://127.9.9.9":             true,
		"http://localhost:1234":        true,
		"http://[::1]:9":               true,
		"http://chatapps.8x8.com":      false,
		"http://10.0.0.1":              false,
		"http://localhost.example.com": false,
		"ftp://chatapps.8x8.com":       false,
		"chatapps.8x8.com":             false,
		"https://":                     false,
		"https://u:p@chatapps.8x8.com": false,
		"https://chatapps.8x8.com?x=1": false,
		"":                             false,
		"https://%zz":                  false,
	} {
		_, err := ParseBaseURL(raw)
		if (err == nil) != ok {
			t.Errorf("%q: err %v, want ok=%v", raw, err, ok)
		}
	}
}
