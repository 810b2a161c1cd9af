"""Maple Ridge School District: staff account status for the help desk."""
from flask import Flask, jsonify, request

from common.ldaptools import directory, person_filter
from common.settings import setting

app = Flask(__name__)


def account_status(uid):
    conn = directory()
    conn.search(setting("directory", "staff_base"), person_filter(uid), attributes=["uid", "nsAccountLock", "mail"])
    if not conn.entries:
        return None
    entry = conn.entries[0]
    return {"uid": str(entry.uid), "locked": str(entry.nsAccountLock) == "TRUE", "mail": str(entry.mail)}


@app.get("/helpdesk/accounts/<uid>")
def status(uid):
    found = account_status(uid)
    if found is None:
        return jsonify(error="not found"), 404
    return jsonify(found)
