package fetch

type errUnsupported string

func (e errUnsupported) Error() string { return string(e) + " is not supported" }
