import ldap
from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["LDAP_URI"] = "ldap://directory.library.local"
app.config["LDAP_BASE"] = "ou=members,dc=library,dc=local"


def strip_wildcards(value):
    return value.replace("*", "").strip()


def find_member(card_number, pin):
    conn = ldap.initialize(app.config["LDAP_URI"])
    conn.simple_bind_s("cn=reader,dc=library,dc=local", "reader")
    query = "(&(objectClass=libraryMember)(cardNumber=%s)(memberPin=%s))" % (
        strip_wildcards(card_number),
        strip_wildcards(pin),
    )
    results = conn.search_s(app.config["LDAP_BASE"], ldap.SCOPE_SUBTREE, query, ["cn"])
    conn.unbind_s()
    return results


@app.route("/members/login", methods=["POST"])
def member_login():
    card = request.form.get("card", "")
    pin = request.form.get("pin", "")
    results = find_member(card, pin)
    if not results:
        return jsonify({"ok": False}), 401
    dn, attrs = results[0]
    name = attrs.get("cn", [b"member"])[0].decode()
    return jsonify({"ok": True, "member": name})


if __name__ == "__main__":
    app.run()
