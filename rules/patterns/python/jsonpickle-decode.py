import json

import jsonpickle
from flask import Flask, request

app = Flask(__name__)


@app.post("/import")
def import_state():
    # ruleid: patterns.python.jsonpickle-decode
    state = jsonpickle.decode(request.get_data(as_text=True))
    return {"restored": type(state).__name__}


def read_queue_message(message):
    # ruleid: patterns.python.jsonpickle-decode
    return jsonpickle.loads(message.body)


@app.get("/export")
def export_state():
    # ok: patterns.python.jsonpickle-decode
    return jsonpickle.encode({"version": 2, "items": []})


def read_queue_message_json(message):
    # ok: patterns.python.jsonpickle-decode
    return json.loads(message.body)
