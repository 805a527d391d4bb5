import asyncio
import os

from flask import Flask, jsonify
from flask_socketio import SocketIO

app = Flask(__name__)
socketio = SocketIO(app)


@app.get("/health")
def health():
    return jsonify(status="ok")


def create_app():
    application = Flask(__name__)
    # ruleid: patterns.python.flask-debug-true
    application.config["DEBUG"] = True
    return application


async def warm_cache():
    await asyncio.sleep(0)


def main():
    # ok: patterns.python.flask-debug-true
    asyncio.run(warm_cache(), debug=True)
    # ok: patterns.python.flask-debug-true
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
    # ruleid: patterns.python.flask-debug-true
    socketio.run(app, debug=True)


if __name__ == "__main__":
    # ruleid: patterns.python.flask-debug-true
    app.run(port=5000, debug=True)
