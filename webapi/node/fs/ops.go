package fs

import (
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"

	"github.com/jsroute/jsroute/webapi"
)

// fsys is one realm's view of the file system: where relative paths start and what is allowed.
type fsys struct {
	cfg      webapi.FSConfig
	rootReal string // cfg.Root with symlinks resolved
}

// files are the descriptors fs.open gave out, by number (the OS's own fd, as Node's are).
var files sync.Map // int → *os.File

// resolve makes p absolute (relative to the project root) and, when fs is confined, checks that
// it stays under the root once symlinks are resolved; sys names the call for the error.
func (f *fsys) resolve(p, sys string) (string, error) {
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(f.cfg.Cwd, p)
	}
	abs = filepath.Clean(abs)
	if f.cfg.Root == "" {
		return abs, nil
	}
	// Resolve the longest existing prefix: a file about to be created is judged by its folder.
	real, rest := abs, ""
	for {
		r, err := filepath.EvalSymlinks(real)
		if err == nil {
			real = filepath.Join(r, rest)
			break
		}
		parent := filepath.Dir(real)
		if parent == real {
			break
		}
		rest = filepath.Join(filepath.Base(real), rest)
		real = parent
	}
	if real != f.rootReal && !strings.HasPrefix(real, f.rootReal+string(filepath.Separator)) {
		return "", &uvError{errno: syscall.EACCES, syscall: sys, path: p, hasPath: true}
	}
	return abs, nil
}

// work is a file-system call whose arguments were read on the loop; it may run on any goroutine.
type work func() (any, error)

// op reads a call's arguments (on the loop) and returns the work to do.
type op func(f *fsys, a []goja.Value) (work, error)

func str(a []goja.Value, i int) string {
	if i >= len(a) || goja.IsUndefined(a[i]) || goja.IsNull(a[i]) {
		return ""
	}
	return a[i].String()
}

func num(a []goja.Value, i int) int64 {
	if i >= len(a) || goja.IsUndefined(a[i]) || goja.IsNull(a[i]) {
		return -1
	}
	f := a[i].ToFloat()
	if math.IsNaN(f) {
		return -1
	}
	return int64(f)
}

func flag(a []goja.Value, i int) bool { return i < len(a) && a[i].ToBoolean() }

// bytesOf copies the bytes of an ArrayBuffer view or ArrayBuffer argument (the work runs later,
// maybe on another goroutine, and must not share JS memory).
func bytesOf(a []goja.Value, i int) []byte {
	if i >= len(a) {
		return nil
	}
	switch b := a[i].Export().(type) {
	case []byte:
		return append([]byte(nil), b...)
	case goja.ArrayBuffer:
		return append([]byte(nil), b.Bytes()...)
	case string:
		return []byte(b)
	}
	return nil
}

// statResult is what stat gives JS: the numbers of Node's Stats, times split into seconds and
// nanoseconds so BigIntStats keep every digit.
type statResult struct {
	st    unix.Stat_t
	birth unix.StatxTimestamp
}

func timespec(t unix.Timespec) (int64, int64) { return t.Sec, t.Nsec }

func doStat(path string, follow bool) (*statResult, error) {
	var r statResult
	var err error
	if follow {
		err = unix.Stat(path, &r.st)
	} else {
		err = unix.Lstat(path, &r.st)
	}
	if err != nil {
		return nil, err
	}
	flags := unix.AT_SYMLINK_NOFOLLOW
	if follow {
		flags = 0
	}
	var sx unix.Statx_t
	if unix.Statx(unix.AT_FDCWD, path, flags, unix.STATX_BTIME, &sx) == nil && sx.Mask&unix.STATX_BTIME != 0 {
		r.birth = sx.Btime
	} else {
		r.birth = unix.StatxTimestamp{Sec: r.st.Ctim.Sec, Nsec: uint32(r.st.Ctim.Nsec)}
	}
	return &r, nil
}

func doFstat(fd int) (*statResult, error) {
	var r statResult
	if err := unix.Fstat(fd, &r.st); err != nil {
		return nil, err
	}
	var sx unix.Statx_t
	if unix.Statx(fd, "", unix.AT_EMPTY_PATH, unix.STATX_BTIME, &sx) == nil && sx.Mask&unix.STATX_BTIME != 0 {
		r.birth = sx.Btime
	} else {
		r.birth = unix.StatxTimestamp{Sec: r.st.Ctim.Sec, Nsec: uint32(r.st.Ctim.Nsec)}
	}
	return &r, nil
}

// toJS is the numbers of a Stats, in Node's order: dev, mode, nlink, uid, gid, rdev, blksize,
// ino, size, blocks, then (sec, nsec) for atime, mtime, ctime, birthtime.
func (s *statResult) toJS(vm *goja.Runtime) goja.Value {
	as, an := timespec(s.st.Atim)
	ms, mn := timespec(s.st.Mtim)
	cs, cn := timespec(s.st.Ctim)
	return vm.NewArray(float64(s.st.Dev), float64(s.st.Mode), float64(s.st.Nlink), float64(s.st.Uid), float64(s.st.Gid),
		float64(s.st.Rdev), float64(s.st.Blksize), float64(s.st.Ino), float64(s.st.Size), float64(s.st.Blocks),
		as, an, ms, mn, cs, cn, s.birth.Sec, int64(s.birth.Nsec))
}

