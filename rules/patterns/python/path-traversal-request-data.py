import os

from django.http import FileResponse, HttpResponse
from flask import Flask, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
REPORT_DIR = "/srv/app/reports"
UPLOAD_DIR = "/srv/app/uploads"


@app.get("/reports/download")
def download_report():
    name = request.args.get("name", "")
    # ruleid: patterns.python.path-traversal-request-data
    return send_file(name, as_attachment=True)


@app.get("/reports/view")
def view_report():
    # ruleid: patterns.python.path-traversal-request-data
    path = os.path.join(REPORT_DIR, request.args["file"])
    # ruleid: patterns.python.path-traversal-request-data
    with open(path) as fh:
        return fh.read()


@app.post("/upload")
def upload():
    uploaded = request.files["document"]
    # ruleid: patterns.python.path-traversal-request-data
    uploaded.save(UPLOAD_DIR + "/" + uploaded.filename)
    return {"ok": True}


def django_attachment(request):
    filename = request.GET.get("filename")
    # ruleid: patterns.python.path-traversal-request-data
    return FileResponse(open(f"/srv/app/attachments/{filename}", "rb"))


@app.get("/reports/download-safe")
def download_report_safe():
    # ok: patterns.python.path-traversal-request-data
    return send_from_directory(REPORT_DIR, request.args.get("name", ""), as_attachment=True)


@app.post("/upload-safe")
def upload_safe():
    uploaded = request.files["document"]
    filename = secure_filename(uploaded.filename)
    # ok: patterns.python.path-traversal-request-data
    uploaded.save(os.path.join(UPLOAD_DIR, filename))
    return {"ok": True}


def django_attachment_safe(request):
    filename = os.path.basename(request.GET.get("filename", ""))
    # ok: patterns.python.path-traversal-request-data
    with open(os.path.join("/srv/app/attachments", filename), "rb") as fh:
        return HttpResponse(fh.read(), content_type="application/octet-stream")


def load_template(name):
    # ok: patterns.python.path-traversal-request-data
    with open(os.path.join(os.path.dirname(__file__), "templates", name)) as fh:
        return fh.read()
