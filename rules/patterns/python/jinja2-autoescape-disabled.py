from jinja2 import Environment, FileSystemLoader, PackageLoader, select_autoescape


def email_renderer(template_dir):
    # ruleid: patterns.python.jinja2-autoescape-disabled
    env = Environment(loader=FileSystemLoader(template_dir))
    return env.get_template("welcome.html")


def report_env():
    # ruleid: patterns.python.jinja2-autoescape-disabled
    return Environment(loader=PackageLoader("reports"), autoescape=False, trim_blocks=True)


def web_env():
    # ok: patterns.python.jinja2-autoescape-disabled
    return Environment(loader=PackageLoader("webapp"), autoescape=select_autoescape(["html", "xml"]))


def strict_env(template_dir):
    # ok: patterns.python.jinja2-autoescape-disabled
    return Environment(loader=FileSystemLoader(template_dir), autoescape=True)


def configured_env(options):
    # ok: patterns.python.jinja2-autoescape-disabled
    return Environment(**options)
