package loader

import (
	"path"
	"path/filepath"
	"strings"
)

// rootFiles are the project-root files that change what the app serves: the Next config, middleware/proxy,
// TypeScript path aliases, the environment, and package installs (a changed manifest or lock file).
var rootFiles = []string{
	"next.config.*", "middleware.*", "proxy.*", "tsconfig.json", "jsconfig.json", ".env", ".env.*",
	"package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb",
}

// Relevant reports whether a change to rel (slash-separated, relative to Root, as Watch reports it) can change
// what the app serves, so that `jsroute dev` reloads for it and for nothing else (a log file written in the
// project must not cause reloads): anything under the app directory or src/, the root files above, and the
// files the last bundle was made from (inputs, Bundle.Inputs) or a folder holding one of them (a folder
// removed or renamed).
func (a App) Relevant(rel string, inputs []string) bool {
	appRel, err := filepath.Rel(a.Root, a.AppDir)
	if err != nil {
		return true
	}
	for _, dir := range []string{filepath.ToSlash(appRel), "src"} {
		if rel == dir || strings.HasPrefix(rel, dir+"/") {
			return true
		}
	}
	if !strings.Contains(rel, "/") {
		for _, pattern := range rootFiles {
			if ok, _ := path.Match(pattern, rel); ok {
				return true
			}
		}
	}
	for _, in := range inputs {
		if in == rel || strings.HasPrefix(in, rel+"/") {
			return true
		}
	}
	return false
}
