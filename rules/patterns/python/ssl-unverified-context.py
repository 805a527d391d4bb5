import json
import ssl
import urllib.request


def fetch_json(url):
    # ruleid: patterns.python.ssl-unverified-context
    ctx = ssl._create_unverified_context()
    with urllib.request.urlopen(url, context=ctx, timeout=10) as resp:
        return json.load(resp)


def patch_for_legacy_servers():
    # ruleid: patterns.python.ssl-unverified-context
    ssl._create_default_https_context = ssl._create_unverified_context


def fetch_json_verified(url, ca_file=None):
    # ok: patterns.python.ssl-unverified-context
    ctx = ssl.create_default_context(cafile=ca_file)
    with urllib.request.urlopen(url, context=ctx, timeout=10) as resp:
        return json.load(resp)


def client_context(cert, key):
    # ok: patterns.python.ssl-unverified-context
    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx
