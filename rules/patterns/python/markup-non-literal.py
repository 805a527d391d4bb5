from flask import Flask, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)


@app.template_filter("linkify")
def linkify(url, label):
    # ruleid: patterns.python.markup-non-literal
    return Markup(f'<a href="{url}">{label}</a>')


@app.get("/greet")
def greet():
    name = request.args.get("name", "stranger")
    # ruleid: patterns.python.markup-non-literal
    banner = Markup("<h1>Hello, " + name + "!</h1>")
    return render_template("greet.html", banner=banner)


@app.get("/greet-safe")
def greet_safe():
    name = request.args.get("name", "stranger")
    # ok: patterns.python.markup-non-literal
    banner = Markup("<h1>Hello, {}!</h1>").format(name)
    return render_template("greet.html", banner=banner)


@app.template_filter("linkify_safe")
def linkify_safe(url, label):
    # ok: patterns.python.markup-non-literal
    return Markup('<a href="%s">%s</a>') % (url, label)


def icon(name):
    # ok: patterns.python.markup-non-literal
    return Markup(escape(name))
