package webapi

// FSConfig says what node:fs may touch. Hosts that offer a file system implement FSHost.
type FSConfig struct {
	// Off switches node:fs off: its functions throw ERR_NOT_SUPPORTED naming the embedder's choice.
	Off bool
	// Cwd is the folder relative paths start from (process.cwd(): the project root).
	Cwd string
	// Root, when set, confines every path (after resolving symlinks) to that folder; a path
	// outside fails with EACCES. Empty: anywhere the process may reach.
	Root string
}

// FSHost is implemented by hosts that give node:fs a file system; without it fs is off.
type FSHost interface {
	FSConfig() FSConfig
}
