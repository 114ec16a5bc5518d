package e2e

import (
	"fmt"
	"testing"
	"time"
)

// failures records what compareArrivals reports instead of failing the test.
type failures struct {
	testing.TB
	errs []string
}

func (f *failures) Helper()             {}
func (f *failures) Logf(string, ...any) {}
func (f *failures) Errorf(format string, args ...any) {
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}

// The stream check accepts pieces that left the server together under load, and still fails a buffered
// answer, a wrong text and a pause too short.
func TestCompareArrivals(t *testing.T) {
	next := []chunk{{0, "a"}, {100, "b"}, {200, "c"}, {300, "d"}}
	at := func(ms int, s string) arrival {
		return arrival{at: time.Duration(ms) * time.Millisecond, data: []byte(s)}
	}
	for _, c := range []struct {
		name string
		got  []arrival
		ok   bool
	}{
		{"as recorded", []arrival{at(0, "a"), at(101, "b"), at(200, "c"), at(301, "d")}, true},
		{"two left together", []arrival{at(0, "a"), at(203, "bc"), at(304, "d")}, true},
		{"buffered", []arrival{at(0, "abcd")}, false},
		{"wrong text", []arrival{at(0, "a"), at(100, "x"), at(200, "c"), at(300, "d")}, false},
		{"no pauses", []arrival{at(0, "a"), at(1, "b"), at(2, "c"), at(3, "d")}, false},
		{"a pause too short after a merge", []arrival{at(0, "a"), at(200, "bc"), at(210, "d")}, false},
		{"a piece missing", []arrival{at(0, "a"), at(100, "b"), at(200, "c")}, false},
		{"split", []arrival{at(0, "a"), at(100, "b"), at(200, "c"), at(300, "d"), at(301, "")}, false},
	} {
		f := &failures{TB: t}
		compareArrivals(f, next, c.got, false)
		if ok := len(f.errs) == 0; ok != c.ok {
			t.Errorf("%s: passed %v, want %v %v", c.name, ok, c.ok, f.errs)
		}
	}
}
