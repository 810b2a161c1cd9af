"""Maintenance endpoints for the internal tool."""
import argparse
import os

from flask import Flask, request, session, jsonify, abort

app = Flask(__name__)
app.secret_key = "internal-tool"


class RoleContext:
    header = "X-Role"
    default = "viewer"

    def from_request(self, req):
        return req.headers.get(self.header, self.default).strip().lower()


roles = RoleContext()


@app.before_request
def load_role():
    if "role" not in session:
        session["role"] = roles.from_request(request)


@app.route("/admin/purge", methods=["POST"])
def purge():
    if session.get("role") != "admin":
        abort(403)
    return jsonify({"purged": True})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()
