import os

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt_field(key: bytes, value: str) -> bytes:
    # ruleid: patterns.python.aes-ecb-mode
    cipher = AES.new(key, AES.MODE_ECB)
    return cipher.encrypt(pad(value.encode(), AES.block_size))


def encrypt_blob(key: bytes, blob: bytes) -> bytes:
    # ruleid: patterns.python.aes-ecb-mode
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return encryptor.update(blob) + encryptor.finalize()


def encrypt_blob_kw(key: bytes, blob: bytes) -> bytes:
    # ruleid: patterns.python.aes-ecb-mode
    return AES.new(key, mode=AES.MODE_ECB).encrypt(pad(blob, 16))


def encrypt_field_gcm(key: bytes, value: str) -> bytes:
    # ok: patterns.python.aes-ecb-mode
    cipher = AES.new(key, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(value.encode())
    return cipher.nonce + tag + ciphertext


def encrypt_blob_ctr(key: bytes, blob: bytes) -> bytes:
    nonce = os.urandom(16)
    # ok: patterns.python.aes-ecb-mode
    encryptor = Cipher(algorithms.AES(key), modes.CTR(nonce)).encryptor()
    return nonce + encryptor.update(blob) + encryptor.finalize()
