package zlib

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"

	"github.com/andybalholm/brotli"
)

// The formats (Node's zlib modes).
const (
	modeDeflate = "deflate"
	modeInflate = "inflate"
	modeGzip    = "gzip"
	modeGunzip  = "gunzip"
	modeRaw     = "deflateRaw"
	modeRawInf  = "inflateRaw"
	modeUnzip   = "unzip"
	modeBrotliC = "brotliCompress"
	modeBrotliD = "brotliDecompress"
)

func isCompress(mode string) bool {
	return mode == modeDeflate || mode == modeGzip || mode == modeRaw || mode == modeBrotliC
}

// options are the options that reach Go, checked by zlib.js.
type options struct {
	level      int // -1..9
	strategy   int // Z_HUFFMAN_ONLY (2) is the one Go's flate can honour
	dictionary []byte
	syncFlush  bool // finishFlush Z_SYNC_FLUSH or weaker: truncated input is not an error
	maxOutput  int
	quality    int // brotli
	lgwin      int // brotli
	hasQuality bool
	hasLGWin   bool
}

// zerr is a zlib failure as Node reports it: message, code and errno.
type zerr struct {
	msg, code string
	errno     int
}

func (e *zerr) Error() string { return e.msg }

var (
	errHeader     = &zerr{"incorrect header check", "Z_DATA_ERROR", -3}
	errDataCheck  = &zerr{"incorrect data check", "Z_DATA_ERROR", -3}
	errEOF        = &zerr{"unexpected end of file", "Z_BUF_ERROR", -5}
	errNeedDict   = &zerr{"Missing dictionary", "Z_NEED_DICT", 2}
	errBadDict    = &zerr{"Bad dictionary", "Z_NEED_DICT", 2}
	errTooLarge   = errors.New("too large")
	errInvalidBlk = &zerr{"invalid block type", "Z_DATA_ERROR", -3}
)

// flateLevel maps zlib's level and strategy to compress/flate's.
func flateLevel(o *options) int {
	if o.strategy == 2 { // Z_HUFFMAN_ONLY
		return flate.HuffmanOnly
	}
	if o.level < -1 || o.level > 9 {
		return flate.DefaultCompression
	}
	return o.level
}

// newCompressor returns a writer compressing into out. Window sizes below 15 are not available in
// Go's compressor: the output always uses zlib's default 32 KiB window (any inflater reads it).
func newCompressor(mode string, out *bytes.Buffer, o *options) (io.WriteCloser, error) {
	switch mode {
	case modeDeflate:
		if o.dictionary != nil {
			return zlib.NewWriterLevelDict(out, flateLevel(o), o.dictionary)
		}
		return zlib.NewWriterLevel(out, flateLevel(o))
	case modeGzip:
		w, err := gzip.NewWriterLevel(out, flateLevel(o))
		if err != nil {
			return nil, err
		}
		w.OS = 3 // zlib writes "Unix" as Node's gzip does; Go's default is 255 (unknown)
		return w, nil
	case modeRaw:
		if o.dictionary != nil {
			return flate.NewWriterDict(out, flateLevel(o), o.dictionary)
		}
		return flate.NewWriter(out, flateLevel(o))
	case modeBrotliC:
		bo := brotli.WriterOptions{Quality: 11, LGWin: 22}
		if o.hasQuality {
			bo.Quality = o.quality
		}
		if o.hasLGWin {
			bo.LGWin = o.lgwin
		}
		return brotli.NewWriterOptions(out, bo), nil
	}
	return nil, errors.New("zlib: not a compression mode")
}

// compress is the one-shot compression of the Sync and callback forms.
func compress(mode string, in []byte, o *options) ([]byte, error) {
	var out bytes.Buffer
	w, err := newCompressor(mode, &out, o)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(in); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if o.maxOutput > 0 && out.Len() > o.maxOutput {
		return nil, errTooLarge
	}
	return out.Bytes(), nil
}

