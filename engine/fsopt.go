package engine

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// materialize copies the project held in fsys (under dir, a slash path inside it) to a fresh
// temporary folder and returns that folder as the engine's Dir, with the function that removes it.
//
// The whole of the engine's loading — esbuild's resolution (tsconfig.json paths, node_modules,
// package.json exports), the .env files, next.config, middleware, metadata files and public/ — and
// the routes' own node:fs reads relative to process.cwd() then see the embedded files exactly as
// they would see a checkout on disk. An FS holding app/ (or src/app/) is a project root; one
// holding only route files (fs.Sub of the app folder) is copied in as the app/ folder of an empty
// project.
//
// Bundling straight from fsys through an esbuild plugin was weighed and left: esbuild resolves
// only against the real file system, so the plugin would have to redo its resolver (package.json
// exports and conditions, main fields, extension and index probing, tsconfig paths, symlinked
// packages) and any gap would break node_modules resolution; and .env, next.config, metadata files
// and node:fs would still need the files on disk. To skip esbuild at start, embed a `jsroute build`
// with the project (`//go:embed all:site`) and set Options.Artifact to ".jsroute" (artifact.go).
func materialize(fsys fs.FS, dir string) (string, func(), error) {
	dir = path.Clean(filepath.ToSlash(dir))
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return "", nil, fmt.Errorf("jsroute: Options.FS: %w", err)
	}
	if fi, err := fs.Stat(sub, "."); err != nil || !fi.IsDir() {
		return "", nil, fmt.Errorf("jsroute: Options.FS has no folder %q", dir)
	}
	tmp, err := os.MkdirTemp("", "jsroute-fs-")
	if err != nil {
		return "", nil, fmt.Errorf("jsroute: Options.FS: %w", err)
	}
	rm := func() { os.RemoveAll(tmp) }
	dest := tmp
	if !isFSDir(sub, "app") && !isFSDir(sub, "src/app") {
		dest = filepath.Join(tmp, "app")
	}
	if err := copyFS(sub, dest); err != nil {
		rm()
		return "", nil, fmt.Errorf("jsroute: Options.FS: %w", err)
	}
	return tmp, rm, nil
}

func isFSDir(fsys fs.FS, name string) bool {
	fi, err := fs.Stat(fsys, name)
	return err == nil && fi.IsDir()
}

// copyFS writes every regular file and folder of fsys under dest.
func copyFS(fsys fs.FS, dest string) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dest, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil // an embed.FS holds only files and folders; other kinds have no meaning here
		}
		src, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer src.Close()
		out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, src); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

func runCleanup(f func()) {
	if f != nil {
		f()
	}
}
