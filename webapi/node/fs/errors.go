package fs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// uvError is a failed file-system call as Node reports it: `ENOENT: no such file or directory,
// open 'x'` with errno, code, syscall, path and dest
// (https://nodejs.org/docs/latest-v20.x/api/errors.html#class-systemerror).
type uvError struct {
	errno   syscall.Errno
	syscall string
	path    string // as the caller wrote it; "" when Node gives none
	dest    string
	hasPath bool
	hasDest bool
}

func (e *uvError) Error() string { return e.message() }

// uvNames are libuv's code and description of the errnos file calls give (uv-common.c's
// UV_ERRNO_MAP); errno values are Linux's, negated as Node shows them.
var uvNames = map[syscall.Errno][2]string{
	syscall.EPERM:        {"EPERM", "operation not permitted"},
	syscall.ENOENT:       {"ENOENT", "no such file or directory"},
	syscall.EIO:          {"EIO", "i/o error"},
	syscall.EBADF:        {"EBADF", "bad file descriptor"},
	syscall.EAGAIN:       {"EAGAIN", "resource temporarily unavailable"},
	syscall.ENOMEM:       {"ENOMEM", "not enough memory"},
	syscall.EACCES:       {"EACCES", "permission denied"},
	syscall.EBUSY:        {"EBUSY", "resource busy or locked"},
	syscall.EEXIST:       {"EEXIST", "file already exists"},
	syscall.EXDEV:        {"EXDEV", "cross-device link not permitted"},
	syscall.ENOTDIR:      {"ENOTDIR", "not a directory"},
	syscall.EISDIR:       {"EISDIR", "illegal operation on a directory"},
	syscall.EINVAL:       {"EINVAL", "invalid argument"},
	syscall.EMFILE:       {"EMFILE", "too many open files"},
	syscall.EFBIG:        {"EFBIG", "file too large"},
	syscall.ENOSPC:       {"ENOSPC", "no space left on device"},
	syscall.EROFS:        {"EROFS", "read-only file system"},
	syscall.EMLINK:       {"EMLINK", "too many links"},
	syscall.ENAMETOOLONG: {"ENAMETOOLONG", "name too long"},
	syscall.ENOTEMPTY:    {"ENOTEMPTY", "directory not empty"},
	syscall.ELOOP:        {"ELOOP", "too many symbolic links encountered"},
	syscall.ENOSYS:       {"ENOSYS", "function not implemented"},
	syscall.ETXTBSY:      {"ETXTBSY", "text file is busy"},
}

func (e *uvError) code() string {
	if n, ok := uvNames[e.errno]; ok {
		return n[0]
	}
	return "UNKNOWN"
}

func (e *uvError) message() string {
	desc := "unknown error"
	if n, ok := uvNames[e.errno]; ok {
		desc = n[1]
	}
	m := fmt.Sprintf("%s: %s, %s", e.code(), desc, e.syscall)
	if e.hasPath {
		m += " '" + e.path + "'"
	}
	if e.hasDest {
		m += " -> '" + e.dest + "'"
	}
	return m
}

// uvErr turns a Go error from a call on path into a uvError for syscall; err's own errno is
// used when it has one (Go wraps them in *PathError, *LinkError, *SyscallError).
func uvErr(err error, sys, path string) error {
	var ue *uvError
	if errors.As(err, &ue) {
		return ue
	}
	return &uvError{errno: errnoOf(err), syscall: sys, path: path, hasPath: true}
}

// uvErr2 is uvErr for a two-path call (rename, copyfile, link, symlink).
func uvErr2(err error, sys, path, dest string) error {
	var ue *uvError
	if errors.As(err, &ue) {
		return ue
	}
	return &uvError{errno: errnoOf(err), syscall: sys, path: path, dest: dest, hasPath: true, hasDest: true}
}

func errnoOf(err error) syscall.Errno {
	var n syscall.Errno
	if errors.As(err, &n) {
		return n
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return syscall.ENOENT
	case errors.Is(err, fs.ErrExist):
		return syscall.EEXIST
	case errors.Is(err, fs.ErrPermission):
		return syscall.EACCES
	case errors.Is(err, os.ErrClosed):
		return syscall.EBADF
	}
	return syscall.EIO
}

// nodeError is an error of Node's internal kind (ERR_*), made in JS by the module.
type nodeError struct {
	ctor, code, msg string
}

func (e *nodeError) Error() string { return e.msg }
