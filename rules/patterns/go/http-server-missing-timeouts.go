package server

import (
	"context"
	"net/http"
	"time"
)

func Run(ctx context.Context, addr string, h http.Handler) error {
	// ruleid: patterns.go.http-server-missing-timeouts
	srv := &http.Server{Addr: addr, Handler: h}
	go func() {
		<-ctx.Done()
		srv.Shutdown(context.Background())
	}()
	return srv.ListenAndServe()
}

func NewAdminServer(mux *http.ServeMux) *http.Server {
	// ruleid: patterns.go.http-server-missing-timeouts
	return &http.Server{
		Addr:         "127.0.0.1:9090",
		Handler:      mux,
		WriteTimeout: 30 * time.Second,
		IdleTimeout:  2 * time.Minute,
	}
}

func NewServer(addr string, h http.Handler) *http.Server {
	// ok: patterns.go.http-server-missing-timeouts
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
}

func NewConfiguredServer(addr string, h http.Handler, readTimeout time.Duration) *http.Server {
	// ok: patterns.go.http-server-missing-timeouts
	srv := &http.Server{Addr: addr, Handler: h}
	srv.ReadHeaderTimeout = readTimeout
	return srv
}

func NewAPIServer(addr string, h http.Handler) *http.Server {
	// ok: patterns.go.http-server-missing-timeouts
	return &http.Server{Addr: addr, Handler: h, ReadTimeout: 10 * time.Second}
}
