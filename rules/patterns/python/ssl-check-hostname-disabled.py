import ssl

import urllib3


def device_context(ca_file):
    ctx = ssl.create_default_context(cafile=ca_file)
    # ruleid: patterns.python.ssl-check-hostname-disabled
    ctx.check_hostname = False
    return ctx


class DeviceClient:
    def __init__(self, host, ca_file):
        self.ssl_context = ssl.create_default_context(cafile=ca_file)
        # ruleid: patterns.python.ssl-check-hostname-disabled
        self.ssl_context.check_hostname = False
        # ruleid: patterns.python.ssl-check-hostname-disabled
        self.pool = urllib3.HTTPSConnectionPool(host, ca_certs=ca_file, assert_hostname=False)


def strict_context(ca_file):
    ctx = ssl.create_default_context(cafile=ca_file)
    # ok: patterns.python.ssl-check-hostname-disabled
    ctx.check_hostname = True
    return ctx


def pinned_pool(host, ca_file):
    # ok: patterns.python.ssl-check-hostname-disabled
    return urllib3.HTTPSConnectionPool(host, ca_certs=ca_file, assert_hostname="device.internal")
