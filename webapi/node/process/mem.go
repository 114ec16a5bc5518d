package process

import (
	"os"
	"strconv"
	"strings"
)

// freeMemory is MemAvailable from /proc/meminfo in bytes (what os.freemem() reports on Linux),
// or 0 where there is none.
func freeMemory() uint64 {
	return meminfo("MemAvailable:")
}

// TotalMemory is MemTotal from /proc/meminfo in bytes, or 0.
func TotalMemory() uint64 { return meminfo("MemTotal:") }

// FreeMemory is MemAvailable from /proc/meminfo in bytes, or 0.
func FreeMemory() uint64 { return freeMemory() }

func meminfo(key string) uint64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				n, _ := strconv.ParseUint(f[0], 10, 64)
				return n * 1024
			}
		}
	}
	return 0
}
