"""Badge reader back end: authenticates a user against OpenLDAP."""
import logging
import os

from flask import Flask, request, jsonify
from ldap3 import Server, Connection

app = Flask(__name__)
server = Server("ldap://badge-dir:389")
BASE = "ou=badges,dc=site"


def strip_wildcards(value):
    return value.replace("*", "")


def badge_matches(user, badge_code):
    conn = Connection(server, "cn=reader,dc=site", "reader-pw", auto_bind=True)
    flt = "(&(uid=" + strip_wildcards(user) + ")(badgeCode=" + strip_wildcards(badge_code) + "))"
    conn.search(BASE, flt, attributes=["uid"])
    found = len(conn.entries) > 0
    conn.unbind()
    return found


@app.route("/badge/verify", methods=["POST"])
def verify():
    body = request.get_json(force=True)
    ok = badge_matches(body.get("user", ""), body.get("code", ""))
    return jsonify({"open_door": ok}), (200 if ok else 403)


access_log = logging.getLogger(__name__ + ".access")
logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))


@app.after_request
def log_response(response):
    access_log.debug("status=%s length=%s", response.status_code, response.content_length)
    return response
