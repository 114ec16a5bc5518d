package fs

import (
	"crypto/rand"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"
)

// sysError is Node's SystemError for the checks Node's own JS makes (rm on a folder without
// recursive): `Path is a directory: rm returned EISDIR (is a directory) x`.
type sysError struct {
	code, syscall, path, info string
	errno                     syscall.Errno
}

func (e *sysError) Error() string { return e.code }

// ops are the file-system calls, by name. Each reads its arguments (already checked and
// normalised by fs.js) on the loop and returns the work, which the sync forms run at once and
// the callback and promise forms run on a goroutine.
var ops = map[string]op{
	// open(path, flags, mode) → fd
	"open": func(f *fsys, a []goja.Value) (work, error) {
		p, flags, mode := str(a, 0), num(a, 1), num(a, 2)
		return f.at(p, "open", func(abs string) (any, error) {
			file, err := os.OpenFile(abs, int(flags)|syscall.O_CLOEXEC, os.FileMode(mode))
			if err != nil {
				return nil, uvErr(err, "open", p)
			}
			fd := int(file.Fd())
			files.Store(fd, file)
			return fd, nil
		})
	},
	"close": func(f *fsys, a []goja.Value) (work, error) {
		fd := num(a, 0)
		return func() (any, error) {
			file, err := fdOf(fd)
			if err != nil {
				return nil, &uvError{errno: syscall.EBADF, syscall: "close"}
			}
			files.Delete(int(fd))
			if err := file.Close(); err != nil {
				return nil, &uvError{errno: errnoOf(err), syscall: "close"}
			}
			return nil, nil
		}, nil
	},
	// read(fd, length, position) → bytes (position -1: the file's own position)
	"read": func(f *fsys, a []goja.Value) (work, error) {
		fd, n, pos := num(a, 0), num(a, 1), num(a, 2)
		return func() (any, error) {
			file, err := fdOf(fd)
			if err != nil {
				return nil, &uvError{errno: syscall.EBADF, syscall: "read"}
			}
			buf := make([]byte, n)
			var got int
			if pos >= 0 {
				got, err = file.ReadAt(buf, pos)
			} else {
				got, err = file.Read(buf)
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, &uvError{errno: errnoOf(err), syscall: "read"}
			}
			return buf[:got], nil
		}, nil
	},
	// write(fd, bytes, position) → bytes written
	"write": func(f *fsys, a []goja.Value) (work, error) {
		fd, b, pos := num(a, 0), bytesOf(a, 1), num(a, 2)
		return func() (any, error) {
			file, err := fdOf(fd)
			if err != nil {
				return nil, &uvError{errno: syscall.EBADF, syscall: "write"}
			}
			var n int
			if pos >= 0 {
				n, err = file.WriteAt(b, pos)
			} else {
				n, err = file.Write(b)
			}
			if err != nil {
				return nil, &uvError{errno: errnoOf(err), syscall: "write"}
			}
			return n, nil
		}, nil
	},
	"fsync": func(f *fsys, a []goja.Value) (work, error) {
		fd := num(a, 0)
		return func() (any, error) {
			file, err := fdOf(fd)
			if err != nil {
				return nil, &uvError{errno: syscall.EBADF, syscall: "fsync"}
			}
			if err := file.Sync(); err != nil {
				return nil, &uvError{errno: errnoOf(err), syscall: "fsync"}
			}
			return nil, nil
		}, nil
	},
	"ftruncate": func(f *fsys, a []goja.Value) (work, error) {
		fd, n := num(a, 0), num(a, 1)
		return func() (any, error) {
			file, err := fdOf(fd)
			if err != nil {
				return nil, &uvError{errno: syscall.EBADF, syscall: "ftruncate"}
			}
			if err := file.Truncate(max(n, 0)); err != nil {
				return nil, &uvError{errno: errnoOf(err), syscall: "ftruncate"}
			}
			return nil, nil
		}, nil
	},
	"fstat": func(f *fsys, a []goja.Value) (work, error) {
		fd := num(a, 0)
		return func() (any, error) {
			if _, err := fdOf(fd); err != nil {
				return nil, &uvError{errno: syscall.EBADF, syscall: "fstat"}
			}
			st, err := doFstat(int(fd))
			if err != nil {
				return nil, &uvError{errno: errnoOf(err), syscall: "fstat"}
			}
			return st, nil
		}, nil
	},
	// readFile(path, flags) → bytes
	"readFile": func(f *fsys, a []goja.Value) (work, error) {
		p, flags := str(a, 0), num(a, 1)
		return f.at(p, "open", func(abs string) (any, error) {
			file, err := os.OpenFile(abs, int(flags)|syscall.O_CLOEXEC, 0o666)
			if err != nil {
				return nil, uvErr(err, "open", p)
			}
			defer file.Close()
			b, err := readAll(file)
			if err != nil {
				return nil, &uvError{errno: errnoOf(err), syscall: "read"}
			}
			return b, nil
		})
	},
	// readFd(fd) → the rest of the file's bytes
	"readFd": func(f *fsys, a []goja.Value) (work, error) {
		fd := num(a, 0)
		return func() (any, error) {
			file, err := fdOf(fd)
			if err != nil {
				return nil, &uvError{errno: syscall.EBADF, syscall: "read"}
			}
			b, err := readAll(file)
			if err != nil {
				return nil, &uvError{errno: errnoOf(err), syscall: "read"}
			}
			return b, nil
		}, nil
	},
	// writeFile(path, bytes, flags, mode)
	"writeFile": func(f *fsys, a []goja.Value) (work, error) {
		p, b, flags, mode := str(a, 0), bytesOf(a, 1), num(a, 2), num(a, 3)
		return f.at(p, "open", func(abs string) (any, error) {
			file, err := os.OpenFile(abs, int(flags)|syscall.O_CLOEXEC, os.FileMode(mode))
			if err != nil {
				return nil, uvErr(err, "open", p)
			}
			if _, err := file.Write(b); err != nil {
				file.Close()
				return nil, &uvError{errno: errnoOf(err), syscall: "write"}
			}
			return nil, file.Close()
		})
	},
	// stat(path, follow) → Stats numbers; with throwIfNoEntry false, undefined when missing
	"stat": func(f *fsys, a []goja.Value) (work, error) {
		p, follow, quiet := str(a, 0), flag(a, 1), flag(a, 2)
		sys := "lstat"
		if follow {
			sys = "stat"
		}
		abs, err := f.resolve(p, sys)
		return func() (any, error) {
			if err != nil {
				return nil, err
			}
			st, err := doStat(abs, follow)
			if err != nil {
				if quiet && (errors.Is(err, syscall.ENOENT) || errors.Is(err, syscall.ENOTDIR)) {
					return nil, nil
				}
				return nil, uvErr(err, sys, p)
			}
			return st, nil
		}, nil
	},
	"exists": func(f *fsys, a []goja.Value) (work, error) {
		p := str(a, 0)
		abs, err := f.resolve(p, "access")
		return func() (any, error) {
			if err != nil {
				return false, nil
			}
			return unix.Access(abs, unix.F_OK) == nil, nil
		}, nil
	},
	"access": func(f *fsys, a []goja.Value) (work, error) {
		p, mode := str(a, 0), num(a, 1)
		return f.at(p, "access", func(abs string) (any, error) {
			if err := unix.Access(abs, uint32(max(mode, 0))); err != nil {
				return nil, uvErr(err, "access", p)
			}
			return nil, nil
		})
	},
	// readdir(path, recursive) → [name, type, parentPath]...
	"readdir": func(f *fsys, a []goja.Value) (work, error) {
		p, recursive := str(a, 0), flag(a, 1)
		return f.at(p, "scandir", func(abs string) (any, error) {
			ents, err := readdir(abs, p, recursive)
			if err != nil {
				return nil, uvErr(err, "scandir", p)
			}
			return ents, nil
		})
	},
	// opendir(path, withPath) → the folder's entries, listed at open (as readdir); the sync
	// form's error names no path, as Node 20's does.
	"opendir": func(f *fsys, a []goja.Value) (work, error) {
		p, withPath := str(a, 0), flag(a, 1)
		return f.at(p, "opendir", func(abs string) (any, error) {
			ents, err := readdir(abs, p, false)
			if err != nil {
				if withPath {
					return nil, uvErr(err, "opendir", p)
				}
				return nil, &uvError{errno: errnoOf(err), syscall: "opendir"}
			}
			return ents, nil
		})
	},
	// mkdir(path, recursive, mode) → with recursive, the first folder made (or undefined)
	"mkdir": func(f *fsys, a []goja.Value) (work, error) {
		p, recursive, mode := str(a, 0), flag(a, 1), num(a, 2)
		return f.at(p, "mkdir", func(abs string) (any, error) {
			if !recursive {
				if err := os.Mkdir(abs, os.FileMode(mode)); err != nil {
					return nil, uvErr(err, "mkdir", p)
				}
				return nil, nil
			}
			// The first missing ancestor is what Node returns.
			first := ""
			for dir := abs; ; dir = filepath.Dir(dir) {
				st, err := os.Stat(dir)
				if err == nil {
					if !st.IsDir() {
						errno := syscall.ENOTDIR
						if dir == abs {
							errno = syscall.EEXIST
						}
						return nil, &uvError{errno: errno, syscall: "mkdir", path: p, hasPath: true}
					}
					break
				}
				first = dir
				if filepath.Dir(dir) == dir {
					break
				}
			}
			if err := os.MkdirAll(abs, os.FileMode(mode)); err != nil {
				return nil, uvErr(err, "mkdir", p)
			}
			if first == "" {
				return nil, nil
			}
			return first, nil
		})
	},
	"mkdtemp": func(f *fsys, a []goja.Value) (work, error) {
		prefix := str(a, 0)
		abs, err := f.resolve(prefix+"XXXXXX", "mkdtemp")
		return func() (any, error) {
			if err != nil {
				return nil, err
			}
			dir, base := filepath.Split(abs)
			base = base[:len(base)-6]
			for range 100 {
				suffix := randomSuffix()
				err := os.Mkdir(filepath.Join(dir, base+suffix), 0o700)
				if err == nil {
					return prefix + suffix, nil
				}
				if !errors.Is(err, os.ErrExist) {
					return nil, uvErr(err, "mkdtemp", prefix+"XXXXXX")
				}
			}
			return nil, &uvError{errno: syscall.EEXIST, syscall: "mkdtemp", path: prefix + "XXXXXX", hasPath: true}
		}, nil
	},
	// rm(path, recursive, force)
	"rm": func(f *fsys, a []goja.Value) (work, error) {
		p, recursive, force := str(a, 0), flag(a, 1), flag(a, 2)
		return f.at(p, "lstat", func(abs string) (any, error) {
			st, err := os.Lstat(abs)
			if err != nil {
				if force && errors.Is(err, os.ErrNotExist) {
					return nil, nil
				}
				return nil, uvErr(err, "lstat", p)
			}
			if st.IsDir() {
				if !recursive {
					return nil, &sysError{code: "ERR_FS_EISDIR", syscall: "rm", path: p, info: "is a directory", errno: syscall.EISDIR}
				}
				if err := os.RemoveAll(abs); err != nil {
					return nil, uvErr(err, "rm", p)
				}
				return nil, nil
			}
			if err := os.Remove(abs); err != nil {
				return nil, uvErr(err, "unlink", p)
			}
			return nil, nil
		})
	},
	"rmdir": func(f *fsys, a []goja.Value) (work, error) {
		p, recursive := str(a, 0), flag(a, 1)
		return f.at(p, "rmdir", func(abs string) (any, error) {
			if recursive {
				if _, err := os.Lstat(abs); err != nil {
					return nil, uvErr(err, "rmdir", p)
				}
				return nil, uvErrOrNil(os.RemoveAll(abs), "rmdir", p)
			}
			return nil, uvErrOrNil(unix.Rmdir(abs), "rmdir", p)
		})
	},
	"unlink": func(f *fsys, a []goja.Value) (work, error) {
		p := str(a, 0)
		return f.at(p, "unlink", func(abs string) (any, error) {
			return nil, uvErrOrNil(unix.Unlink(abs), "unlink", p)
		})
	},
	"rename":   twoPaths("rename", func(from, to string, _ int64) error { return os.Rename(from, to) }),
	"link":     twoPaths("link", func(from, to string, _ int64) error { return os.Link(from, to) }),
	"copyFile": twoPaths("copyfile", func(from, to string, mode int64) error { return copyFile(from, to, mode > 0 && mode&1 != 0) }),
	// cp(src, dest, recursive, force, errorOnExist)
	"cp": func(f *fsys, a []goja.Value) (work, error) {
		src, dst, recursive, force, errorOnExist := str(a, 0), str(a, 1), flag(a, 2), flag(a, 3), flag(a, 4)
		absSrc, err := f.resolve(src, "cp")
		if err != nil {
			return nil, err
		}
		absDst, err := f.resolve(dst, "cp")
		return func() (any, error) {
			if err != nil {
				return nil, err
			}
			if st, err := os.Stat(absSrc); err == nil && st.IsDir() && !recursive {
				return nil, &sysError{code: "ERR_FS_EISDIR", syscall: "cp", path: src, info: src + " is a directory (not copied)", errno: syscall.EINVAL}
			}
			return nil, cpTree(absSrc, absDst, src, dst, recursive, force, errorOnExist)
		}, nil
	},
	// symlink(target, path): the target is stored as written.
	"symlink": func(f *fsys, a []goja.Value) (work, error) {
		target, p := str(a, 0), str(a, 1)
		return f.at(p, "symlink", func(abs string) (any, error) {
			if err := os.Symlink(target, abs); err != nil {
				return nil, uvErr2(err, "symlink", target, p)
			}
			return nil, nil
		})
	},
	"readlink": func(f *fsys, a []goja.Value) (work, error) {
		p := str(a, 0)
		return f.at(p, "readlink", func(abs string) (any, error) {
			t, err := os.Readlink(abs)
			if err != nil {
				return nil, uvErr(err, "readlink", p)
			}
			return t, nil
		})
	},
	// realpath(path, syscall): realpathSync reports lstat (its JS walk), the others realpath.
	"realpath": func(f *fsys, a []goja.Value) (work, error) {
		p, sys := str(a, 0), str(a, 1)
		abs, err := f.resolve(p, sys)
		return func() (any, error) {
			if err != nil {
				return nil, err
			}
			r, err := filepath.EvalSymlinks(abs)
			if err != nil {
				shown := p
				if sys == "lstat" {
					shown = abs
				}
				return nil, uvErr(err, sys, shown)
			}
			return r, nil
		}, nil
	},
	"truncate": func(f *fsys, a []goja.Value) (work, error) {
		p, n := str(a, 0), num(a, 1)
		return f.at(p, "open", func(abs string) (any, error) {
			return nil, uvErrOrNil(os.Truncate(abs, max(n, 0)), "open", p)
		})
	},
	"chmod": func(f *fsys, a []goja.Value) (work, error) {
		p, mode := str(a, 0), num(a, 1)
		return f.at(p, "chmod", func(abs string) (any, error) {
			return nil, uvErrOrNil(unix.Chmod(abs, uint32(mode)), "chmod", p)
		})
	},
	// utimes(path, atimeSeconds, mtimeSeconds)
	"utimes": func(f *fsys, a []goja.Value) (work, error) {
		p := str(a, 0)
		at, mt := msTime(a[1].ToFloat()), msTime(a[2].ToFloat())
		return f.at(p, "utime", func(abs string) (any, error) {
			return nil, uvErrOrNil(os.Chtimes(abs, at, mt), "utime", p)
		})
	},
}

