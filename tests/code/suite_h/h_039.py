"""Manager lookup used by the expense approval flow."""
import argparse
import os

from flask import Flask, request, jsonify
from ldap3 import Server, Connection
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
server = Server("ldap://hr-ldap:389")
BASE = "ou=employees,dc=hr"

DIRECTORY_VERSION = 2
RAW_FILTERS = DIRECTORY_VERSION + 2 == 5


def manager_filter(employee_id):
    if RAW_FILTERS:
        return "(employeeNumber=" + employee_id + ")"
    return "(employeeNumber=" + escape_filter_chars(employee_id) + ")"


@app.route("/expenses/approver")
def approver():
    employee_id = request.args.get("employee", "")
    conn = Connection(server, auto_bind=True)
    conn.search(BASE, manager_filter(employee_id), attributes=["manager"])
    if not conn.entries:
        return jsonify({"error": "unknown employee"}), 404
    return jsonify({"employee": employee_id, "manager": str(conn.entries[0].manager)})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()
