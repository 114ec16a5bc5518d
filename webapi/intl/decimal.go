package intl

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// decimal is an exact decimal number: 0.digits × 10^exp, digits without leading or trailing zeros
// (none for zero). Formatting works on it so that rounding is decimal, as ICU's is: 1.005 rounded
// to two places is 1.01 (the shortest round-trip digits of the double, then half-expand).
type decimal struct {
	neg      bool
	nan, inf bool
	digits   []byte
	exp      int
}

func decimalFromFloat(x float64) decimal {
	d := decimal{neg: math.Signbit(x)}
	switch {
	case math.IsNaN(x):
		return decimal{nan: true}
	case math.IsInf(x, 0):
		d.inf = true
		return d
	case x == 0:
		return d
	}
	s := strconv.FormatFloat(math.Abs(x), 'e', -1, 64) // d.ddde±XX
	mant, ex, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(ex)
	d.digits = []byte(strings.Replace(mant, ".", "", 1))
	d.exp = e + 1
	d.trim()
	return d
}

func decimalFromBig(b *big.Int) decimal {
	s := b.String()
	d := decimal{}
	if strings.HasPrefix(s, "-") {
		d.neg, s = true, s[1:]
	}
	if s == "0" {
		return d
	}
	d.digits = []byte(s)
	d.exp = len(s)
	d.trim()
	return d
}

func (d *decimal) trim() {
	i := len(d.digits)
	for i > 0 && d.digits[i-1] == '0' {
		i--
	}
	d.digits = d.digits[:i]
	j := 0
	for j < len(d.digits) && d.digits[j] == '0' {
		j++
	}
	d.digits = d.digits[j:]
	d.exp -= j
	if len(d.digits) == 0 {
		d.exp = 0
	}
}

func (d decimal) isZero() bool { return !d.nan && !d.inf && len(d.digits) == 0 }

// magnitude is the power of ten of the leading digit (floor(log10|x|)); 0 for zero.
func (d decimal) magnitude() int {
	if d.isZero() {
		return 0
	}
	return d.exp - 1
}

// shift multiplies by 10^n.
func (d decimal) shift(n int) decimal {
	if !d.isZero() {
		d.exp += n
	}
	return d
}

// round rounds to a multiple of 10^m, half-expand (away from zero on a tie).
func (d decimal) round(m int) decimal { return d.roundMode(m, "halfExpand") }

// roundMode rounds to a multiple of 10^m with an ECMA-402 rounding mode (§15.5.x, Table
// "Rounding modes in Intl.NumberFormat"): ceil, floor, expand, trunc and their half- variants.
func (d decimal) roundMode(m int, mode string) decimal {
	if d.nan || d.inf || d.isZero() {
		return d
	}
	keep := d.exp - m // digits kept
	if keep >= len(d.digits) {
		return d
	}
	// The first discarded digit, and whether anything non-zero follows it.
	first, rest := byte('0'), true
	if keep >= 0 {
		first, rest = d.digits[keep], len(d.digits) > keep+1
	}
	lastOdd := keep > 0 && (d.digits[keep-1]-'0')%2 == 1
	above := first > '5' || (first == '5' && rest)
	half := first == '5' && !rest
	var up bool
	switch mode {
	case "ceil":
		up = !d.neg
	case "floor":
		up = d.neg
	case "expand":
		up = true
	case "trunc":
		up = false
	case "halfCeil":
		up = above || (half && !d.neg)
	case "halfFloor":
		up = above || (half && d.neg)
	case "halfTrunc":
		up = above
	case "halfEven":
		up = above || (half && lastOdd)
	default: // halfExpand
		up = above || half
	}
	if keep <= 0 {
		if up {
			d.digits, d.exp = []byte{'1'}, m+1
		} else {
			d.digits, d.exp = nil, 0
		}
		return d
	}
	ds := append([]byte(nil), d.digits[:keep]...)
	if up {
		i := len(ds) - 1
		for i >= 0 && ds[i] == '9' {
			ds[i] = '0'
			i--
		}
		if i < 0 {
			ds = append([]byte{'1'}, ds...)
			d.exp++
		} else {
			ds[i]++
		}
	}
	d.digits = ds
	d.trim()
	return d
}

// roundIncrement rounds to a multiple of inc × 10^m (roundingIncrement, NFv3): divide by inc
// (exact, as inc divides 10^4), round to 10^m, multiply back.
func (d decimal) roundIncrement(m, inc int, mode string) decimal {
	if inc <= 1 || d.nan || d.inf || d.isZero() {
		return d.roundMode(m, mode)
	}
	mant, ok := new(big.Int).SetString(string(d.digits), 10)
	if !ok {
		return d.roundMode(m, mode)
	}
	mant.Mul(mant, big.NewInt(int64(10000/inc)))
	q := decimalFromBig(mant)
	q.exp += d.exp - len(d.digits) - 4
	q.neg = d.neg
	q = q.roundMode(m, mode)
	if q.isZero() {
		return q
	}
	r, _ := new(big.Int).SetString(string(q.digits), 10)
	r.Mul(r, big.NewInt(int64(inc)))
	out := decimalFromBig(r)
	out.exp += q.exp - len(q.digits)
	out.neg = d.neg
	return out
}

// intFrac splits into integer and fraction digit strings (integer "0" for |x| < 1).
func (d decimal) intFrac() (string, string) {
	if d.isZero() {
		return "0", ""
	}
	var in, fr string
	switch {
	case d.exp <= 0:
		in = "0"
		fr = strings.Repeat("0", -d.exp) + string(d.digits)
	case d.exp >= len(d.digits):
		in = string(d.digits) + strings.Repeat("0", d.exp-len(d.digits))
	default:
		in, fr = string(d.digits[:d.exp]), string(d.digits[d.exp:])
	}
	return in, fr
}

// pluralOperands are the CLDR plural operands (UTS #35 Part 3 §5.1) of a formatted number.
type pluralOperands struct {
	n    float64
	i    int64
	v, w int
	f, t int64
	e    int
}

func operands(in, fr string, e int) pluralOperands {
	var p pluralOperands
	p.i, _ = strconv.ParseInt(lastDigits(in, 18), 10, 64)
	p.v = len(fr)
	if fr != "" {
		p.f, _ = strconv.ParseInt(lastDigits(fr, 18), 10, 64)
	}
	ft := strings.TrimRight(fr, "0")
	p.w = len(ft)
	if ft != "" {
		p.t, _ = strconv.ParseInt(lastDigits(ft, 18), 10, 64)
	}
	p.n, _ = strconv.ParseFloat(in+"."+fr+"0", 64)
	p.e = e
	return p
}

func lastDigits(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

var decimalLiteral = regexp.MustCompile(`^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$`)

// decimalFromString is ToIntlMathematicalValue for a String (ECMA-402 §15.5.16): a decimal
// literal keeps all its digits ("12345678901234567890.123456" is exact); anything else is what
// ToNumber makes of it (ok=false: let the caller convert).
func decimalFromString(s string) (decimal, bool) {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == 0xFEFF })
	m := decimalLiteral.FindStringSubmatch(s)
	if m == nil || m[2]+m[3] == "" {
		return decimal{}, false
	}
	d := decimal{neg: m[1] == "-"}
	e := 0
	if m[4] != "" {
		var err error
		if e, err = strconv.Atoi(m[4]); err != nil || e > 100000 || e < -100000 {
			return decimal{}, false
		}
	}
	d.digits = []byte(m[2] + m[3])
	d.exp = len(m[2]) + e
	d.trim()
	return d, true
}
