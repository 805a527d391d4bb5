import os
import subprocess
import tempfile


def render_pdf(html: str) -> bytes:
    # ruleid: patterns.python.tempfile-mktemp
    out_path = tempfile.mktemp(suffix=".pdf")
    subprocess.run(["wkhtmltopdf", "-", out_path], input=html.encode(), check=True)
    with open(out_path, "rb") as fh:
        data = fh.read()
    os.remove(out_path)
    return data


def scratch_socket_path():
    # ruleid: patterns.python.tempfile-mktemp
    return tempfile.mktemp(prefix="worker-", dir="/run/myapp")


def render_pdf_safe(html: str) -> bytes:
    # ok: patterns.python.tempfile-mktemp
    fd, out_path = tempfile.mkstemp(suffix=".pdf")
    os.close(fd)
    try:
        subprocess.run(["wkhtmltopdf", "-", out_path], input=html.encode(), check=True)
        with open(out_path, "rb") as fh:
            return fh.read()
    finally:
        os.remove(out_path)


def write_report(rows):
    # ok: patterns.python.tempfile-mktemp
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as fh:
        fh.writelines(rows)
        return fh.name
