package main

import (
	"log"
	"net"
	"net/http"
	"time"
)

func health(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", health)

	go func() {
		// ruleid: patterns.go.http-listen-and-serve-no-timeouts
		log.Fatal(http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", mux))
	}()

	ln, err := net.Listen("tcp", "127.0.0.1:6060")
	if err != nil {
		log.Fatal(err)
	}
	// ruleid: patterns.go.http-listen-and-serve-no-timeouts
	go http.Serve(ln, http.DefaultServeMux)

	srv := &http.Server{
		Addr:              ":8080",
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       time.Minute,
	}
	// ok: patterns.go.http-listen-and-serve-no-timeouts
	log.Fatal(srv.ListenAndServe())
}

func runMetrics(mux *http.ServeMux) error {
	// ruleid: patterns.go.http-listen-and-serve-no-timeouts
	return http.ListenAndServe(":9100", mux)
}

func runMetricsSafe(mux *http.ServeMux, ln net.Listener) error {
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 3 * time.Second}
	// ok: patterns.go.http-listen-and-serve-no-timeouts
	return srv.Serve(ln)
}
