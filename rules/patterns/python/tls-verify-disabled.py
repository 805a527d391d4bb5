import aiohttp
import httpx
import requests
import urllib3

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

INTERNAL_CA = "/etc/ssl/certs/internal-ca.pem"


def fetch_inventory(base_url, token):
    # ruleid: patterns.python.tls-verify-disabled
    resp = requests.get(f"{base_url}/inventory", headers={"Authorization": token}, verify=False)
    resp.raise_for_status()
    return resp.json()


def make_session():
    session = requests.Session()
    # ruleid: patterns.python.tls-verify-disabled
    session.verify = False
    return session


def post_metrics(session, url, payload):
    # ruleid: patterns.python.tls-verify-disabled
    return session.post(url, json=payload, timeout=5, verify=False)


async def poll(url):
    # ruleid: patterns.python.tls-verify-disabled
    async with httpx.AsyncClient(verify=False, timeout=10) as client:
        return (await client.get(url)).json()


async def scrape(url):
    # ruleid: patterns.python.tls-verify-disabled
    connector = aiohttp.TCPConnector(ssl=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url) as resp:
            return await resp.text()


def fetch_inventory_internal(base_url, token):
    # ok: patterns.python.tls-verify-disabled
    resp = requests.get(f"{base_url}/inventory", headers={"Authorization": token}, verify=INTERNAL_CA)
    return resp.json()


def fetch_status(url):
    # ok: patterns.python.tls-verify-disabled
    return httpx.get(url, timeout=5.0, follow_redirects=False).status_code


def make_internal_session():
    session = requests.Session()
    # ok: patterns.python.tls-verify-disabled
    session.verify = INTERNAL_CA
    return session
