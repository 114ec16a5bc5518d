package crypto

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"slices"
	"strings"
)

// JWK is a JsonWebKey dictionary (§16, RFC 7517). An empty string is an absent member; KeyOps
// is nil when absent and Ext nil when absent.
type JWK struct {
	Kty    string   `json:"kty,omitempty"`
	Use    string   `json:"use,omitempty"`
	KeyOps []string `json:"key_ops,omitempty"`
	Alg    string   `json:"alg,omitempty"`
	Ext    *bool    `json:"ext,omitempty"`
	Crv    string   `json:"crv,omitempty"`
	X      string   `json:"x,omitempty"`
	Y      string   `json:"y,omitempty"`
	D      string   `json:"d,omitempty"`
	N      string   `json:"n,omitempty"`
	E      string   `json:"e,omitempty"`
	P      string   `json:"p,omitempty"`
	Q      string   `json:"q,omitempty"`
	DP     string   `json:"dp,omitempty"`
	DQ     string   `json:"dq,omitempty"`
	QI     string   `json:"qi,omitempty"`
	K      string   `json:"k,omitempty"`
}

// JWKField is one member of an exported JWK.
type JWKField struct {
	Name  string
	Value any // string, []string or bool
}

// Fields lists the members that are present, in the order Node.js puts them in exported keys
// (key_ops and ext first, then the members of the key type), which is also the order of the JSON
// that wrapKey encrypts.
func (j *JWK) Fields() []JWKField {
	var out []JWKField
	if j.KeyOps != nil {
		out = append(out, JWKField{"key_ops", j.KeyOps})
	}
	if j.Ext != nil {
		out = append(out, JWKField{"ext", *j.Ext})
	}
	add := func(name, v string) {
		if v != "" {
			out = append(out, JWKField{name, v})
		}
	}
	switch j.Kty {
	case "OKP":
		add("crv", j.Crv)
		add("d", j.D)
		add("x", j.X)
		add("kty", j.Kty)
	case "EC":
		add("kty", j.Kty)
		add("x", j.X)
		add("y", j.Y)
		add("crv", j.Crv)
		add("d", j.D)
	default:
		add("kty", j.Kty)
		add("k", j.K)
		add("n", j.N)
		add("e", j.E)
		add("d", j.D)
		add("p", j.P)
		add("q", j.Q)
		add("dp", j.DP)
		add("dq", j.DQ)
		add("qi", j.QI)
	}
	add("alg", j.Alg)
	add("use", j.Use)
	return out
}

// marshal is the JSON text of the key (§14.3.11 step 12: the JWK "represented as a UTF-16
// string conforming to the JSON grammar", then UTF-8 encoded), without spaces.
func (j *JWK) marshal() []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range j.Fields() {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(f.Name)
		value, _ := json.Marshal(f.Value)
		b.Write(name)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// check runs the import steps every algorithm shares (§14.3.9 and each algorithm's "If format
// is jwk" steps): the key type, the intended use, key_ops against the usages asked for, and ext.
func (j *JWK) check(kty string, usages []string, extractable bool, use string) error {
	if j.Kty != kty {
		return errorf(DataError, `Invalid JWK "kty" Parameter`)
	}
	if len(usages) > 0 && j.Use != "" && j.Use != use {
		return errorf(DataError, `Invalid JWK "use" Parameter`)
	}
	if j.KeyOps != nil {
		for i, op := range j.KeyOps {
			if slices.Contains(j.KeyOps[:i], op) {
				return errorf(DataError, "Duplicate key operation")
			}
		}
		for _, u := range usages {
			if !slices.Contains(j.KeyOps, u) {
				return errorf(DataError, "Key operations and usage mismatch")
			}
		}
	}
	if j.Ext != nil && !*j.Ext && extractable {
		return errorf(DataError, `JWK "ext" Parameter and extractable mismatch`)
	}
	return nil
}

// checkAlg is the "If the alg field of jwk is present and is not ..." step.
func (j *JWK) checkAlg(want ...string) error {
	if j.Alg != "" && !slices.Contains(want, j.Alg) {
		return errorf(DataError, `JWK "alg" does not match the requested algorithm`)
	}
	return nil
}

// b64 encodes a JWK member (RFC 7515 §2: base64url without padding).
func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// unb64 decodes a JWK member. Like Node.js it also takes the standard alphabet and padding.
func unb64(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	s = strings.NewReplacer("+", "-", "/", "_").Replace(s)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, invalidKeyData()
	}
	return b, nil
}

// unb64Int decodes a JWK member that holds an unsigned big-endian integer.
func unb64Int(s string) (*big.Int, error) {
	if s == "" {
		return nil, invalidKeyData()
	}
	b, err := unb64(s)
	if err != nil {
		return nil, err
	}
	return new(big.Int).SetBytes(b), nil
}
