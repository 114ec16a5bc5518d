package zlib

import (
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

// readAll reads r to its end, stopping with errTooLarge past max bytes (0: no limit).
func readAll(r io.Reader, max int) ([]byte, error) {
	var out bytes.Buffer
	buf := make([]byte, 32*1024)
	for {
		n, err := r.Read(buf)
		out.Write(buf[:n])
		if max > 0 && out.Len() > max {
			return nil, errTooLarge
		}
		if err == io.EOF {
			return out.Bytes(), nil
		}
		if err != nil {
			return out.Bytes(), err
		}
	}
}

// decompress is the one-shot decompression. Gzip reads every member that follows (as zlib's
// gunzip does) and ignores trailing bytes that are not another member; with a sync finishFlush,
// truncated input yields what it holds.
func decompress(mode string, in []byte, o *options) ([]byte, error) {
	if mode == modeUnzip {
		mode = modeInflate
		if len(in) >= 2 && in[0] == 0x1f && in[1] == 0x8b {
			mode = modeGunzip
		}
	}
	partial := func(out []byte, err error) ([]byte, error) {
		if err == errTooLarge {
			return nil, err
		}
		err = mapReadErr(err)
		if err == errEOF && o.syncFlush {
			return out, nil
		}
		return out, err
	}
	switch mode {
	case modeInflate:
		if len(in) >= 1 && in[0]&0x0f != 8 {
			return nil, errHeader
		}
		if len(in) < 2 {
			if o.syncFlush {
				return []byte{}, nil
			}
			return nil, errEOF
		}
		if (uint16(in[0])<<8|uint16(in[1]))%31 != 0 || in[0]&0x0f != 8 {
			return nil, errHeader
		}
		if in[1]&0x20 != 0 && o.dictionary == nil {
			return nil, errNeedDict
		}
		var r io.ReadCloser
		var err error
		if o.dictionary != nil {
			r, err = zlib.NewReaderDict(bytes.NewReader(in), o.dictionary)
		} else {
			r, err = zlib.NewReader(bytes.NewReader(in))
		}
		if err != nil {
			return partial(nil, err)
		}
		return partial(readAll(r, o.maxOutput))
	case modeRawInf:
		var r io.ReadCloser
		if o.dictionary != nil {
			r = flate.NewReaderDict(bytes.NewReader(in), o.dictionary)
		} else {
			r = flate.NewReader(bytes.NewReader(in))
		}
		return partial(readAll(r, o.maxOutput))
	case modeGunzip:
		// Member after member, as zlib's gunzip reads them; after a member, a zero byte ends the
		// data (the rest is ignored), anything else must be another member.
		src := bytes.NewReader(in)
		var all []byte
		for {
			rest := in[len(in)-src.Len():]
			// zlib checks the two magic bytes together, then the method byte.
			if len(rest) >= 2 && (rest[0] != 0x1f || rest[1] != 0x8b) {
				return all, errHeader
			}
			if len(rest) >= 10 && rest[2] != 8 { // zlib reads the whole 10-byte header first
				return all, &zerr{"unknown compression method", "Z_DATA_ERROR", -3}
			}
			zr, err := gzip.NewReader(src)
			if err != nil {
				return partial(all, err)
			}
			zr.Multistream(false)
			out, err := readAll(zr, maxLeft(o.maxOutput, len(all)))
			all = append(all, out...)
			if err != nil {
				return partial(all, err)
			}
			if src.Len() == 0 || in[len(in)-src.Len()] == 0 {
				return all, nil
			}
		}
	case modeBrotliD:
		// The brotli Reader reports a stream that stops early as a clean end. One sentinel byte
		// after the input tells them apart: a finished stream refuses it as excess input; a
		// truncated one fails on it or runs out (zlib's "unexpected end of file" either way).
		src := io.MultiReader(bytes.NewReader(in), bytes.NewReader([]byte{0xFF}))
		out, err := readAll(brotli.NewReader(src), o.maxOutput)
		switch {
		case err == errTooLarge:
			return nil, err
		case err != nil && err.Error() == "brotli: excessive input":
			return out, nil
		case o.syncFlush:
			return out, nil
		}
		return out, errEOF
	}
	return nil, errors.New("zlib: not a decompression mode")
}

func maxLeft(max, used int) int {
	if max == 0 {
		return 0
	}
	if used >= max {
		return 1 // any further byte is too many
	}
	return max - used
}
