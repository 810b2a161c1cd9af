from flask import Blueprint, request, jsonify, current_app
from ldap3 import Server, Connection, SUBTREE

staff_dir = Blueprint("staff_dir", __name__)

SEARCH_ATTRS = ("cn", "mail", "title")


def normalise_terms(raw):
    words = [w.strip().lower() for w in raw.split(",") if w.strip()]
    return words[:3]


def build_filter(words):
    clauses = "".join("(cn=*%s*)" % w for w in words)
    return "(&(objectClass=person)(department=marketing)(|%s))" % clauses


@staff_dir.route("/newsletter/senders/search", methods=["POST"])
def search_senders():
    terms = normalise_terms(request.form.get("q", ""))
    if not terms:
        return jsonify(results=[])
    cfg = current_app.config
    conn = Connection(Server(cfg["LDAP_URL"]), cfg["LDAP_BIND_DN"], cfg["LDAP_BIND_PW"],
                      auto_bind=True)
    conn.search(cfg["LDAP_BASE"], build_filter(terms), SUBTREE, attributes=list(SEARCH_ATTRS))
    found = [{a: str(getattr(e, a)) for a in SEARCH_ATTRS} for e in conn.entries]
    conn.unbind()
    return jsonify(results=found)
