// Command firstanswer measures start-to-first-answer for e2e/bench/run.sh: it starts a server
// command, asks GET <path> on a loopback port every millisecond, and stops the clock at the first
// 200 answer; then stops the server (SIGTERM) and starts over, -n times. "{port}" in the
// command is replaced by a free port for each run.
//
//	firstanswer -n 7 -path /hello -- jsroute start -p {port} -H 127.0.0.1 e2e/bench/app
//
// It prints each run and the median:
//
//	firstanswer runs=7 median=38ms min=35ms max=52ms all=[...]
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 7, "runs")
	path := flag.String("path", "/", "path to GET")
	limit := flag.Duration("limit", 30*time.Second, "give up on a run after this long")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: firstanswer [-n N] [-path P] -- command args... ({port} is replaced)")
		os.Exit(2)
	}
	var runs []time.Duration
	for i := 0; i < *n; i++ {
		d, err := once(args, *path, *limit)
		if err != nil {
			fmt.Fprintf(os.Stderr, "firstanswer: run %d: %v\n", i+1, err)
			os.Exit(1)
		}
		runs = append(runs, d)
	}
	all := make([]string, len(runs))
	for i, d := range runs {
		all[i] = ms(d)
	}
	slices.Sort(runs)
	fmt.Printf("firstanswer runs=%d median=%s min=%s max=%s all=[%s]\n",
		len(runs), ms(runs[len(runs)/2]), ms(runs[0]), ms(runs[len(runs)-1]), strings.Join(all, " "))
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) + "ms"
}

// once runs the command on a free port and times its first 200 answer.
func once(args []string, path string, limit time.Duration) (time.Duration, error) {
	port, err := freePort()
	if err != nil {
		return 0, err
	}
	argv := make([]string, len(args))
	for i, a := range args {
		argv[i] = strings.ReplaceAll(a, "{port}", strconv.Itoa(port))
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // so the whole group can be stopped
	url := "http://127.0.0.1:" + strconv.Itoa(port) + path
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	}()
	for time.Since(start) < limit {
		select {
		case err := <-exited:
			exited <- err
			return 0, fmt.Errorf("%s exited before answering: %v", argv[0], err)
		default:
		}
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), nil
			}
		}
		time.Sleep(time.Millisecond)
	}
	return 0, fmt.Errorf("no 200 from %s within %s", url, limit)
}

// freePort asks the kernel for a loopback port that is free now.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
