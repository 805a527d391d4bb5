import urllib.request

import httpx
import requests
from flask import Flask, abort, request

app = Flask(__name__)
WEBHOOK_TARGETS = {"slack": "https://hooks.example.com/deploy"}


@app.get("/preview")
def link_preview():
    url = request.args.get("url")
    # ruleid: patterns.python.ssrf-request-data
    resp = requests.get(url, timeout=5)
    return {"status": resp.status_code, "title": resp.text[:100]}


@app.post("/webhooks/test")
def test_webhook():
    target = request.get_json()["callback_url"]
    # ruleid: patterns.python.ssrf-request-data
    httpx.post(target, json={"event": "ping"}, timeout=5)
    return {"sent": True}


def fetch_avatar(request):
    avatar_url = request.POST["avatar_url"]
    # ruleid: patterns.python.ssrf-request-data
    with urllib.request.urlopen(avatar_url, timeout=5) as resp:
        return resp.read()


@app.get("/proxy")
def proxy():
    host = request.args["host"]
    # ruleid: patterns.python.ssrf-request-data
    return requests.get(f"http://{host}/status", timeout=3).text


@app.post("/webhooks/send")
def send_webhook():
    target = WEBHOOK_TARGETS.get(request.form.get("target", ""))
    if target is None:
        abort(400)
    # ok: patterns.python.ssrf-request-data
    requests.post(target, json={"text": "deploy finished"}, timeout=5)
    return {"sent": True}


@app.get("/users/lookup")
def lookup_user():
    user_id = request.args["id"]
    # ok: patterns.python.ssrf-request-data
    resp = requests.get(f"https://api.example.com/users/{user_id}", timeout=5)
    return resp.json()
