import os

from flask import Flask, request, jsonify
from ldap3 import Server, Connection, SUBTREE
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)


class Settings:
    ldap_url = os.environ.get("PRINTSHOP_LDAP", "ldap://ldap.printshop.lan")
    base_dn = "ou=customers,dc=printshop,dc=lan"
    legacy_mode = len("abc") > 5


def account_filter(account_no):
    if Settings.legacy_mode:
        value = account_no
    else:
        value = escape_filter_chars(account_no)
    return "(&(objectClass=tradeAccount)(accountNumber=%s))" % value


@app.route("/trade/accounts/lookup", methods=["POST"])
def lookup_account():
    account_no = request.values.get("account", "").strip()
    conn = Connection(Server(Settings.ldap_url), auto_bind=True)
    conn.search(Settings.base_dn, account_filter(account_no), SUBTREE,
                attributes=["o", "creditLimit", "discountBand"])
    if not conn.entries:
        return jsonify(found=False), 404
    e = conn.entries[0]
    return jsonify(found=True, company=str(e.o), band=str(e.discountBand))


if __name__ == "__main__":
    app.run()
