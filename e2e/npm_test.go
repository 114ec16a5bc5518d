package e2e

import (
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// The npm-app fixture: route handlers whose work is done by real npm packages, installed from the registry by
// fixtures/npm-app/setup.sh and bundled by jsroute from node_modules, served by the jsroute binary. The
// expected bodies are what `next start` (Next 16.4.6) answered for the same requests (see
// fixtures/npm-app/README.md).

// npmAppURLEnv names a server to send the npm-app requests to instead of jsroute: `next start` of a copy of the
// fixture (fixtures/npm-app/README.md), to check that the expectations here are what Next.js answers.
const npmAppURLEnv = "JSROUTE_E2E_NPM_APP_URL"

// startNpmApp installs fixtures/npm-app's packages, serves the app with `jsroute start` and returns its base URL.
func startNpmApp(t *testing.T) string {
	t.Helper()
	if base := os.Getenv(npmAppURLEnv); base != "" {
		return strings.TrimSuffix(base, "/")
	}
	npmSetup(t, "npm-app")
	return startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-app").base()
}

// TestNpmZodFormData: zod 4 + zod-form-data validate request.formData(), urlencoded and multipart.
func TestNpmZodFormData(t *testing.T) {
	base := startNpmApp(t)
	client := newClient(nil)
	urlencoded := func(v url.Values) (http.Header, []byte) {
		return http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, []byte(v.Encode())
	}
	type part struct{ name, filename, contentType, value string }
	multipartForm := func(parts ...part) (http.Header, []byte) {
		var b strings.Builder
		w := multipart.NewWriter(&b)
		for _, p := range parts {
			if p.filename == "" {
				_ = w.WriteField(p.name, p.value)
				continue
			}
			h := make(map[string][]string)
			h["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name=%q; filename=%q`, p.name, p.filename)}
			h["Content-Type"] = []string{p.contentType}
			fw, _ := w.CreatePart(h)
			_, _ = fw.Write([]byte(p.value))
		}
		_ = w.Close()
		return http.Header{"Content-Type": {w.FormDataContentType()}}, []byte(b.String())
	}

	tests := []struct {
		name   string
		form   func() (http.Header, []byte)
		status int
		want   string
	}{
		{"urlencoded-valid", func() (http.Header, []byte) {
			return urlencoded(url.Values{"name": {"Ada"}, "email": {"ada@example.com"}, "age": {"36"},
				"tags": {"a", "b"}, "newsletter": {"on"}})
		}, 200, `{"name":"Ada","email":"ada@example.com","age":36,"tags":["a","b"],"newsletter":true,"avatar":null}`},
		{"urlencoded-invalid", func() (http.Header, []byte) {
			return urlencoded(url.Values{"name": {"A"}, "email": {"nope"}, "age": {"12.5"}, "tags": {"a", "b", "c", "d"}})
		}, 400, `{"issues":[` +
			`{"origin":"string","code":"too_small","minimum":2,"inclusive":true,"path":["name"],"message":"Too small: expected string to have >=2 characters"},` +
			`{"origin":"string","code":"invalid_format","format":"email","pattern":"/^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$/","path":["email"],"message":"Invalid email address"},` +
			`{"expected":"int","format":"safeint","code":"invalid_type","path":["age"],"message":"Invalid input: expected int, received number"},` +
			`{"origin":"array","code":"too_big","maximum":3,"inclusive":true,"path":["tags"],"message":"Too big: expected array to have <=3 items"}]}`},
		{"urlencoded-empty-strings-are-missing", func() (http.Header, []byte) {
			return urlencoded(url.Values{"name": {""}, "email": {""}, "age": {""}, "tags": {""}})
		}, 400, `{"issues":[` +
			`{"expected":"string","code":"invalid_type","path":["name"],"message":"Invalid input: expected string, received undefined"},` +
			`{"expected":"string","code":"invalid_type","path":["email"],"message":"Invalid input: expected string, received undefined"},` +
			`{"expected":"number","code":"invalid_type","path":["age"],"message":"Invalid input: expected number, received undefined"},` +
			`{"expected":"string","code":"invalid_type","path":["tags",0],"message":"Invalid input: expected string, received undefined"}]}`},
		{"urlencoded-not-a-number", func() (http.Header, []byte) {
			return urlencoded(url.Values{"age": {"abc"}})
		}, 400, `{"issues":[` +
			`{"expected":"string","code":"invalid_type","path":["name"],"message":"Invalid input: expected string, received undefined"},` +
			`{"expected":"string","code":"invalid_type","path":["email"],"message":"Invalid input: expected string, received undefined"},` +
			`{"expected":"number","code":"invalid_type","path":["age"],"message":"Invalid input: expected number, received string"}]}`},
		{"multipart-with-file", func() (http.Header, []byte) {
			return multipartForm(part{name: "name", value: "Grace"}, part{name: "email", value: "grace@example.com"},
				part{name: "age", value: "85"}, part{name: "tags", value: "navy"},
				part{name: "avatar", filename: "avatar.txt", contentType: "text/plain", value: "hello avatar"})
		}, 200, `{"name":"Grace","email":"grace@example.com","age":85,"tags":["navy"],"newsletter":false,` +
			`"avatar":{"name":"avatar.txt","type":"text/plain","size":12,"text":"hello avatar"}}`},
		{"multipart-file-field-is-text", func() (http.Header, []byte) {
			return multipartForm(part{name: "name", value: "Grace"}, part{name: "email", value: "grace@example.com"},
				part{name: "age", value: "85"}, part{name: "avatar", value: "x"})
		}, 400, `{"issues":[{"code":"invalid_type","expected":"File","path":["avatar"],"message":"Invalid input: expected File, received string"}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			header, body := tc.form()
			r := npmDo(t, client, "POST", base+"/signup", header, body)
			npmCheckJSON(t, r, tc.status, tc.want)
		})
	}
}

// npmJWTIssuer and npmJWTAudience are fixtures/npm-app/lib/jwt.ts's ISSUER and AUDIENCE.
const (
	npmJWTIssuer   = "urn:npm-app:issuer"
	npmJWTAudience = "urn:npm-app:audience"
)

// npmRSAKeys reads the RS256 key pair (PKCS#8 and SPKI PEM blocks) from fixtures/npm-app/lib/keys.ts.
func npmRSAKeys(t *testing.T) (*rsa.PrivateKey, *rsa.PublicKey) {
	t.Helper()
	src := npmFixtureFile(t, "npm-app", "lib/keys.ts")
	var priv *rsa.PrivateKey
	var pub *rsa.PublicKey
	for {
		// Each block opens a template literal, so "-----BEGIN" is not at the start of a line, as pem.Decode
		// wants it: start it there.
		i := strings.Index(src, "-----BEGIN ")
		if i < 0 {
			break
		}
		block, rest := pem.Decode([]byte(src[i:]))
		if block == nil {
			t.Fatalf("lib/keys.ts: a PEM block does not decode")
		}
		src = string(rest)
		switch block.Type {
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			if err != nil {
				t.Fatalf("lib/keys.ts: PKCS#8 key: %v", err)
			}
			priv = k.(*rsa.PrivateKey)
		case "PUBLIC KEY":
			k, err := x509.ParsePKIXPublicKey(block.Bytes)
			if err != nil {
				t.Fatalf("lib/keys.ts: SPKI key: %v", err)
			}
			pub = k.(*rsa.PublicKey)
		}
	}
	if priv == nil || pub == nil || !priv.PublicKey.Equal(pub) {
		t.Fatal("lib/keys.ts does not hold a matching PKCS#8 private key and SPKI public key")
	}
	return priv, pub
}

var b64url = base64.RawURLEncoding

// npmSignJWT makes a compact JWS in Go: header and payload as given (JSON text), HS256 with secret or RS256
// with key.
func npmSignJWT(t *testing.T, header, payload string, secret []byte, key *rsa.PrivateKey) string {
	t.Helper()
	input := b64url.EncodeToString([]byte(header)) + "." + b64url.EncodeToString([]byte(payload))
	var sig []byte
	if key != nil {
		digest := sha256.Sum256([]byte(input))
		var err error
		if sig, err = rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:]); err != nil {
			t.Fatal(err)
		}
	} else {
		mac := hmac.New(sha256.New, secret)
		mac.Write([]byte(input))
		sig = mac.Sum(nil)
	}
	return input + "." + b64url.EncodeToString(sig)
}

// npmCheckJWT verifies a token jose made, in Go, and returns its header and payload JSON text.
func npmCheckJWT(t *testing.T, token string, secret []byte, pub *rsa.PublicKey) (header, payload string) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q has %d parts", token, len(parts))
	}
	h, err1 := b64url.DecodeString(parts[0])
	p, err2 := b64url.DecodeString(parts[1])
	sig, err3 := b64url.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		t.Fatalf("token %q is not base64url: %v %v %v", token, err1, err2, err3)
	}
	input := parts[0] + "." + parts[1]
	if pub != nil {
		digest := sha256.Sum256([]byte(input))
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig); err != nil {
			t.Errorf("RS256 signature does not verify in Go: %v", err)
		}
	} else {
		mac := hmac.New(sha256.New, secret)
		mac.Write([]byte(input))
		if !hmac.Equal(mac.Sum(nil), sig) {
			t.Errorf("HS256 signature does not verify in Go")
		}
	}
	return string(h), string(p)
}

// TestNpmJoseSign: jose's SignJWT signs HS256 (secret from .env) and RS256 (importPKCS8); Go checks the
// signatures and claims, and the app's own verify route accepts the tokens.
func TestNpmJoseSign(t *testing.T) {
	base := startNpmApp(t)
	client := newClient(nil)
	secret := []byte(npmDotenv(t, "npm-app", "JWT_SECRET"))
	_, pub := npmRSAKeys(t)
	jsonHeader := http.Header{"Content-Type": {"application/json"}}

	for _, alg := range []string{"HS256", "RS256"} {
		t.Run(alg, func(t *testing.T) {
			before := time.Now().Unix()
			r := npmDo(t, client, "POST", base+"/jwt/sign", jsonHeader,
				[]byte(`{"sub":"user-42","alg":"`+alg+`","claims":{"role":"admin","n":7}}`))
			if r.status != 200 {
				t.Fatalf("sign: status %d: %s", r.status, clip(r.body))
			}
			token, _ := npmJSON(t, r)["token"].(string)
			var rsaPub *rsa.PublicKey
			if alg == "RS256" {
				rsaPub = pub
			}
			header, payload := npmCheckJWT(t, token, secret, rsaPub)
			if want := `{"alg":"` + alg + `","typ":"JWT"}`; header != want {
				t.Errorf("header %s, want %s", header, want)
			}
			var claims struct {
				Role string  `json:"role"`
				N    float64 `json:"n"`
				Sub  string  `json:"sub"`
				Iss  string  `json:"iss"`
				Aud  string  `json:"aud"`
				Iat  int64   `json:"iat"`
				Exp  int64   `json:"exp"`
			}
			if err := json.Unmarshal([]byte(payload), &claims); err != nil {
				t.Fatalf("payload %s: %v", payload, err)
			}
			if claims.Role != "admin" || claims.N != 7 || claims.Sub != "user-42" || claims.Iss != npmJWTIssuer ||
				claims.Aud != npmJWTAudience {
				t.Errorf("claims %s", payload)
			}
			if now := time.Now().Unix(); claims.Iat < before-1 || claims.Iat > now+1 {
				t.Errorf("iat %d, want the time of signing (%d..%d)", claims.Iat, before, now)
			}
			if claims.Exp != claims.Iat+2*60*60 {
				t.Errorf("exp %d, want iat+2h = %d", claims.Exp, claims.Iat+7200)
			}

			v := npmDo(t, client, "GET", base+"/jwt/verify", http.Header{"Authorization": {"Bearer " + token}}, nil)
			npmCheckJSON(t, v, 200, `{"alg":"`+alg+`","payload":`+payload+`}`)
		})
	}

	bad := []struct{ name, body, want string }{
		{"unsupported-alg", `{"sub":"u","alg":"ES256"}`, `{"error":"unsupported alg \"ES256\""}`},
		{"no-sub", `{"alg":"HS256"}`, `{"error":"sub must be a non-empty string"}`},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			r := npmDo(t, client, "POST", base+"/jwt/sign", jsonHeader, []byte(tc.body))
			npmCheckJSON(t, r, 400, tc.want)
		})
	}
}

// TestNpmJoseVerify: tokens made in Go, checked by jose's jwtVerify (HS256 with the .env secret, RS256 through
// importSPKI): good ones give their payload, bad ones 401 with jose's error code and message.
func TestNpmJoseVerify(t *testing.T) {
	base := startNpmApp(t)
	client := newClient(nil)
	secret := []byte(npmDotenv(t, "npm-app", "JWT_SECRET"))
	priv, _ := npmRSAKeys(t)
	now := time.Now().Unix()
	claims := func(aud string, exp int64) string {
		return fmt.Sprintf(`{"sub":"user-7","scope":"read write","iss":%q,"aud":%q,"iat":%d,"exp":%d}`,
			npmJWTIssuer, aud, now, exp)
	}
	good := claims(npmJWTAudience, now+600)
	hs := `{"alg":"HS256","typ":"JWT"}`
	rs := `{"alg":"RS256","typ":"JWT"}`
	rsToken := npmSignJWT(t, rs, good, nil, priv)
	tampered := strings.Split(rsToken, ".")
	tampered[1] = b64url.EncodeToString([]byte(strings.Replace(good, "read write", "admin", 1)))

	tests := []struct {
		name, authorization string
		status              int
		want                string
	}{
		{"hs256", "Bearer " + npmSignJWT(t, hs, good, secret, nil), 200, `{"alg":"HS256","payload":` + good + `}`},
		{"rs256", "Bearer " + rsToken, 200, `{"alg":"RS256","payload":` + good + `}`},
		{"rs256-tampered-payload", "Bearer " + strings.Join(tampered, "."), 401,
			`{"error":"ERR_JWS_SIGNATURE_VERIFICATION_FAILED","message":"signature verification failed"}`},
		{"hs256-wrong-secret", "Bearer " + npmSignJWT(t, hs, good, []byte("another-secret-another-secret-another"), nil), 401,
			`{"error":"ERR_JWS_SIGNATURE_VERIFICATION_FAILED","message":"signature verification failed"}`},
		{"expired", "Bearer " + npmSignJWT(t, hs, claims(npmJWTAudience, now-600), secret, nil), 401,
			`{"error":"ERR_JWT_EXPIRED","message":"\"exp\" claim timestamp check failed"}`},
		{"wrong-audience", "Bearer " + npmSignJWT(t, rs, claims("urn:other", now+600), nil, priv), 401,
			`{"error":"ERR_JWT_CLAIM_VALIDATION_FAILED","message":"unexpected \"aud\" claim value"}`},
		{"alg-none", "Bearer " + b64url.EncodeToString([]byte(`{"alg":"none"}`)) + "." + b64url.EncodeToString([]byte(good)) + ".", 401,
			`{"error":"unsupported_alg","message":"alg none is not accepted"}`},
		{"malformed", "Bearer garbage", 401,
			`{"error":"malformed_token","message":"Invalid Token or Protected Header formatting"}`},
		{"no-authorization", "", 401, `{"error":"missing_token","message":"expected an Authorization: Bearer header"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			if tc.authorization != "" {
				h.Set("Authorization", tc.authorization)
			}
			r := npmDo(t, client, "GET", base+"/jwt/verify", h, nil)
			npmCheckJSON(t, r, tc.status, tc.want)
			if got := r.header.Get("Www-Authenticate"); tc.status == 401 && got != `Bearer error="invalid_token"` {
				t.Errorf("www-authenticate %q", got)
			}
		})
	}
}

// TestNpmGitHubWebhook: the route checks X-Hub-Signature-256 with crypto.subtle (HMAC-SHA256 over the raw
// body) and a constant-time compare.
func TestNpmGitHubWebhook(t *testing.T) {
	base := startNpmApp(t)
	client := newClient(nil)
	secret := npmDotenv(t, "npm-app", "GITHUB_WEBHOOK_SECRET")
	sign := func(body string) string {
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte(body))
		return "sha256=" + hex.EncodeToString(mac.Sum(nil))
	}
	// Non-ASCII text: the HMAC is over the bytes as sent, and "bytes" counts bytes, not characters.
	event := `{"action":"opened","repository":{"full_name":"octo/héllo"},"sender":{"login":"octocat"},"note":"ünïcödé"}`

	tests := []struct {
		name, body, signature, event string
		status                       int
		want                         string
	}{
		// GitHub's published test vector ("Validating webhook deliveries"): the signature holds, the body is
		// not JSON.
		{"github-test-vector", "Hello, World!",
			"sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "ping", 400,
			`{"error":"body is not JSON"}`},
		{"signed-event", event, sign(event), "issues", 200,
			`{"event":"issues","delivery":"72d3162e-cc78-11e3-81ab-4c9367dc0958","action":"opened",` +
				`"repository":"octo/héllo","sender":"octocat","bytes":` + fmt.Sprint(len(event)) + `}`},
		{"body-changed", strings.Replace(event, "opened", "closed", 1), sign(event), "issues", 401,
			`{"error":"signature mismatch"}`},
		{"made-up-signature", event, "sha256=" + strings.Repeat("0", 64), "issues", 401, `{"error":"signature mismatch"}`},
		{"uppercase-hex", event, strings.ToUpper(sign(event)), "issues", 401, `{"error":"signature mismatch"}`},
		{"no-signature", event, "", "issues", 401, `{"error":"signature mismatch"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{
				"Content-Type":      {"application/json"},
				"X-Github-Event":    {tc.event},
				"X-Github-Delivery": {"72d3162e-cc78-11e3-81ab-4c9367dc0958"},
			}
			if tc.signature != "" {
				h.Set("X-Hub-Signature-256", tc.signature)
			}
			r := npmDo(t, client, "POST", base+"/webhooks/github", h, []byte(tc.body))
			npmCheckJSON(t, r, tc.status, tc.want)
		})
	}
}
