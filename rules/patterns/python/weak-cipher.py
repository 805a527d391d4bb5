import os

from Crypto.Cipher import AES, DES, DES3, ARC4
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def encrypt_card(key: bytes, data: bytes) -> bytes:
    iv = os.urandom(8)
    # ruleid: patterns.python.weak-cipher
    cipher = DES3.new(key, DES3.MODE_CBC, iv)
    return iv + cipher.encrypt(data)


def legacy_token(key: bytes, payload: bytes) -> bytes:
    # ruleid: patterns.python.weak-cipher
    return ARC4.new(key).encrypt(payload)


def legacy_des(key: bytes, payload: bytes) -> bytes:
    # ruleid: patterns.python.weak-cipher
    return DES.new(key, DES.MODE_CTR, nonce=b"").encrypt(payload)


def hsm_compat_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    # ruleid: patterns.python.weak-cipher
    algorithm = algorithms.TripleDES(key)
    encryptor = Cipher(algorithm, modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def encrypt_record(key: bytes, data: bytes) -> bytes:
    nonce = os.urandom(12)
    # ok: patterns.python.weak-cipher
    return nonce + AESGCM(key).encrypt(nonce, data, None)


def encrypt_stream(key: bytes, data: bytes) -> bytes:
    # ok: patterns.python.weak-cipher
    cipher = AES.new(key, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext


def encrypt_cbc(key: bytes, iv: bytes, data: bytes) -> bytes:
    # ok: patterns.python.weak-cipher
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()
