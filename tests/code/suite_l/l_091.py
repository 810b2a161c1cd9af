from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
USERS_XML = "/srv/ctf/users.xml"


class UserDirectory:
    def __init__(self, path):
        self.root = etree.parse(path).getroot()

    def authenticate(self, username, password):
        query = (
            f"//user[username/text()='{username}' and password/text()='{password}']"
        )
        matches = self.root.xpath(query)
        return matches[0] if matches else None


directory = UserDirectory(USERS_XML)


@app.route("/login", methods=["POST"])
def login():
    data = request.get_json(force=True)
    user = directory.authenticate(data.get("username", ""), data.get("password", ""))
    if user is None:
        return jsonify({"ok": False}), 401
    return jsonify({
        "ok": True,
        "username": user.findtext("username"),
        "role": user.findtext("role"),
    })


if __name__ == "__main__":
    app.run(port=9000)
