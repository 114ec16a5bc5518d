package encoding_test

import (
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// TestGoDecoders uses the decoders from Go, as fetch's body readers do.
func TestGoDecoders(t *testing.T) {
	utf8 := []struct{ in, want string }{
		{"\xEF\xBB\xBFabc", "abc"},
		{"a\xFFb", "a\uFFFDb"},
		{"\xE2\x82A", "\uFFFDA"},
		{"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},
		{"\xF0\x9F\x98", "\uFFFD"},
		{"\xC0\xAF", "\uFFFD\uFFFD"},
		{"ok \u20AC", "ok \u20AC"},
	}
	for _, tt := range utf8 {
		if got := encoding.DecodeUTF8([]byte(tt.in)); got != tt.want {
			t.Errorf("DecodeUTF8(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := encoding.DecodeUTF8NoBOM([]byte("\xEF\xBB\xBFx")); got != "\uFEFFx" {
		t.Errorf("DecodeUTF8NoBOM kept no BOM: %q", got)
	}

	// A streaming decoder never splits a code point, whatever the chunking.
	text := "h\u00E9llo \u20AC \U0001F600 \uFEFF end"
	for _, label := range []string{"utf-8", "utf-16le", "utf-16be", "gb18030"} {
		src := encodeFor(t, label, text)
		for size := 1; size <= 4; size++ {
			d, err := encoding.NewTextDecoder(label, true, false)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i := 0; i < len(src); i += size {
				s, err := d.Decode(src[i:min(i+size, len(src))], true)
				if err != nil {
					t.Fatalf("%s chunk %d: %v", label, size, err)
				}
				b.WriteString(s)
			}
			s, err := d.Decode(nil, false)
			if err != nil {
				t.Fatal(err)
			}
			if b.WriteString(s); b.String() != text {
				t.Errorf("%s in chunks of %d: %q", label, size, b.String())
			}
		}
	}

	d, _ := encoding.NewTextDecoder("utf-8", true, false)
	if _, err := d.Decode([]byte{0xFF}, false); err != encoding.ErrInvalidData {
		t.Errorf("fatal: %v", err)
	}
	if _, err := encoding.NewTextDecoder("replacement", false, false); err == nil {
		t.Error(`"replacement" is not a TextDecoder encoding`)
	}
	for label, want := range map[string]string{"UTF8": "utf-8", " latin1\n": "windows-1252", "csshiftjis": "shift_jis", "x-gbk": "gbk", "utf-16": "utf-16le"} {
		if got, ok := encoding.Lookup(label); !ok || got != want {
			t.Errorf("Lookup(%q) = %q, %v", label, got, ok)
		}
	}
	if _, ok := encoding.Lookup("\u212Aoi8-r"); ok {
		t.Error("Lookup folded a non-ASCII letter")
	}
}

// encodeFor encodes text in one of the test encodings: UTF-16 by hand, GB18030 as known bytes
// (checked with Node's TextDecoder).
func encodeFor(t *testing.T, label, text string) []byte {
	switch label {
	case "utf-8":
		return []byte(text)
	case "utf-16le", "utf-16be":
		var out []byte
		for _, r := range text {
			units := []rune{r}
			if r >= 0x10000 {
				r -= 0x10000
				units = []rune{0xD800 + r>>10, 0xDC00 + r&0x3FF}
			}
			for _, u := range units {
				if label == "utf-16le" {
					out = append(out, byte(u), byte(u>>8))
				} else {
					out = append(out, byte(u>>8), byte(u))
				}
			}
		}
		return out
	case "gb18030":
		// The text in GB18030: two-byte é and €, four-byte U+1F600 and U+FEFF.
		return []byte("h\xa8\xa6llo \xa2\xe3 \x949\xfc6 \x841\x953 end")
	}
	t.Fatalf("no encoder for %s", label)
	return nil
}

func TestGoEncodeAndBase64(t *testing.T) {
	vm := goja.New()
	s := vm.ToValue("a\u20AC\U0001F600").ToString().(goja.String)
	dst := make([]byte, 6)
	if read, written := encoding.EncodeInto(s, dst); read != 2 || written != 4 {
		t.Errorf("EncodeInto = %d, %d; want 2, 4 (the emoji does not fit)", read, written)
	}
	for in, want := range map[string]string{" aGk= ": "hi", "aGk": "hi", "": "", "YR==": "a"} {
		if got, err := encoding.ForgivingBase64Decode(in); err != nil || string(got) != want {
			t.Errorf("ForgivingBase64Decode(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"a", "aGk=a", "a=b=", "aG\u00A0k=", "aGk==="} {
		if _, err := encoding.ForgivingBase64Decode(in); err == nil {
			t.Errorf("ForgivingBase64Decode(%q) succeeded", in)
		}
	}
}

func BenchmarkTextEncoderEncode1KB(b *testing.B) {
	env := webapitest.New(b, webapitest.Options{}, encoding.Install)
	fn, err := env.VM.RunString(`(enc => function (s) { return enc.encode(s) })(new TextEncoder())`)
	if err != nil {
		b.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	text := env.VM.ToValue(strings.Repeat("héllo wörld, ", 80)[:1000])
	b.ReportAllocs()
	for b.Loop() {
		if _, err := call(goja.Undefined(), text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTextDecoderDecode1KB(b *testing.B) {
	env := webapitest.New(b, webapitest.Options{}, encoding.Install)
	fn, err := env.VM.RunString(`(function (d, u8) { return d.decode(u8) })`)
	if err != nil {
		b.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	dec := env.Run(`return new TextDecoder()`)
	u8 := env.Run(`return new TextEncoder().encode("héllo wörld, ".repeat(80).slice(0, 1000))`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := call(goja.Undefined(), dec, u8); err != nil {
			b.Fatal(err)
		}
	}
}
