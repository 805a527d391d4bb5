import os
import socket
from http.server import HTTPServer, SimpleHTTPRequestHandler

import uvicorn
from flask import Flask

app = Flask(__name__)


def serve_metrics(port=9100):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # ruleid: patterns.python.bind-all-interfaces
    sock.bind(("0.0.0.0", port))
    sock.listen()
    return sock


def serve_files(port=8000):
    # ruleid: patterns.python.bind-all-interfaces
    httpd = HTTPServer(("", port), SimpleHTTPRequestHandler)
    httpd.serve_forever()


def run_api():
    # ruleid: patterns.python.bind-all-interfaces
    uvicorn.run("api.main:app", host="0.0.0.0", port=8080)


def run_local_api():
    # ok: patterns.python.bind-all-interfaces
    uvicorn.run("api.main:app", host="127.0.0.1", port=8080)


def serve_metrics_local(port=9100):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ok: patterns.python.bind-all-interfaces
    sock.bind(("127.0.0.1", port))
    return sock


if __name__ == "__main__":
    # ruleid: patterns.python.bind-all-interfaces
    app.run(host="0.0.0.0", port=5000)
    # ok: patterns.python.bind-all-interfaces
    app.run(host=os.environ.get("BIND_HOST", "127.0.0.1"), port=5000)
