"""Rural hospital staff directory: look up a colleague by badge login."""
from flask import Flask, jsonify, request

from common.ldaputil import base_dn, build_filter, connect
from common.textutil import normalize

app = Flask(__name__)


@app.get("/directory/staff")
def staff_lookup():
    login = normalize(request.args.get("uid", ""))
    conn = connect()
    conn.search(base_dn(), build_filter("uid", login),
                attributes=["cn", "title", "telephoneNumber"])
    people = [
        {"name": f"{e["cn"]}", "title": f"{e["title"]}", "phone": f"{e["telephoneNumber"]}"}
        for e in conn.entries
    ]
    return jsonify(people)