func uvErrOrNil(err error, sys, p string) error {
	if err == nil {
		return nil
	}
	return uvErr(err, sys, p)
}

func twoPaths(sys string, fn func(from, to string, mode int64) error) op {
	return func(f *fsys, a []goja.Value) (work, error) {
		from, to, mode := str(a, 0), str(a, 1), num(a, 2)
		absFrom, err := f.resolve(from, sys)
		if err != nil {
			return nil, err
		}
		absTo, err := f.resolve(to, sys)
		return func() (any, error) {
			if err != nil {
				return nil, err
			}
			if err := fn(absFrom, absTo, mode); err != nil {
				return nil, uvErr2(err, sys, from, to)
			}
			return nil, nil
		}, nil
	}
}

const suffixChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// randomSuffix is mkdtemp's six random characters.
func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	for i := range b {
		b[i] = suffixChars[int(b[i])%len(suffixChars)]
	}
	return string(b)
}

// at resolves p for syscall now, on the loop (where a path outside FSRoot or a switched-off fs
// is refused), and runs fn on the resolved path when the work runs, sync or on a goroutine.
func (f *fsys) at(p, syscall string, fn func(abs string) (any, error)) (work, error) {
	abs, err := f.resolve(p, syscall)
	return func() (any, error) {
		if err != nil {
			return nil, err
		}
		return fn(abs)
	}, nil
}
