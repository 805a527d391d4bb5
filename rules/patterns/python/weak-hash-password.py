import hashlib
import os
from hashlib import sha1


class UserStore:
    def __init__(self, db):
        self.db = db

    def create(self, username, password):
        # ruleid: patterns.python.weak-hash-password
        digest = hashlib.md5(password.encode("utf-8")).hexdigest()
        self.db.insert("users", username=username, password_hash=digest)

    def check(self, username, password):
        row = self.db.get("users", username=username)
        salt = row["salt"]
        # ruleid: patterns.python.weak-hash-password
        return sha1((salt + password).encode()).hexdigest() == row["password_hash"]

    def legacy_check(self, row, pwd):
        h = hashlib.new("md5")
        # ruleid: patterns.python.weak-hash-password
        h.update(pwd.encode())
        return h.hexdigest() == row["hash"]

    def reset(self, username, new_secret):
        # ruleid: patterns.python.weak-hash-password
        self.password_digest = hashlib.sha1(new_secret.encode()).hexdigest()
        self.db.update("users", username=username, password_hash=self.password_digest)


def hash_password(password):
    salt = os.urandom(16)
    # ok: patterns.python.weak-hash-password
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return salt + key


def cache_key(url, params):
    # ok: patterns.python.weak-hash-password
    return hashlib.md5(f"{url}?{params}".encode()).hexdigest()


def file_etag(path):
    with open(path, "rb") as fh:
        # ok: patterns.python.weak-hash-password
        return hashlib.sha1(fh.read(), usedforsecurity=False).hexdigest()


def avatar_url(email):
    # ok: patterns.python.weak-hash-password
    return "https://www.gravatar.com/avatar/" + hashlib.md5(email.lower().encode()).hexdigest()


def issue_reset_link(user):
    # ok: patterns.python.weak-hash-password
    password_reset_token = hashlib.sha1(os.urandom(32)).hexdigest()
    user.save_reset_token(password_reset_token)
    return f"/reset/{password_reset_token}"
