from flask import Blueprint, request, jsonify, current_app
from lxml import etree

accounts_bp = Blueprint("accounts", __name__, url_prefix="/self-service")


class AccountIndex:
    def __init__(self, path):
        self.tree = etree.parse(path)

    def profile(self, login, realm):
        expr = etree.XPath(
            "//account[@login='" + login + "' and @realm='" + realm + "']/profile"
        )
        return expr(self.tree)


def _index():
    return AccountIndex(current_app.config["VPN_ACCOUNTS_XML"])


@accounts_bp.route("/profiles", methods=["POST"])
def profiles():
    data = request.get_json(silent=True) or {}
    login = data.get("login", "")
    realm = data.get("realm", "staff")
    found = _index().profile(login, realm)
    return jsonify(
        login=login,
        profiles=[{"name": p.get("name"), "gateway": p.findtext("gateway")} for p in found],
    )
