from flask import Flask, jsonify, request

from util.directory import BASE_DN, get_connection

app = Flask(__name__)


@app.route("/directory/lookup", methods=["POST"])
def lookup():
    uid = request.form.get("uid", "")
    conn = get_connection()
    conn.search(
        BASE_DN,
        f"(&(objectClass=inetOrgPerson)(uid={uid}))",
        attributes=["cn", "mail"],
    )
    people = [{"cn": str(e.cn), "mail": str(e.mail)} for e in conn.entries]
    conn.unbind()
    return jsonify(people)
