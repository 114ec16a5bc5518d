package e2e

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Real database servers for the npm-db fixture, started by the tests on free loopback ports in
// temporary folders and stopped when the test ends. A server missing from the machine is
// installed from Debian packages when running as root (as CI does); the tests never skip.

var aptOnce sync.Once

// needCommand finds cmd on PATH (or in extra folders, globbed); missing, it installs pkg with
// apt-get when root, else fails the test naming the package.
func needCommand(t *testing.T, cmd, pkg string, extra ...string) string {
	t.Helper()
	find := func() string {
		if p, err := exec.LookPath(cmd); err == nil {
			return p
		}
		for _, g := range extra {
			if m, _ := filepath.Glob(filepath.Join(g, cmd)); len(m) > 0 {
				return m[len(m)-1]
			}
		}
		return ""
	}
	if p := find(); p != "" {
		return p
	}
	if os.Geteuid() != 0 {
		t.Fatalf("%s is not installed: install the Debian package %s (apt-get install -y %s)", cmd, pkg, pkg)
	}
	aptOnce.Do(func() {
		if out, err := exec.Command("apt-get", "update").CombinedOutput(); err != nil {
			t.Logf("apt-get update: %v\n%s", err, out)
		}
	})
	if out, err := exec.Command("apt-get", "install", "-y", "--no-install-recommends", pkg).CombinedOutput(); err != nil {
		t.Fatalf("apt-get install %s: %v\n%s", pkg, err, out)
	}
	if p := find(); p != "" {
		return p
	}
	t.Fatalf("%s still missing after installing %s", cmd, pkg)
	return ""
}

// waitPort waits until addr accepts connections, or fails with the server's log.
func waitPort(t *testing.T, addr string, logf func() string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no server on %s after 60s:\n%s", addr, logf())
}

// sharedTempDir is a fresh folder other users may enter (postgres runs as its own user).
func sharedTempDir(t *testing.T, prefix string) string {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o777)
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// asUser runs argv as the postgres user when root (postgres refuses to run as root).
func asUser(run string, argv ...string) *exec.Cmd {
	if os.Geteuid() == 0 && run != "" {
		return exec.Command("runuser", append([]string{"-u", run, "--"}, argv...)...)
	}
	return exec.Command(argv[0], argv[1:]...)
}

// startPostgres runs a PostgreSQL server with trust authentication; it returns its URL
// (postgres://postgres@127.0.0.1:PORT/postgres). hba lines and settings may be added by tweak,
// called with the data folder after initdb.
func startPostgres(t *testing.T, tweak func(dataDir string)) string {
	return startPostgresServer(t, tweak).url
}

// pgServer is a running PostgreSQL the test may stop and start again on the same port.
type pgServer struct {
	url         string
	start, stop func(t *testing.T)
}

