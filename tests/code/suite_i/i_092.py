"""Department members from the org chart XML."""
import re

from flask import Flask, abort, request, jsonify
from lxml import etree

app = Flask(__name__)
ORG = etree.parse("/srv/org/chart.xml")
DEPT_RE = re.compile(r"[A-Za-z ]{1,40}")


def department_name(raw):
    if raw is None or not DEPT_RE.fullmatch(raw):
        abort(400, "department names are letters and spaces")
    return raw


def members(dept):
    return ORG.xpath("//department[@name='%s']/member/@name" % dept)


@app.route("/org/members")
def org_members():
    dept = department_name(request.args.get("dept"))
    return jsonify(dept=dept, members=[str(m) for m in members(dept)])


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
