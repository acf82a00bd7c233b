package server

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestListenAndServeGracefulShutdown(t *testing.T) {
	exec := newBlockingExec()
	opt := quietOptions()
	opt.Addr = "127.0.0.1:0"
	ready := make(chan net.Addr, 1)
	opt.Ready = func(a net.Addr) { ready <- a }

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- ListenAndServe(ctx, New(exec, opt), opt) }()

	var addr net.Addr
	select {
	case addr = <-ready:
	case err := <-served:
		t.Fatalf("ListenAndServe returned early: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("never ready")
	}
	if strings.HasSuffix(addr.String(), ":0") {
		t.Fatalf("Ready got unbound address %v", addr)
	}
	base := "http://" + addr.String()
	client := &http.Client{Timeout: 5 * time.Second}

	resp, err := client.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz = %d", resp.StatusCode)
	}

	// A request in flight when shutdown starts must still be answered.
	inflight := make(chan int, 1)
	go func() {
		resp, err := client.Get(base + "/graphql?query=%7Ba%7D")
		if err != nil {
			inflight <- -1
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		inflight <- resp.StatusCode
	}()
	select {
	case <-exec.started:
	case <-time.After(5 * time.Second):
		t.Fatal("in-flight request never reached the executor")
	}
	cancel()
	select {
	case err := <-served:
		t.Fatalf("returned before the in-flight request finished: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(exec.release)
	if code := <-inflight; code != 200 {
		t.Errorf("in-flight request status = %d", code)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("clean shutdown returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ListenAndServe did not return after shutdown")
	}
	if _, err := net.DialTimeout("tcp", addr.String(), time.Second); err == nil {
		t.Error("still accepting connections after shutdown")
	}
}

func TestListenAndServeAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	opt := quietOptions()
	opt.Addr = ln.Addr().String()
	opt.Ready = func(net.Addr) { t.Error("Ready called for a failed listen") }

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = ListenAndServe(ctx, New(echoExec, opt), opt)
	if err == nil {
		t.Fatal("no error for an address in use")
	}
	if !errors.Is(err, syscall.EADDRINUSE) || !strings.Contains(err.Error(), opt.Addr) {
		t.Errorf("err = %v, want EADDRINUSE naming %s", err, opt.Addr)
	}
}
