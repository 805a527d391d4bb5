package auth

import (
	crand "crypto/rand"
	"encoding/base64"
	"math/big"
	"math/rand"
	"time"
)

const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func GenerateToken(n int) string {
	b := make([]byte, n)
	for i := range b {
		// ruleid: patterns.go.math-rand-secret
		b[i] = alphabet[rand.Intn(len(alphabet))]
	}
	return string(b)
}

type Service struct {
	codes map[string]int
}

func (s *Service) resetUser(email string) int {
	// ruleid: patterns.go.math-rand-secret
	resetCode := 100000 + rand.Intn(900000)
	s.codes[email] = resetCode
	return resetCode
}

func GenerateAPIKey(seed int64) string {
	r := rand.New(rand.NewSource(seed))
	b := make([]byte, 32)
	for i := range b {
		// ruleid: patterns.go.math-rand-secret
		b[i] = byte(r.Intn(256))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func GenerateAPIKeySecure() (string, error) {
	b := make([]byte, 32)
	// ok: patterns.go.math-rand-secret
	if _, err := crand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func GenerateOTP() (string, error) {
	// ok: patterns.go.math-rand-secret
	n, err := crand.Int(crand.Reader, big.NewInt(1000000))
	if err != nil {
		return "", err
	}
	return n.String(), nil
}

func Backoff(attempt int) time.Duration {
	// ok: patterns.go.math-rand-secret
	jitter := time.Duration(rand.Int63n(int64(100 * time.Millisecond)))
	return time.Duration(attempt)*time.Second + jitter
}

func PickServer(servers []string) string {
	// ok: patterns.go.math-rand-secret
	return servers[rand.Intn(len(servers))]
}

func ShuffleTokens(tokens []string) {
	// ok: patterns.go.math-rand-secret
	rand.Shuffle(len(tokens), func(i, j int) { tokens[i], tokens[j] = tokens[j], tokens[i] })
}
