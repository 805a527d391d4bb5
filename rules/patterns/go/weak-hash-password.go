package accounts

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"io"
)

type Account struct {
	Email        string
	Password     string
	PasswordHash string
}

func HashPassword(password string) string {
	// ruleid: patterns.go.weak-hash-password
	sum := md5.Sum([]byte(password))
	return hex.EncodeToString(sum[:])
}

func CheckPassword(a *Account, candidate string, salt []byte) bool {
	h := sha1.New()
	h.Write(salt)
	// ruleid: patterns.go.weak-hash-password
	io.WriteString(h, candidate+a.Password)
	got := hex.EncodeToString(h.Sum(nil))
	return subtle.ConstantTimeCompare([]byte(got), []byte(a.PasswordHash)) == 1
}

func LegacyDigest(a *Account) string {
	h := md5.New()
	// ruleid: patterns.go.weak-hash-password
	h.Write([]byte(a.Password))
	return hex.EncodeToString(h.Sum(nil))
}

func ETag(body []byte) string {
	// ok: patterns.go.weak-hash-password
	sum := md5.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func GravatarURL(email string) string {
	// ok: patterns.go.weak-hash-password
	sum := md5.Sum([]byte(email))
	return "https://www.gravatar.com/avatar/" + hex.EncodeToString(sum[:])
}

func PasswordResetFingerprint(passwordHash string) string {
	// ok: patterns.go.weak-hash-password
	sum := sha256.Sum256([]byte(passwordHash))
	return hex.EncodeToString(sum[:8])
}
