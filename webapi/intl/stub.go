package intl

type localeObject struct{ tag string }

func (l *localeObject) String() string { return l.tag }
