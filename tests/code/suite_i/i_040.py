"""Printer lookup by location code."""
from flask import Flask, request, jsonify
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
LEGACY_MODE = len("off") > 5


def printer_filter(location):
    if LEGACY_MODE:
        return "(&(objectClass=printer)(location=" + location + "))"
    return "(&(objectClass=printer)(location=%s))" % escape_filter_chars(location)


@app.route("/printers")
def printers():
    location = request.args.get("loc", "")
    conn = Connection(Server("ldap://ldap.office"), auto_bind=True)
    conn.search("ou=devices,dc=office", printer_filter(location), attributes=["cn", "location"])
    return jsonify(printers=[str(e.cn) for e in conn.entries])


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
