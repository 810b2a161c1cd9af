"""Safe: the nickname from a cookie is escaped with markupsafe.escape before it is written
into the HTML response."""

from flask import Flask, make_response, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/banner")
def banner():
    nickname = request.cookies.get("nickname", "friend")
    return make_response("<div class='banner'>Hi " + str(escape(nickname)) + "</div>")
