import json
import marshal
import socket


def receive_job(conn: socket.socket):
    size = int.from_bytes(conn.recv(4), "big")
    payload = conn.recv(size)
    # ruleid: patterns.python.marshal-load
    return marshal.loads(payload)


def read_snapshot(path):
    with open(path, "rb") as fh:
        # ruleid: patterns.python.marshal-load
        return marshal.load(fh)


def write_snapshot(path, data):
    with open(path, "wb") as fh:
        # ok: patterns.python.marshal-load
        marshal.dump(data, fh)


def receive_job_json(conn: socket.socket):
    size = int.from_bytes(conn.recv(4), "big")
    # ok: patterns.python.marshal-load
    return json.loads(conn.recv(size))
