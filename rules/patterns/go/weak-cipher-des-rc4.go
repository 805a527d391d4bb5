package legacy

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/rand"
	"crypto/rc4"
	"io"
)

func EncryptCardData(key, plaintext []byte) ([]byte, error) {
	// ruleid: patterns.go.weak-cipher-des-rc4
	block, err := des.NewTripleDESCipher(key)
	if err != nil {
		return nil, err
	}
	iv := make([]byte, block.BlockSize())
	if _, err := io.ReadFull(rand.Reader, iv); err != nil {
		return nil, err
	}
	out := make([]byte, len(plaintext))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, plaintext)
	return append(iv, out...), nil
}

func DecryptLegacyBlock(key, block8 []byte) ([]byte, error) {
	// ruleid: patterns.go.weak-cipher-des-rc4
	c, err := des.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, des.BlockSize)
	c.Decrypt(out, block8)
	return out, nil
}

func ObfuscateStream(key, data []byte) ([]byte, error) {
	// ruleid: patterns.go.weak-cipher-des-rc4
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out, nil
}

func Seal(key, plaintext []byte) ([]byte, error) {
	// ok: patterns.go.weak-cipher-des-rc4
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	// ok: patterns.go.weak-cipher-des-rc4
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := io.ReadFull(rand.Reader, nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, plaintext, nil), nil
}
