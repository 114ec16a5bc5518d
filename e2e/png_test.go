package e2e

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"testing"
)

// PNG answers (next/og's ImageResponse, fixtures/og-app) compare by pixels, not bytes: Next rasterises
// Satori's SVG with sharp (libvips + librsvg), which `npm install next` brings along as an optional
// dependency, and jsroute with the resvg WebAssembly @vercel/og falls back to without sharp (byte for byte
// Next's answer without sharp: og_test.go). The layout and the glyph outlines are the same (Satori's
// output); only anti-aliasing differs. Measured on the og-app cases: at most 56/255 in a channel, 0.015 to
// 0.05 on average for 1200×630, 0.5 for the 32×32 icon.
const (
	// pngMeanLimit bounds the mean absolute difference per channel (0-255) over the image.
	pngMeanLimit = 1.0
	// pngFarLimit bounds the share of pixels with some channel more than pngFar apart.
	pngFarLimit = 0.005
	pngFar      = 64
)

// pngDiff is how far apart two images of one size are: the largest and the mean absolute difference per
// channel (non-premultiplied RGBA), and the share of pixels with a channel more than pngFar apart.
type pngDiff struct {
	Max  int
	Mean float64
	Far  float64
}

func decodePNG(b []byte) (*image.NRGBA, error) {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	n := image.NewNRGBA(img.Bounds())
	draw.Draw(n, n.Bounds(), img, img.Bounds().Min, draw.Src)
	return n, nil
}

func diffPNG(a, b *image.NRGBA) pngDiff {
	var d pngDiff
	var sum, far int
	for i := 0; i < len(a.Pix); i += 4 {
		isFar := false
		for k := 0; k < 4; k++ {
			x := int(a.Pix[i+k]) - int(b.Pix[i+k])
			if x < 0 {
				x = -x
			}
			sum += x
			d.Max = max(d.Max, x)
			isFar = isFar || x > pngFar
		}
		if isFar {
			far++
		}
	}
	if n := len(a.Pix); n > 0 {
		d.Mean = float64(sum) / float64(n)
		d.Far = float64(far) / float64(n/4)
	}
	return d
}

// comparePNG checks that got is a PNG of want's size whose pixels are within the limits above, and logs
// the difference measured.
func comparePNG(t *testing.T, got, want []byte) {
	t.Helper()
	w, err := decodePNG(want)
	if err != nil {
		t.Fatalf("recorded body is not a PNG: %v", err)
	}
	g, err := decodePNG(got)
	if err != nil {
		t.Errorf("body is not a PNG (%v): %s", err, clip(got))
		return
	}
	if g.Bounds() != w.Bounds() {
		t.Errorf("PNG is %v, Next sent %v", g.Bounds().Size(), w.Bounds().Size())
		return
	}
	d := diffPNG(g, w)
	t.Logf("PNG %v against Next's: max difference %d/255, mean %.4f, %.3f%% of pixels more than %d apart",
		g.Bounds().Size(), d.Max, d.Mean, 100*d.Far, pngFar)
	if d.Mean > pngMeanLimit || d.Far > pngFarLimit {
		t.Errorf("PNG differs from Next's too much: mean %.4f (limit %.1f), %.3f%% far pixels (limit %.1f%%)",
			d.Mean, pngMeanLimit, 100*d.Far, 100*pngFarLimit)
	}
}

// TestComparePNGCanFail: the comparison tells a different picture from the same one.
func TestComparePNGCanFail(t *testing.T) {
	white := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	draw.Draw(white, white.Bounds(), image.White, image.Point{}, draw.Src)
	text := image.NewNRGBA(white.Bounds())
	copy(text.Pix, white.Pix)
	draw.Draw(text, image.Rect(5, 5, 35, 15), image.Black, image.Point{}, draw.Src)
	if d := diffPNG(white, white); d.Max != 0 || d.Mean != 0 || d.Far != 0 {
		t.Errorf("same image: %+v", d)
	}
	if d := diffPNG(text, white); d.Mean <= pngMeanLimit || d.Far <= pngFarLimit {
		t.Errorf("a black box on white passes as white: %+v", d)
	}
}
