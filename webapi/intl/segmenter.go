package intl

import (
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// segmenter is an Intl.Segmenter (ECMA-402 §18). Boundaries follow UAX #29 in a reduced form:
// grapheme clusters with combining marks, ZWJ emoji sequences, flags, Hangul syllables and CR LF;
// words as letter/number runs (with the mid-word apostrophe, period and colon), space runs and
// single other characters; sentences ending after . ! ? and their closing spaces.
type segmenter struct {
	loc         *locale
	granularity string
}

type segment struct {
	text     string
	index    int // UTF-16 offset
	wordLike bool
}

func (e *env) newSegmenter(locales, options goja.Value) *segmenter {
	req := e.canonicalizeList(locales)
	op := e.options(options, "Segmenter")
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	return &segmenter{loc: resolveLocale(req), granularity: op.str("granularity", []string{"grapheme", "word", "sentence"}, "grapheme")}
}

func isExtend(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F) ||
		(r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}

func isPictographic(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) || (r >= 0x2B00 && r <= 0x2BFF) || r == 0x2764
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func hangulKind(r rune) byte {
	switch {
	case r >= 0x1100 && r <= 0x115F:
		return 'L'
	case r >= 0x1160 && r <= 0x11A7:
		return 'V'
	case r >= 0x11A8 && r <= 0x11FF:
		return 'T'
	case r >= 0xAC00 && r <= 0xD7A3:
		if (r-0xAC00)%28 == 0 {
			return 'v' // LV
		}
		return 't' // LVT
	}
	return 0
}

// graphemes splits s into extended grapheme clusters (UAX #29 §3.1.1, reduced).
func graphemes(s string) []string {
	var out []string
	start := 0
	var prev rune = -1
	ris := 0
	for i, r := range s {
		if prev < 0 {
			prev = r
			if isRegional(r) {
				ris = 1
			}
			continue
		}
		join := false
		switch {
		case prev == '\r' && r == '\n':
			join = true
		case prev == '\r' || prev == '\n' || r == '\r' || r == '\n':
		case isExtend(r):
			join = true
		case prev == 0x200D && isPictographic(r):
			join = true
		case isIndicLinker(prev) && isIndicConsonant(r):
			join = true // GB9c: a conjunct (क्ष) is one cluster
		case isRegional(prev) && isRegional(r) && ris%2 == 1:
			join = true
		default:
			hp, hr := hangulKind(prev), hangulKind(r)
			switch {
			case hp == 'L' && (hr == 'L' || hr == 'V' || hr == 'v' || hr == 't'):
				join = true
			case (hp == 'v' || hp == 'V') && (hr == 'V' || hr == 'T'):
				join = true
			case (hp == 't' || hp == 'T') && hr == 'T':
				join = true
			}
		}
		if isRegional(r) {
			ris++
		} else {
			ris = 0
		}
		if !join {
			out = append(out, s[start:i])
			start = i
		}
		prev = r
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func first(g string) rune { r, _ := utf8.DecodeRuneInString(g); return r }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || unicode.Is(unicode.Pc, r)
}

func isIdeo(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー'
}

func isHSpace(r rune) bool {
	return r == ' ' || r == '\t' || (unicode.IsSpace(r) && r != '\n' && r != '\r' && r != 0x85 && r != 0x2028 && r != 0x2029)
}

// words splits on word boundaries (UAX #29 §4.1, reduced; no dictionary for CJK: a run of one
// script is one word).
func words(s string) []segment {
	gs := graphemes(s)
	var out []segment
	i := 0
	for i < len(gs) {
		r := first(gs[i])
		j := i + 1
		wordLike := false
		switch {
		case isIdeo(r):
			kind := unicode.Is(unicode.Katakana, r) || r == 'ー'
			for j < len(gs) && isIdeo(first(gs[j])) && (unicode.Is(unicode.Katakana, first(gs[j])) || first(gs[j]) == 'ー') == kind && (kind || !unicode.Is(unicode.Hiragana, first(gs[j])) || unicode.Is(unicode.Hiragana, r)) {
				j++
			}
			wordLike = true
		case isWordRune(r):
			for j < len(gs) {
				c := first(gs[j])
				if isWordRune(c) && !isIdeo(c) {
					j++
					continue
				}
				// MidLetter / MidNum between two word characters.
				if (c == '\'' || c == '’' || c == '.' || c == ':' || c == ',' || c == '·') && j+1 < len(gs) {
					n := first(gs[j+1])
					p := first(gs[j-1])
					letters := unicode.IsLetter(p) && unicode.IsLetter(n) && c != ','
					digits := unicode.IsDigit(p) && unicode.IsDigit(n) && (c == '.' || c == ',' || c == '\'')
					if letters || digits {
						j += 2
						continue
					}
				}
				break
			}
			wordLike = true
		case isHSpace(r):
			for j < len(gs) && isHSpace(first(gs[j])) {
				j++
			}
		}
		text := ""
		for _, g := range gs[i:j] {
			text += g
		}
		out = append(out, segment{text: text, wordLike: wordLike})
		i = j
	}
	return out
}

// sentences splits on sentence boundaries (UAX #29 §5.1, reduced).
func sentences(s string) []segment {
	var out []segment
	rs := []rune(s)
	start := 0
	i := 0
	for i < len(rs) {
		r := rs[i]
		if r == '\n' || r == 0x2029 || r == 0x2028 {
			i++
			out = append(out, segment{text: string(rs[start:i])})
			start = i
			continue
		}
		if r == '.' || r == '!' || r == '?' || r == '。' || r == '！' || r == '？' {
			j := i + 1
			for j < len(rs) && (rs[j] == '.' || rs[j] == '!' || rs[j] == '?' || unicode.In(rs[j], unicode.Pe, unicode.Pf) || rs[j] == '"' || rs[j] == '\'') {
				j++
			}
			k := j
			for k < len(rs) && isHSpace(rs[k]) {
				k++
			}
			if k < len(rs) && (rs[k] == '\n' || rs[k] == '\r') {
				for k < len(rs) && (rs[k] == '\n' || rs[k] == '\r') {
					k++
				}
			}
			brk := k >= len(rs)
			if !brk {
				if r == '.' {
					// ATerm: no break before a lower-case word, nor inside "3.5" or "e.g".
					n := -1
					for m := k; m < len(rs); m++ {
						if unicode.IsLetter(rs[m]) {
							n = m
							break
						}
						if !unicode.IsPunct(rs[m]) && !isHSpace(rs[m]) {
							break
						}
					}
					brk = k > j && !(n >= 0 && unicode.IsLower(rs[n]))
				} else {
					brk = true
				}
			}
			if brk && k > i {
				out = append(out, segment{text: string(rs[start:k])})
				start = k
				i = k
				continue
			}
			i = j
			continue
		}
		i++
	}
	if start < len(rs) {
		out = append(out, segment{text: string(rs[start:])})
	}
	return out
}

func (sg *segmenter) segments(s string) []segment {
	var segs []segment
	switch sg.granularity {
	case "grapheme":
		for _, g := range graphemes(s) {
			segs = append(segs, segment{text: g})
		}
	case "word":
		segs = words(s)
	default:
		segs = sentences(s)
	}
	idx := 0
	for i := range segs {
		segs[i].index = idx
		for _, r := range segs[i].text {
			idx++
			if r >= 0x10000 {
				idx++
			}
		}
	}
	return segs
}

func (e *env) segmentData(sg *segmenter, seg segment, input goja.Value) *goja.Object {
	o := e.vm.NewObject()
	o.Set("segment", seg.text)
	o.Set("index", seg.index)
	o.Set("input", input)
	if sg.granularity == "word" {
		o.Set("isWordLike", seg.wordLike)
	}
	return o
}

// segmentsObject is %SegmentsPrototype% (ECMA-402 §18.5): containing() and the iterator.
func (e *env) segmentsObject(sg *segmenter, input goja.Value) goja.Value {
	vm := e.vm
	segs := sg.segments(input.String())
	o := vm.NewObject()
	o.Set("containing", e.fn("containing", 1, func(call goja.FunctionCall) goja.Value {
		n := 0.0
		if !goja.IsUndefined(call.Argument(0)) {
			n = call.Argument(0).ToFloat()
		}
		if n != n {
			n = 0
		}
		for _, s := range segs {
			end := s.index
			for _, r := range s.text {
				end++
				if r >= 0x10000 {
					end++
				}
			}
			if n >= float64(s.index) && n < float64(end) {
				return e.segmentData(sg, s, input)
			}
		}
		return goja.Undefined()
	}))
	o.SetSymbol(goja.SymIterator, e.fn("[Symbol.iterator]", 0, func(call goja.FunctionCall) goja.Value {
		i := 0
		it := vm.NewObject()
		it.Set("next", e.fn("next", 0, func(goja.FunctionCall) goja.Value {
			r := vm.NewObject()
			if i >= len(segs) {
				r.Set("done", true)
				r.Set("value", goja.Undefined())
				return r
			}
			r.Set("done", false)
			r.Set("value", e.segmentData(sg, segs[i], input))
			i++
			return r
		}))
		it.SetSymbol(goja.SymIterator, e.fn("[Symbol.iterator]", 0, func(goja.FunctionCall) goja.Value { return it }))
		return it
	}))
	return o
}

func (e *env) segmenterClass() class {
	self := func(s any) *segmenter { return s.(*segmenter) }
	return class{
		name:  "Segmenter",
		newFn: func(l, o goja.Value) any { return e.newSegmenter(l, o) },
		methods: []classMethod{
			{"segment", 1, func(s any, call goja.FunctionCall) goja.Value {
				in := call.Argument(0)
				if _, ok := in.Export().(string); !ok {
					in = e.vm.ToValue(in.String())
				}
				return e.segmentsObject(self(s), in)
			}},
			{"resolvedOptions", 0, func(s any, call goja.FunctionCall) goja.Value {
				sg := self(s)
				r := e.vm.NewObject()
				r.Set("locale", sg.loc.tag)
				r.Set("granularity", sg.granularity)
				return r
			}},
		},
	}
}

// isIndicLinker is a virama with Indic_Conjunct_Break=Linker (Devanagari, Bengali, Gujarati,
// Oriya, Telugu, Malayalam).
func isIndicLinker(r rune) bool {
	switch r {
	case 0x094D, 0x09CD, 0x0ACD, 0x0B4D, 0x0C4D, 0x0D4D:
		return true
	}
	return false
}

// isIndicConsonant is a letter of the scripts whose viramas link conjuncts.
func isIndicConsonant(r rune) bool {
	return unicode.IsLetter(r) && unicode.In(r, unicode.Devanagari, unicode.Bengali, unicode.Gujarati, unicode.Oriya, unicode.Telugu, unicode.Malayalam)
}