// mapReadErr turns a Go decompressor error into zlib's.
func mapReadErr(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errEOF
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, zlib.ErrHeader):
		return errHeader
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, zlib.ErrChecksum):
		return errDataCheck
	case errors.Is(err, zlib.ErrDictionary):
		return errBadDict
	case errors.As(err, &corrupt):
		return errInvalidBlk
	}
	if _, ok := err.(*zerr); ok {
		return err
	}
	return &zerr{err.Error(), "Z_DATA_ERROR", -3}
}

// limitWriter collects output, failing with errTooLarge past max bytes (0: no limit).
type limitWriter struct {
	buf bytes.Buffer
	max int
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.max > 0 && w.buf.Len()+len(p) > w.max {
		return 0, errTooLarge
	}
	return w.buf.Write(p)
}

// decompress is the one-shot decompression of the Sync and callback forms.
func decompress(mode string, in []byte, o *options) ([]byte, error) {
	w := &limitWriter{max: o.maxOutput}
	if err := decompressTo(bytes.NewReader(in), mode, w, o); err != nil {
		return nil, err
	}
	return w.buf.Bytes(), nil
}

// decompressTo decompresses src into dst as zlib does: gzip reads every member that follows
// and ignores what follows a member when it starts with a zero byte; with a sync finishFlush,
// input that stops early is not an error.
func decompressTo(src io.Reader, mode string, dst io.Writer, o *options) error {
	br := bufio.NewReader(src)
	finish := func(err error) error {
		if err == nil || err == errTooLarge {
			return err
		}
		err = mapReadErr(err)
		if err == errEOF && o.syncFlush {
			return nil
		}
		return err
	}
	if mode == modeUnzip {
		mode = modeInflate
		if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
			mode = modeGunzip
		}
	}
	switch mode {
	case modeInflate:
		head, _ := br.Peek(2)
		if len(head) >= 1 && head[0]&0x0f != 8 {
			return errHeader
		}
		if len(head) < 2 {
			return finish(errEOF)
		}
		if (uint16(head[0])<<8|uint16(head[1]))%31 != 0 {
			return errHeader
		}
		if head[1]&0x20 != 0 && o.dictionary == nil {
			return errNeedDict
		}
		var r io.ReadCloser
		var err error
		if o.dictionary != nil {
			r, err = zlib.NewReaderDict(br, o.dictionary)
		} else {
			r, err = zlib.NewReader(br)
		}
		if err != nil {
			return finish(err)
		}
		_, err = io.Copy(dst, r)
		return finish(err)
	case modeRawInf:
		var r io.ReadCloser
		if o.dictionary != nil {
			r = flate.NewReaderDict(br, o.dictionary)
		} else {
			r = flate.NewReader(br)
		}
		_, err := io.Copy(dst, r)
		return finish(err)
	case modeGunzip:
		for {
			// zlib checks the two magic bytes together, then (with the whole 10-byte header)
			// the method byte.
			head, _ := br.Peek(10)
			if len(head) >= 2 && (head[0] != 0x1f || head[1] != 0x8b) {
				return errHeader
			}
			if len(head) >= 10 && head[2] != 8 {
				return &zerr{"unknown compression method", "Z_DATA_ERROR", -3}
			}
			zr, err := gzip.NewReader(br)
			if err != nil {
				return finish(err)
			}
			zr.Multistream(false)
			if _, err := io.Copy(dst, zr); err != nil {
				return finish(err)
			}
			next, err := br.Peek(1)
			if err != nil || next[0] == 0 {
				io.Copy(io.Discard, br) // what follows a member and a zero byte is ignored
				return nil
			}
		}
	case modeBrotliD:
		// The brotli Reader reports a stream that stops early as a clean end. One sentinel byte
		// after the input tells them apart: a finished stream refuses it as excess input; a
		// truncated one fails on it or runs out (zlib's "unexpected end of file" either way).
		in := io.MultiReader(br, bytes.NewReader([]byte{0xFF}))
		_, err := io.Copy(dst, brotli.NewReader(in))
		switch {
		case err == errTooLarge:
			return err
		case err != nil && err.Error() == "brotli: excessive input":
			io.Copy(io.Discard, br)
			return nil
		case o.syncFlush:
			return nil
		}
		return errEOF
	}
	return errors.New("zlib: not a decompression mode")
}