func startPostgresServer(t *testing.T, tweak func(dataDir string)) *pgServer {
	t.Helper()
	bins := []string{"/usr/lib/postgresql/*/bin"}
	initdb := needCommand(t, "initdb", "postgresql", bins...)
	pgctl := needCommand(t, "pg_ctl", "postgresql", bins...)
	run := ""
	if os.Geteuid() == 0 {
		run = "postgres"
		if _, err := user.Lookup(run); err != nil {
			t.Fatalf("running as root needs the postgres user (from the postgresql package): %v", err)
		}
	}
	dir := sharedTempDir(t, "jsroute-pg-")
	data := filepath.Join(dir, "data")
	if out, err := asUser(run, initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	if tweak != nil {
		tweak(data)
	}
	port := freePort(t)
	logFile := filepath.Join(dir, "pg.log")
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", port, dir)
	s := &pgServer{url: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres", port)}
	s.start = func(t *testing.T) {
		t.Helper()
		if out, err := asUser(run, pgctl, "-D", data, "-o", opts, "-l", logFile, "-w", "-t", "60", "start").CombinedOutput(); err != nil {
			b, _ := os.ReadFile(logFile)
			t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, b)
		}
	}
	// stop is `pg_ctl stop -m immediate`: every backend is killed at once, as in a crash.
	s.stop = func(t *testing.T) {
		t.Helper()
		if out, err := asUser(run, pgctl, "-D", data, "-m", "immediate", "-w", "stop").CombinedOutput(); err != nil {
			t.Fatalf("pg_ctl stop: %v\n%s", err, out)
		}
	}
	s.start(t)
	t.Cleanup(func() { asUser(run, pgctl, "-D", data, "-m", "immediate", "stop").Run() })
	pgSocketDir = dir
	return s
}

// pgSocketDir is the folder of the last started PostgreSQL's Unix socket (.s.PGSQL.<port>).
var pgSocketDir string

// startRedis runs redis-server without persistence; it returns redis://127.0.0.1:PORT.
func startRedis(t *testing.T) string {
	t.Helper()
	bin := needCommand(t, "redis-server", "redis-server")
	dir := sharedTempDir(t, "jsroute-redis-")
	port := freePort(t)
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	waitPort(t, "127.0.0.1:"+strconv.Itoa(port), out.String)
	return fmt.Sprintf("redis://127.0.0.1:%d", port)
}

// startMariaDB bootstraps a data folder and runs mariadbd with --skip-grant-tables (any user, no
// password); it returns mysql://root@127.0.0.1:PORT/mysql.
func startMariaDB(t *testing.T) string {
	t.Helper()
	install := needCommand(t, "mariadb-install-db", "mariadb-server")
	server := needCommand(t, "mariadbd", "mariadb-server", "/usr/sbin")
	dir := sharedTempDir(t, "jsroute-mariadb-")
	data := filepath.Join(dir, "data")
	who := "root"
	if u, err := user.Current(); err == nil {
		who = u.Username
	}
	if out, err := exec.Command(install, "--no-defaults", "--datadir="+data, "--user="+who, "--auth-root-authentication-method=normal",
		"--skip-test-db").CombinedOutput(); err != nil {
		t.Fatalf("mariadb-install-db: %v\n%s", err, out)
	}
	port := freePort(t)
	cmd := exec.Command(server, "--no-defaults", "--datadir="+data, "--user="+who, "--port="+strconv.Itoa(port),
		"--bind-address=127.0.0.1", "--socket="+filepath.Join(dir, "mysql.sock"), "--pid-file="+filepath.Join(dir, "mysql.pid"),
		"--skip-grant-tables", "--skip-log-bin", "--innodb-flush-log-at-trx-commit=0")
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	waitPort(t, "127.0.0.1:"+strconv.Itoa(port), out.String)
	return fmt.Sprintf("mysql://root@127.0.0.1:%d/mysql", port)
}

var _ = strings.TrimSpace

// selfSignedCert makes a certificate for ip (its own CA), PEM encoded, with its key.
func selfSignedCert(t *testing.T, ip string) (certPEM, keyPEM string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "jsroute test database"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP(ip)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kd, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kd}))
}

// withTLS turns on ssl in a PostgreSQL data folder with the given certificate (plain connections
// stay allowed).
func withTLS(certPEM, keyPEM string) func(string) {
	return func(data string) {
		os.WriteFile(filepath.Join(data, "server.crt"), []byte(certPEM), 0o644)
		os.WriteFile(filepath.Join(data, "server.key"), []byte(keyPEM), 0o600)
		if os.Geteuid() == 0 {
			if u, err := user.Lookup("postgres"); err == nil {
				uid, _ := strconv.Atoi(u.Uid)
				gid, _ := strconv.Atoi(u.Gid)
				os.Chown(filepath.Join(data, "server.crt"), uid, gid)
				os.Chown(filepath.Join(data, "server.key"), uid, gid)
			}
		}
		f, _ := os.OpenFile(filepath.Join(data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
		fmt.Fprintln(f, "ssl = on")
		f.Close()
	}
}
