package console

import (
	"log/slog"
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// table logs tabular data as Node.js draws it: an "(index)" column, one column per property
// (or the listed properties), a "Values" column for primitive rows; Maps and Sets get
// "(iteration index)", "Key" and "Values" columns. Cells are inspected shallowly and
// left-aligned (Node.js 20.20; older releases centered them).
// Anything that is not an object is logged as console.log would.
func (c *console) table(args []goja.Value) {
	if len(args) == 0 {
		c.print(slog.LevelInfo, "")
		return
	}
	data, ok := args[0].(*goja.Object)
	if !ok {
		c.print(slog.LevelInfo, Format(c.r, args[:1]))
		return
	}
	var properties []string
	hasProperties := false
	if len(args) > 1 {
		if p, ok := args[1].(*goja.Object); ok && p.ClassName() == "Array" {
			hasProperties = true
			for _, k := range p.Keys() {
				properties = append(properties, p.Get(k).String())
			}
		}
	}
	in := intrinsicsOf(c.r)
	cell := func(v goja.Value) string {
		opts := defaultOptions
		opts.depth, opts.maxArrayLength, opts.breakLength = 0, 3, math.MaxInt
		if o, ok := v.(*goja.Object); ok && o.ClassName() != "Array" && len(o.Keys()) > 2 {
			opts.depth = -1
		}
		return newInspector(c.r, opts).value(v, 0, false)
	}
	index := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = strconv.Itoa(i)
		}
		return out
	}
	switch k := in.kindOf(c.r.VM, data); k {
	case kindMap, kindSet:
		var keys, values []string
		forEach := in.setForEach
		if k == kindMap {
			forEach = in.mapForEach
		}
		callIntrinsicOn(forEach, data, c.r.VM.ToValue(func(call goja.FunctionCall) goja.Value {
			keys = append(keys, cell(call.Argument(1)))
			values = append(values, cell(call.Argument(0)))
			return goja.Undefined()
		}))
		if k == kindMap {
			c.print(slog.LevelInfo, renderTable([]string{"(iteration index)", "Key", "Values"}, [][]string{index(len(keys)), keys, values}))
		} else {
			c.print(slog.LevelInfo, renderTable([]string{"(iteration index)", "Values"}, [][]string{index(len(values)), values}))
		}
		return
	}
	rowKeys := data.Keys()
	var columns []string
	cells := map[string][]string{}
	var primitives []string
	hasPrimitives := false
	for i, rk := range rowKeys {
		item := data.Get(rk)
		obj, isObj := item.(*goja.Object)
		if !hasProperties && !isObj {
			hasPrimitives = true
			for len(primitives) < i {
				primitives = append(primitives, "")
			}
			primitives = append(primitives, cell(item))
			continue
		}
		keys := properties
		if !hasProperties {
			keys = obj.Keys()
		}
		for _, key := range keys {
			col, seen := cells[key]
			if !seen {
				columns = append(columns, key)
			}
			for len(col) < i {
				col = append(col, "")
			}
			if !isObj || !hasOwn(c, obj, key) {
				col = append(col, "")
			} else {
				col = append(col, cell(obj.Get(key)))
			}
			cells[key] = col
		}
	}
	head := append([]string{"(index)"}, columns...)
	cols := [][]string{rowKeys}
	for _, k := range columns {
		cols = append(cols, cells[k])
	}
	if hasPrimitives {
		head = append(head, "Values")
		cols = append(cols, primitives)
	}
	c.print(slog.LevelInfo, renderTable(head, cols))
}

func hasOwn(c *console, o *goja.Object, k string) bool {
	d, _ := intrinsicsOf(c.r).getOwnPropertyDescriptor(goja.Undefined(), o, c.r.VM.ToValue(k))
	return d != nil && !goja.IsUndefined(d)
}

func callIntrinsicOn(f goja.Callable, this goja.Value, args ...goja.Value) {
	if _, err := f(this, args...); err != nil {
		panic(err)
	}
}

// renderTable draws the box (Node.js's internal/cli_table).
func renderTable(head []string, columns [][]string) string {
	widths := make([]int, len(head))
	rows := 0
	for i, h := range head {
		widths[i] = width(h)
		rows = max(rows, len(columns[i]))
	}
	grid := make([][]string, rows)
	for j := range grid {
		grid[j] = make([]string, len(head))
		for i := range head {
			if j < len(columns[i]) {
				grid[j][i] = columns[i][j]
			}
			widths[i] = max(widths[i], width(grid[j][i]))
		}
	}
	divider := make([]string, len(widths))
	for i, w := range widths {
		divider[i] = strings.Repeat("─", w+2)
	}
	row := func(cells []string) string {
		var b strings.Builder
		b.WriteString("│ ")
		for i, cell := range cells {
			b.WriteString(cell + strings.Repeat(" ", widths[i]-width(cell)))
			if i != len(cells)-1 {
				b.WriteString(" │ ")
			}
		}
		b.WriteString(" │")
		return b.String()
	}
	var b strings.Builder
	b.WriteString("┌" + strings.Join(divider, "┬") + "┐\n")
	b.WriteString(row(head) + "\n")
	b.WriteString("├" + strings.Join(divider, "┼") + "┤\n")
	for _, r := range grid {
		b.WriteString(row(r) + "\n")
	}
	b.WriteString("└" + strings.Join(divider, "┴") + "┘")
	return b.String()
}
