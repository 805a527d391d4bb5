import ast
import json

from flask import Flask, request

app = Flask(__name__)


@app.route("/calc")
def calculate():
    expression = request.args.get("expr", "0")
    # ruleid: patterns.python.eval-non-literal
    result = eval(expression)
    return {"result": result}


def load_settings(path):
    with open(path) as fh:
        raw = fh.read()
    # ruleid: patterns.python.eval-non-literal
    return eval(raw, {"__builtins__": {}})


def apply_filter(records, field, op, value):
    # ruleid: patterns.python.eval-non-literal
    return [r for r in records if eval(f"r[{field!r}] {op} {value!r}")]


def load_settings_safely(path):
    with open(path) as fh:
        # ok: patterns.python.eval-non-literal
        return ast.literal_eval(fh.read())


def parse_payload(body):
    # ok: patterns.python.eval-non-literal
    return json.loads(body)


def max_int():
    # ok: patterns.python.eval-non-literal
    return eval("2**31 - 1")
