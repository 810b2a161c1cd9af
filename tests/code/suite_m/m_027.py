import hashlib
import os

import psycopg2
from flask import Flask, request, jsonify, abort

app = Flask(__name__)


class CredentialStore:
    def __init__(self, dsn):
        self.dsn = dsn

    def _digest(self, password):
        return hashlib.md5(password.encode("utf-8")).hexdigest()

    def set_password(self, username, password):
        with psycopg2.connect(self.dsn) as conn, conn.cursor() as cur:
            cur.execute(
                "UPDATE vpn_users SET secret_hash = %s WHERE username = %s",
                (self._digest(password), username),
            )
            return cur.rowcount

    def verify(self, username, password):
        with psycopg2.connect(self.dsn) as conn, conn.cursor() as cur:
            cur.execute("SELECT secret_hash FROM vpn_users WHERE username = %s", (username,))
            row = cur.fetchone()
        return row is not None and row[0] == self._digest(password)


store = CredentialStore(os.environ["VPN_DB_DSN"])


@app.route("/self-service/password", methods=["POST"])
def change_password():
    form = request.form
    if not store.verify(form["username"], form["current"]):
        abort(403)
    if len(form["new"]) < 12:
        return jsonify(error="minimum 12 characters"), 400
    store.set_password(form["username"], form["new"])
    return jsonify(changed=True)


if __name__ == "__main__":
    app.run()
