from flask import Flask, abort, jsonify, request

from util.directory import BASE_DN, get_connection

app = Flask(__name__)


class DirectoryQuery:
    def __init__(self, **terms):
        self.terms = terms

    def to_filter(self):
        clauses = ["(%s=%s)" % (k, v) for k, v in self.terms.items()]
        return "(&" + "".join(clauses) + ")"


@app.route("/me/manager")
def my_manager():
    email = request.headers.get("X-Forwarded-Email")
    if not email:
        abort(401)
    query = DirectoryQuery(objectClass="person", mail=email)
    conn = get_connection()
    conn.search(BASE_DN, query.to_filter(), attributes=["manager"])
    managers = [str(e.manager) for e in conn.entries]
    return jsonify({"manager": managers[0] if managers else None})
