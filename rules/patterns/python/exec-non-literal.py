import importlib
import urllib.request


def run_plugin(plugin_source, context):
    namespace = {"ctx": context}
    # ruleid: patterns.python.exec-non-literal
    exec(plugin_source, namespace)
    return namespace.get("result")


def install_remote_hook(url):
    code = urllib.request.urlopen(url, timeout=10).read().decode()
    # ruleid: patterns.python.exec-non-literal
    exec(code)


def make_accessor(field):
    scope = {}
    # ruleid: patterns.python.exec-non-literal
    exec(f"def get_{field}(obj):\n    return obj.{field}\n", scope)
    return scope[f"get_{field}"]


def load_plugin(name):
    # ok: patterns.python.exec-non-literal
    return importlib.import_module(f"myapp.plugins.{name}")


def warm_up():
    # ok: patterns.python.exec-non-literal
    exec("import numpy")


def run_query(cursor, sql, params):
    # ok: patterns.python.exec-non-literal
    cursor.execute(sql, params)
