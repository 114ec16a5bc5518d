// Command jsroute serves a Next.js App Router app's route handlers from one Go binary.
//
//	jsroute dev [dir]    watch the app and reload on change
//	jsroute start [dir]  serve it for production
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
