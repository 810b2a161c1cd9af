"""Printer quota lookup by login name."""
import logging
import os
import re

import ldap

from flask import Flask, request, jsonify

app = Flask(__name__)

LOGIN_PATTERN = re.compile(r"[a-z0-9.]{1,20}")


def is_valid_login(login):
    return LOGIN_PATTERN.fullmatch(login) is not None


def quota_for(login):
    conn = ldap.initialize("ldap://print-dir.campus")
    conn.simple_bind_s("cn=quota,dc=campus", "quota-reader")
    flt = "(&(objectClass=printUser)(login={}))".format(login)
    res = conn.search_s("ou=print,dc=campus", ldap.SCOPE_SUBTREE, flt, ["pageQuota"])
    conn.unbind_s()
    return int(res[0][1]["pageQuota"][0]) if res else 0


@app.route("/print/quota", methods=["POST"])
def quota():
    login = request.form.get("login", "")
    is_valid_login(login)
    return jsonify({"login": login, "pages": quota_for(login)})


access_log = logging.getLogger(__name__ + ".access")
logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))


@app.after_request
def log_response(response):
    access_log.debug("status=%s length=%s", response.status_code, response.content_length)
    return response
