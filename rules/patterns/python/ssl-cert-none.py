import socket
import ssl

import redis
import urllib3


def insecure_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)
    # ruleid: patterns.python.ssl-cert-none
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def pool_for(host):
    # ruleid: patterns.python.ssl-cert-none
    return urllib3.HTTPSConnectionPool(host, port=443, cert_reqs="CERT_NONE")


def cache_client(url):
    # ruleid: patterns.python.ssl-cert-none
    return redis.Redis.from_url(url, ssl_cert_reqs=ssl.CERT_NONE)


def mutual_tls_context(ca_file, cert, key):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    # ok: patterns.python.ssl-cert-none
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(ca_file)
    ctx.load_cert_chain(cert, key)
    return ctx


def connect(host, port):
    ctx = ssl.create_default_context()
    sock = socket.create_connection((host, port))
    # ok: patterns.python.ssl-cert-none
    return ctx.wrap_socket(sock, server_hostname=host)


def pool_for_verified(host, ca_certs):
    # ok: patterns.python.ssl-cert-none
    return urllib3.HTTPSConnectionPool(host, port=443, cert_reqs="CERT_REQUIRED", ca_certs=ca_certs)


def tls_server_context(cert, key):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    # ok: patterns.python.ssl-cert-none
    ctx.verify_mode = ssl.CERT_NONE
    return ctx
