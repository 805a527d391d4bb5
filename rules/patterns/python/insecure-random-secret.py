import random
import secrets
import string
from random import choice, randint

ALPHABET = string.ascii_letters + string.digits


def generate_token(length=32):
    # ruleid: patterns.python.insecure-random-secret
    return "".join(random.choice(ALPHABET) for _ in range(length))


def send_login_code(user, sms):
    # ruleid: patterns.python.insecure-random-secret
    otp = randint(100000, 999999)
    sms.send(user.phone, f"Your code is {otp}")
    return otp


class ApiClientFactory:
    def create(self, owner):
        client = {"owner": owner}
        # ruleid: patterns.python.insecure-random-secret
        client["id"], self.api_key = owner.id, "%032x" % random.getrandbits(128)
        return client


def reset_password(user):
    # ruleid: patterns.python.insecure-random-secret
    password = "".join(choice(ALPHABET) for _ in range(12))
    user.set_password(password)
    return password


def generate_token_secure(length=32):
    # ok: patterns.python.insecure-random-secret
    return secrets.token_urlsafe(length)


def sample_fixtures(rows):
    # ok: patterns.python.insecure-random-secret
    subset = random.sample(rows, k=min(10, len(rows)))
    random.shuffle(subset)
    return subset


def retry_delay(attempt):
    # ok: patterns.python.insecure-random-secret
    return min(60, 2 ** attempt) + random.uniform(0, 1)


def make_otp():
    # ok: patterns.python.insecure-random-secret
    return "".join(secrets.choice(string.digits) for _ in range(6))


def temporary_password(length=16):
    rng = random.SystemRandom()
    # ok: patterns.python.insecure-random-secret
    password = "".join(rng.choice(ALPHABET) for _ in range(length))
    return password
