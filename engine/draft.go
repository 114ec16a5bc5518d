package engine

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
)

// Draft mode (next/headers draftMode()). Next keeps one preview id per build in the
// __prerender_bypass cookie; jsroute keeps one per process.

const (
	prerenderBypass = "__prerender_bypass"
	previewData     = "__next_preview_data"
)

// draftID is the value draftMode().enable() puts in __prerender_bypass.
var draftID = func() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}()

// draftState reads the preview cookies of a request: draft is true when __prerender_bypass holds
// this process's id (and no preview-data cookie, which jsroute does not issue); stale is true when
// they are set but not valid here, which Next answers by clearing both (tryGetPreviewData:
// clearPreviewData).
func draftState(r *http.Request) (draft, stale bool) {
	if _, ok := r.Header["Cookie"]; !ok {
		return false, false
	}
	bypass, bypassErr := r.Cookie(prerenderBypass)
	_, dataErr := r.Cookie(previewData)
	switch {
	case bypassErr != nil && dataErr != nil:
		return false, false
	case bypassErr == nil && dataErr != nil && bypass.Value == draftID:
		return true, false
	}
	return false, true
}

// clearPreview adds the Set-Cookie lines with which Next clears stale preview cookies (npm
// `cookie` serialisation, as its clearPreviewData writes them).
func clearPreview(h http.Header, dev bool) {
	attrs := "; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=None"
	if dev {
		attrs = "; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax"
	}
	h["Set-Cookie"] = append(h["Set-Cookie"], prerenderBypass+"="+attrs, previewData+"="+attrs)
}
