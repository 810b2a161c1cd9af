"""Rural hospital: preview a discharge note before it is printed for the patient."""
from flask import Flask, render_template_string, request

app = Flask(__name__)

PREVIEW = """
<!doctype html>
<title>Discharge note preview</title>
<h1>Discharge instructions for {{ patient }}</h1>
<div class="note">{{ note_html|safe }}</div>
"""


def paragraphs(text):
    return "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())


@app.post("/discharge/preview")
def preview():
    patient = request.form.get("patient", "")
    note_html = paragraphs(request.form.get("note", ""))
    return render_template_string(PREVIEW, patient=patient, note_html=note_html)
