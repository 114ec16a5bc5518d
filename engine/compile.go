package engine

import (
	"errors"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"github.com/jsroute/jsroute/loader"
)

// compiler is the runtime's check of a bundle for loader.Options.Compile: it compiles the
// bundle as the workers will run it and keeps the program; when goja cannot, it says where in
// the bundle, so the loader can lower or leave out the file behind it (loader/compile.go).
type compiler struct {
	prog *goja.Program
	code string // the code prog was compiled from
}

// onlyInline refuses source map files: only the bundle's inline map is read.
var onlyInline = parser.WithSourceMapLoader(func(p string) ([]byte, error) {
	return nil, errors.New("only inline source maps are read")
})

func (c *compiler) check(code string) *loader.CompileError {
	ast, err := goja.Parse(loader.BundleName, code, onlyInline)
	if err == nil {
		var prog *goja.Program
		if prog, err = goja.CompileAST(ast, true); err == nil {
			c.prog, c.code = prog, code
			return nil
		}
	}
	// Again without the source map, for the place in the bundle itself (failures only).
	if _, perr := parser.ParseFile(nil, loader.BundleName, code, 0, parser.WithDisableSourceMaps); perr != nil {
		var list parser.ErrorList
		if errors.As(perr, &list) && len(list) > 0 {
			return &loader.CompileError{Line: list[0].Position.Line, Column: list[0].Position.Column, Message: list[0].Message}
		}
		return &loader.CompileError{Message: perr.Error()}
	}
	ast, _ = goja.Parse(loader.BundleName, code, parser.WithDisableSourceMaps)
	if _, cerr := goja.CompileAST(ast, true); cerr != nil {
		var se *goja.CompilerSyntaxError
		if errors.As(cerr, &se) && se.File != nil {
			p := se.File.Position(se.Offset)
			return &loader.CompileError{Line: p.Line, Column: p.Column, Message: se.Message}
		}
		return &loader.CompileError{Message: cerr.Error()}
	}
	return &loader.CompileError{Message: err.Error()}
}

// compileVendor compiles the dev vendor bundle (loader.NewVendor), with its inline source map, so
// that a stack through a package reads node_modules/…:line.
func compileVendor(code string) (any, error) {
	ast, err := goja.Parse(loader.VendorName, code, onlyInline)
	if err != nil {
		return nil, err
	}
	return goja.CompileAST(ast, true)
}
