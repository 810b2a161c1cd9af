"""County court e-filing: extract text from an uploaded PDF for the clerk's index."""
import os
import tempfile

from flask import Flask, abort, jsonify, request
from werkzeug.utils import secure_filename

from common.settings import setting
from common.shellrun import run_argv

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 25 * 1024 * 1024


class FilingTextExtractor:
    def __init__(self, converter):
        self.converter = converter

    def extract(self, pdf_path, first_page, last_page):
        argv = [self.converter, "-f", str(first_page), "-l", str(last_page), "-layout", pdf_path, "-"]
        return run_argv(argv, timeout=120)


@app.post("/efile/<docket>/text")
def extract_filing_text(docket):
    upload = request.files.get("filing")
    if upload is None:
        abort(400)
    name = secure_filename(upload.filename or "filing.pdf")
    first_page = request.form.get("first", "1")
    last_page = request.form.get("last", "5")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, name)
        upload.save(path)
        text = FilingTextExtractor(setting("tools", "pdf_converter")).extract(path, first_page, last_page)
    return jsonify(docket=docket, characters=len(text), preview=text[:400])
