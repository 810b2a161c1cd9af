"""Electric co-op: members download their own monthly usage exports."""
from flask import Flask, abort, request, send_file

from common.pathtools import join_under
from common.settings import setting

app = Flask(__name__)


@app.get("/members/<int:member_id>/exports")
def member_export(member_id):
    name = request.args.get("name", "")
    root = f"{setting("paths", "exports_root")}/{member_id}"
    try:
        path = join_under(root, name)
    except PermissionError:
        abort(403)
    return send_file(path, as_attachment=True)
