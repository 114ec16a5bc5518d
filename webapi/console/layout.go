package console

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// reduceToSingleString puts the entries on one line when they fit (and the object does not
// nest "compact" levels deep), else one per line; arrays of more than six entries are first
// grouped into aligned columns.
func (c *inspector) reduceToSingleString(output []string, base string, braces [2]string, extrasType, recurseTimes int, value *goja.Object) string {
	if c.compactTrue {
		return c.lineUp(output, base, braces)
	}
	entries := len(output)
	if extrasType == kArrayExtrasType && entries > 6 && c.compact >= 1 {
		output = c.groupArrayElements(output, value)
	}
	if c.currentDepth-recurseTimes < c.compact && entries == len(output) {
		start := len(output) + c.indentationLvl + utf16Len(braces[0]) + utf16Len(base) + 10
		if c.isBelowBreakLength(output, start, base) {
			joined := strings.Join(output, ", ")
			if !strings.Contains(joined, "\n") {
				if base != "" {
					base += " "
				}
				return base + braces[0] + " " + joined + " " + braces[1]
			}
		}
	}
	indentation := "\n" + strings.Repeat(" ", c.indentationLvl)
	if base != "" {
		base += " "
	}
	return base + braces[0] + indentation + "  " + strings.Join(output, ","+indentation+"  ") + indentation + braces[1]
}

// lineUp is reduceToSingleString under compact: true: all on one line when it fits, else each
// entry on its own line, the first beside the opening brace.
func (c *inspector) lineUp(output []string, base string, braces [2]string) string {
	if c.isBelowBreakLength(output, 0, base) {
		if base != "" {
			base = " " + base
		}
		return braces[0] + base + " " + strings.Join(output, ", ") + " " + braces[1]
	}
	indentation := strings.Repeat(" ", c.indentationLvl)
	ln := " "
	if base != "" || utf16Len(braces[0]) != 1 {
		if base != "" {
			base = " " + base
		}
		ln = base + "\n" + indentation + "  "
	}
	return braces[0] + ln + strings.Join(output, ",\n"+indentation+"  ") + " " + braces[1]
}

func (c *inspector) isBelowBreakLength(output []string, start int, base string) bool {
	total := len(output) + start
	if total+len(output) > c.breakLength {
		return false
	}
	for _, s := range output {
		total += width(s)
		if total > c.breakLength {
			return false
		}
	}
	return base == "" || !strings.Contains(base, "\n")
}

// groupArrayElements lays out many short array entries in columns: numbers right-aligned,
// anything else left-aligned.
func (c *inspector) groupArrayElements(output []string, value *goja.Object) []string {
	totalLength, maxLength := 0, 0
	outputLength := len(output)
	if value != nil && int64(c.maxArrayLength) < value.Get("length").ToInteger() {
		outputLength-- // the "... more items" entry is not laid out
	}
	const separatorSpace = 2
	dataLen := make([]int, outputLength)
	for i := 0; i < outputLength; i++ {
		l := width(output[i])
		dataLen[i] = l
		totalLength += l + separatorSpace
		maxLength = max(maxLength, l)
	}
	actualMax := maxLength + separatorSpace
	if actualMax*3+c.indentationLvl >= c.breakLength || !(float64(totalLength)/float64(actualMax) > 5 || maxLength <= 6) {
		return output
	}
	averageBias := math.Sqrt(float64(actualMax) - float64(totalLength)/float64(len(output)))
	biasedMax := math.Max(float64(actualMax)-3-averageBias, 1)
	columns := min(
		int(math.Round(math.Sqrt(2.5*biasedMax*float64(outputLength))/biasedMax)),
		(c.breakLength-c.indentationLvl)/actualMax,
		c.compact*4,
		15,
	)
	if columns <= 1 {
		return output
	}
	maxLineLength := make([]int, columns)
	for i := 0; i < columns; i++ {
		lineLength := 0
		for j := i; j < outputLength; j += columns {
			lineLength = max(lineLength, dataLen[j])
		}
		maxLineLength[i] = lineLength + separatorSpace
	}
	// Numbers (and bigints) are right-aligned, anything else left-aligned.
	padStart := value != nil
	for i := 0; padStart && i < len(output); i++ {
		padStart = isNumeric(value.Get(strconv.Itoa(i)))
	}
	var tmp []string
	for i := 0; i < outputLength; i += columns {
		maxI := min(i+columns, outputLength)
		var b strings.Builder
		j := i
		for ; j < maxI-1; j++ {
			cell := output[j] + ", "
			b.WriteString(pad(cell, maxLineLength[j-i], padStart))
		}
		if padStart {
			b.WriteString(pad(output[j], maxLineLength[j-i]-separatorSpace, true))
		} else {
			b.WriteString(output[j])
		}
		tmp = append(tmp, b.String())
	}
	if outputLength < len(output) {
		tmp = append(tmp, output[outputLength])
	}
	return tmp
}

func isNumeric(v goja.Value) bool {
	if v == nil {
		return false
	}
	if _, isObj := v.(*goja.Object); isObj {
		return false
	}
	switch v.Export().(type) {
	case int64, float64:
		return true
	}
	return v.ExportType() == bigIntType
}

func pad(s string, n int, start bool) string {
	w := width(s)
	if w >= n {
		return s
	}
	if start {
		return strings.Repeat(" ", n-w) + s
	}
	return s + strings.Repeat(" ", n-w)
}