// dirent is one readdir entry: name, the folder it is in, and its type (UV_DIRENT_*).
type dirent struct {
	name, base, parent string // name: relative to the listed folder; base: the entry's own name
	typ                int
}

const (
	direntUnknown = iota
	direntFile
	direntDir
	direntLink
	direntFIFO
	direntSocket
	direntChar
	direntBlock
)

func direntType(m os.FileMode) int {
	switch {
	case m.IsRegular():
		return direntFile
	case m.IsDir():
		return direntDir
	case m&os.ModeSymlink != 0:
		return direntLink
	case m&os.ModeNamedPipe != 0:
		return direntFIFO
	case m&os.ModeSocket != 0:
		return direntSocket
	case m&os.ModeCharDevice != 0:
		return direntChar
	case m&os.ModeDevice != 0:
		return direntBlock
	}
	return direntUnknown
}

// readdir lists dir; with recursive, every entry below it, names relative to dir (Node 20's
// order: a folder's entries, then each subfolder's, breadth first).
func readdir(abs, userPath string, recursive bool) ([]dirent, error) {
	list := func(dir, parent, prefix string) ([]dirent, error) {
		f, err := os.Open(dir)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		ents, err := f.ReadDir(-1)
		if err != nil {
			return nil, err
		}
		out := make([]dirent, 0, len(ents))
		for _, e := range ents {
			out = append(out, dirent{name: prefix + e.Name(), base: e.Name(), parent: parent, typ: direntType(e.Type())})
		}
		return out, nil
	}
	out, err := list(abs, userPath, "")
	if err != nil || !recursive {
		return out, err
	}
	for i := 0; i < len(out); i++ {
		if out[i].typ != direntDir {
			continue
		}
		sub, err := list(filepath.Join(abs, out[i].name), filepath.Join(userPath, out[i].name), out[i].name+string(filepath.Separator))
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
	return out, nil
}

func fdOf(fd int64) (*os.File, error) {
	v, ok := files.Load(int(fd))
	if !ok {
		return nil, syscall.EBADF
	}
	return v.(*os.File), nil
}

func readAll(f *os.File) ([]byte, error) {
	b, err := io.ReadAll(f)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err
		}
	}
	return b, err
}

// copyFile copies src to dst (COPYFILE_EXCL: fail when dst exists), keeping src's mode.
func copyFile(src, dst string, excl bool) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return syscall.EISDIR
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if excl {
		flags |= os.O_EXCL
	}
	out, err := os.OpenFile(dst, flags, st.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// cpTree copies src to dst as fs.cp does: a file, or with recursive a folder's whole tree.
func cpTree(src, dst, userSrc, userDst string, recursive, force, errorOnExist bool) error {
	st, err := os.Lstat(src)
	if err != nil {
		return uvErr(err, "lstat", userSrc)
	}
	if st.IsDir() {
		if !recursive {
			return &nodeError{"Error", "ERR_FS_EISDIR", "Recursive option is required to copy a directory: " + userSrc}
		}
		if err := os.MkdirAll(dst, st.Mode().Perm()); err != nil {
			return uvErr(err, "mkdir", userDst)
		}
		ents, err := os.ReadDir(src)
		if err != nil {
			return uvErr(err, "scandir", userSrc)
		}
		for _, e := range ents {
			if err := cpTree(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name()), filepath.Join(userSrc, e.Name()), filepath.Join(userDst, e.Name()), recursive, force, errorOnExist); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := os.Lstat(dst); err == nil {
		if !force {
			if errorOnExist {
				return &nodeError{"Error", "ERR_FS_CP_EEXIST", "Target already exists: cp returned EEXIST (" + userDst + " already exists)"}
			}
			return nil
		}
	}
	if st.Mode()&os.ModeSymlink != 0 {
		target, err := os.Readlink(src)
		if err != nil {
			return uvErr(err, "readlink", userSrc)
		}
		os.Remove(dst)
		return uvErr2(os.Symlink(target, dst), "symlink", target, userDst)
	}
	if err := copyFile(src, dst, false); err != nil {
		return uvErr2(err, "copyfile", userSrc, userDst)
	}
	return nil
}

// msTime converts utimes' seconds as libuv does (uv__fs_to_timespec): the fraction to
// nanoseconds, then cut to whole microseconds.
func msTime(v float64) time.Time {
	sec := int64(v)
	nsec := int64((v - float64(sec)) * 1e9)
	nsec -= nsec % 1000
	if nsec < 0 {
		nsec += 1e9
		sec--
	}
	return time.Unix(sec, nsec)
}
