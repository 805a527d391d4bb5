package client

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"os"
	"time"
)

func NewInsecureClient() *http.Client {
	transport := &http.Transport{
		// ruleid: patterns.go.tls-insecure-skip-verify
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}
	return &http.Client{Transport: transport, Timeout: 10 * time.Second}
}

func DialLegacy(addr string) (*tls.Conn, error) {
	// ruleid: patterns.go.tls-insecure-skip-verify
	cfg := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true,
	}
	return tls.Dial("tcp", addr, cfg)
}

func PatchDefaultTransport() {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{}
	// ruleid: patterns.go.tls-insecure-skip-verify
	t.TLSClientConfig.InsecureSkipVerify = true
	http.DefaultTransport = t
}

func NewPinnedClient(caFile string) (*http.Client, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("no CA certificates found")
	}
	// ok: patterns.go.tls-insecure-skip-verify
	cfg := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}, nil
}

func NewClientWithFlag(skipVerify bool) *http.Client {
	// ok: patterns.go.tls-insecure-skip-verify
	cfg := &tls.Config{InsecureSkipVerify: skipVerify, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
}

func StrictConfig() *tls.Config {
	// ok: patterns.go.tls-insecure-skip-verify
	return &tls.Config{InsecureSkipVerify: false, MinVersion: tls.VersionTLS13}
}
