package crypto

import "fmt"

// The error names of Web Crypto §14.3 (DOMException names, WebIDL §2.8.1), and TypeError for a
// bad argument.
const (
	NotSupportedError  = "NotSupportedError"
	SyntaxError        = "SyntaxError"
	InvalidAccessError = "InvalidAccessError"
	DataError          = "DataError"
	OperationError     = "OperationError"
	TypeError          = "TypeError"
)

// Error is a failed Web Crypto operation. Name is a DOMException name (NotSupportedError,
// SyntaxError, InvalidAccessError, DataError, OperationError) or TypeError; the bindings reject
// the promise with a DOMException of that name, or a TypeError.
type Error struct {
	Name    string
	Message string
}

func (e *Error) Error() string { return e.Name + ": " + e.Message }

func errorf(name, format string, args ...any) *Error {
	return &Error{Name: name, Message: fmt.Sprintf(format, args...)}
}

// opFailed is the OperationError Node.js gives when the underlying primitive fails.
func opFailed() *Error {
	return &Error{Name: OperationError, Message: "The operation failed for an operation-specific reason"}
}

func invalidKeyData() *Error { return &Error{Name: DataError, Message: "Invalid keyData"} }
