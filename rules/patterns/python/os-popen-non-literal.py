import os


def file_type(path):
    # ruleid: patterns.python.os-popen-non-literal
    with os.popen("file --brief " + path) as pipe:
        return pipe.read().strip()


def whois(domain):
    # ruleid: patterns.python.os-popen-non-literal
    return os.popen(f"whois {domain}").read()


def lookup(host):
    command = "dig +short {}".format(host)
    # ruleid: patterns.python.os-popen-non-literal
    return os.popen(command, "r").readlines()


def kernel_version():
    # ok: patterns.python.os-popen-non-literal
    return os.popen("uname -r").read().strip()


def uptime():
    # ok: patterns.python.os-popen-non-literal
    with os.popen("uptime", "r") as pipe:
        return pipe.read()
