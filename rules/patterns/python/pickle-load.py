import base64
import io
import json
import pickle
import pickle as pkl

import dill
import redis

cache = redis.Redis()


def load_session(cookie_value):
    raw = base64.b64decode(cookie_value)
    # ruleid: patterns.python.pickle-load
    return pickle.loads(raw)


def load_model(path):
    with open(path, "rb") as fh:
        # ruleid: patterns.python.pickle-load
        return dill.load(fh)


def cached_report(key):
    blob = cache.get(key)
    if blob is None:
        return None
    # ruleid: patterns.python.pickle-load
    return pickle.Unpickler(io.BytesIO(blob)).load()


def load_fixture(path):
    with open(path, "rb") as fh:
        # ruleid: patterns.python.pickle-load
        return pkl.load(fh)


def store_report(key, report):
    # ok: patterns.python.pickle-load
    cache.set(key, pickle.dumps(report))


def load_session_json(cookie_value):
    # ok: patterns.python.pickle-load
    return json.loads(base64.b64decode(cookie_value))


def save_model(model, path):
    with open(path, "wb") as fh:
        # ok: patterns.python.pickle-load
        dill.dump(model, fh)
