package file_test

import (
	"encoding/base64"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// multipartScript builds a FormData; Node.js serializes it with new Response(fd), we with Multipart.
const multipartScript = `
const f = new FormData();
f.append('a\r\nb"c', 'v\nw\rx\r\ny');
f.append('file', new Blob(['hello'], { type: 'text/x' }), 'my "fi\nle".txt');
f.append('file2', new Blob([new Uint8Array([0, 255])]));
f.append('e', new File([], ''));
f.append('é', 'ü');
`

const wantMultipart = "--BOUNDARY\r\nContent-Disposition: form-data; name=\"a%0D%0Ab%22c\"\r\n\r\nv\r\nw\r\nx\r\ny\r\n" +
	"--BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"my %22fi%0Ale%22.txt\"\r\nContent-Type: text/x\r\n\r\nhello\r\n" +
	"--BOUNDARY\r\nContent-Disposition: form-data; name=\"file2\"; filename=\"blob\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\xff\r\n" +
	"--BOUNDARY\r\nContent-Disposition: form-data; name=\"e\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n" +
	"--BOUNDARY\r\nContent-Disposition: form-data; name=\"é\"\r\n\r\nü\r\n" +
	"--BOUNDARY--\r\n"

var boundaryRE = regexp.MustCompile(`----formdata-undici-0\d{11}`)

func TestMultipart(t *testing.T) {
	var r *webapi.Realm
	env := webapitest.New(t, webapitest.Options{}, install, func(realm *webapi.Realm) { r = realm })
	fd, ok := file.FormDataOf(r, env.Run(multipartScript+"return f"))
	if !ok {
		t.Fatal("FormDataOf")
	}
	body, ct := fd.Multipart()
	if !boundaryRE.MatchString(ct) || !strings.HasPrefix(ct, "multipart/form-data; boundary=") {
		t.Errorf("content type %q", ct)
	}
	boundary := strings.TrimPrefix(ct, "multipart/form-data; boundary=")
	if got := strings.ReplaceAll(string(body), boundary, "BOUNDARY"); got != wantMultipart {
		t.Errorf("body\n got %q\nwant %q", got, wantMultipart)
	}
	if _, ct2 := fd.Multipart(); ct2 == ct {
		t.Error("the boundary should be random")
	}

	// The body parses back into the same entries (names and values with CR LF normalized).
	entries, err := file.ParseMultipart(body, ct)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e.File != nil {
			got = append(got, e.Name+"=file:"+e.File.Name()+":"+e.File.Type()+":"+string(e.File.Bytes()))
		} else {
			got = append(got, e.Name+"="+e.Value)
		}
	}
	want := []string{"a\r\nb\"c=v\r\nw\r\nx\r\ny", "file=file:my \"fi\nle\".txt:text/x:hello", "file2=file:blob:application/octet-stream:\x00\xff", "e=", "é=ü"} // a nameless file loses its filename, so it comes back a string
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("round trip\n got %q\nwant %q", got, want)
	}

	if os.Getenv("JSROUTE_NODE") == "1" {
		out, err := exec.Command("node", "-e", multipartScript+`
			const r = new Response(f);
			r.arrayBuffer().then(b => process.stdout.write(r.headers.get('content-type') + '\n' + Buffer.from(b).toString('base64')));`).Output()
		if err != nil {
			t.Fatal(err)
		}
		ct, b64, _ := strings.Cut(string(out), "\n")
		if !boundaryRE.MatchString(ct) {
			t.Errorf("node content type %q", ct)
		}
		body, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			t.Fatal(err)
		}
		if nodeBody := boundaryRE.ReplaceAllString(string(body), "BOUNDARY"); nodeBody != wantMultipart {
			t.Errorf("node body %q", nodeBody)
		}
	}
}

func TestParseMultipart(t *testing.T) {
	const ct = "multipart/form-data; boundary=XX"
	tests := []struct {
		name, body, contentType string
		want                    string // entries as name=value, files as name=File(name,type,body); "error" on failure
	}{
		{"strings and files", "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv1\r\n--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"dir/x.txt\"\r\nContent-Type: text/plain\r\n\r\nfile body\r\n--XX\r\nContent-Disposition: form-data; name=\"g\"; filename=\"noct\"\r\n\r\nzz\r\n--XX--\r\n", ct,
			"a=v1|f=File(dir/x.txt,text/plain,file body)|g=File(noct,text/plain,zz)"},
		{"no final CRLF", "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XX--", ct, "a=v"},
		{"leading and trailing CRLFs are ignored", "\r\n\r\n--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XX--\r\n\r\n", ct, "a=v"},
		{"no entries", "--XX--\r\n", ct, ""},
		{"empty body", "", ct, "error"},
		{"no closing boundary", "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv1\r\n--XX", ct, "error"},
		{"garbage", "garbage", ct, "error"},
		{"preamble", "preamble\r\n--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XX--", ct, "error"},
		{"epilogue", "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XX--\r\nepilogue", ct, "error"},
		{"no boundary parameter", "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XX--", "multipart/form-data", "error"},
		{"quoted boundary parameter", "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XX--", `multipart/form-data; boundary="XX"`, "a=v"},
		{"no name", "--XX\r\nContent-Disposition: form-data; filename=\"x\"\r\n\r\nv1\r\n--XX--", ct, "error"},
		{"no Content-Disposition", "--XX\r\nContent-Type: text/plain\r\n\r\nv1\r\n--XX--", ct, "error"},
		{"not form-data", "--XX\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--XX--", ct, "error"},
		{"unquoted name", "--XX\r\ncontent-disposition: form-data; name=a\r\n\r\nv\r\n--XX--", ct, "error"},
		{"header names are case-insensitive", "--XX\r\ncontent-disposition: form-data; name=\"a\"\r\nCONTENT-TYPE: x/y\r\n\r\nv\r\n--XX--", ct, "a=v"},
		{"unknown headers are skipped", "--XX\r\nX-Foo: bar\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XX--", ct, "a=v"},
		{"a bad header name fails", "--XX\r\nX Foo: bar\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XX--", ct, "error"},
		{"percent-escapes in names", "--XX\r\nContent-Disposition: form-data; name=\"a%22b%0Ac\"; filename=\"a%22b\\\\c\"\r\n\r\nv1\r\n--XX--", ct, "a\"b\nc=File(a\"b\\\\c,text/plain,v1)"},
		{"empty filename is still a file", "--XX\r\nContent-Disposition: form-data; name=\"a\"; filename=\"\"\r\n\r\nv1\r\n--XX--", ct, "a=File(,text/plain,v1)"},
		{"base64 transfer encoding", "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: base64\r\n\r\naGk=\r\n--XX--", ct, "a=hi"},
		{"line breaks in values are kept", "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nline1\nline2\r\n--XX--", ct, "a=line1\nline2"},
		{"file types are normalized", "--XX\r\nContent-Disposition: form-data; name=\"a\"; filename=\"f\"\r\nContent-Type: TEXT/Plain; Charset=X  \r\n\r\nv\r\n--XX--", ct, "a=File(f,text/plain; charset=x,v)"},
		{"invalid UTF-8 in values is replaced", "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n--XX--", ct, "a=\ufffd"},
		{"the body may contain the boundary text", "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nXX--XX\r\n--XX--", ct, "a=XX--XX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := file.ParseMultipart([]byte(tt.body), tt.contentType)
			got := "error"
			if err == nil {
				var parts []string
				for _, e := range entries {
					if e.File != nil {
						parts = append(parts, e.Name+"=File("+e.File.Name()+","+e.File.Type()+","+string(e.File.Bytes())+")")
					} else {
						parts = append(parts, e.Name+"="+e.Value)
					}
				}
				got = strings.Join(parts, "|")
			} else if !errors.Is(err, file.ErrMultipart) {
				t.Errorf("error %v does not wrap ErrMultipart", err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q (err %v)", got, tt.want, err)
			}
		})
	}
}

// The Go-facing API, as fetch uses it.
func TestGoAPI(t *testing.T) {
	var r *webapi.Realm
	env := webapitest.New(t, webapitest.Options{}, install, func(realm *webapi.Realm) { r = realm })
	when := time.UnixMilli(1700000000000)
	fd := file.NewFormData(r, []file.Entry{
		{Name: "s", Value: "v"},
		{Name: "f", File: file.NewFileState([]byte("data"), "a.txt", "text/plain", when)},
	})
	b := file.NewBlob(r, []byte("blob"), "x/y")
	f := file.NewFile(r, []byte("file"), "n", "", when)
	r.VM.Set("fd", fd)
	r.VM.Set("b", b)
	r.VM.Set("f", f)
	got := env.Run(`return [fd.get('s'), fd.get('f').name, fd.get('f').lastModified, await fd.get('f').text(), fd.get('f') === fd.get('f'), b.type, await b.text(), f.name, f.lastModified, f instanceof File].join()`).String()
	if want := "v,a.txt,1700000000000,data,true,x/y,blob,n,1700000000000,true"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}

	blob, ok := file.BlobOf(r, b)
	if !ok || string(blob.Bytes()) != "blob" || blob.Type() != "x/y" || blob.Size() != 4 {
		t.Errorf("BlobOf(blob) = %v, %v", blob, ok)
	}
	if blob, ok := file.BlobOf(r, f); !ok || string(blob.Bytes()) != "file" {
		t.Errorf("BlobOf(file) = %v, %v", blob, ok)
	}
	if fl, ok := file.FileOf(r, f); !ok || fl.Name() != "n" || fl.LastModified() != when.UnixMilli() {
		t.Errorf("FileOf = %v, %v", fl, ok)
	}
	if _, ok := file.FileOf(r, b); ok {
		t.Error("a Blob is not a File")
	}
	if _, ok := file.BlobOf(r, goja.Undefined()); ok {
		t.Error("undefined is not a Blob")
	}

	state, ok := file.FormDataOf(r, env.Run(`const x = new FormData(); x.append('k', new Blob(['z'])); return x`))
	if !ok || len(state.Entries()) != 1 || state.Entries()[0].File.Name() != "blob" {
		t.Fatalf("FormDataOf = %v, %v", state, ok)
	}
	if file.NormalizeType("Text/HTML") != "text/html" || file.NormalizeType("a\x7f") != "" {
		t.Error("NormalizeType")
	}
}
