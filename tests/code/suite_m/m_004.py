import os
import re

from flask import Flask, request, jsonify

app = Flask(__name__)

NAME_RE = re.compile(r"^[A-Za-z][A-Za-z .'-]{1,60}$")
CARD_DIR = "/srv/club/cards"


class CardRenderer:
    template = "/srv/club/templates/card.html"

    def __init__(self, member_no, display_name):
        self.member_no = member_no
        self.display_name = display_name

    @property
    def output_path(self):
        return os.path.join(CARD_DIR, "card-%d.pdf" % self.member_no)

    def render(self):
        cmd = 'wkhtmltopdf --title "%s" %s %s' % (
            self.display_name, self.template, self.output_path
        )
        with os.popen(cmd) as pipe:
            pipe.read()
        return self.output_path


@app.route("/members/<int:member_no>/card", methods=["POST"])
def make_card(member_no):
    body = request.get_json(force=True)
    name = body.get("name", "")
    name_ok = NAME_RE.match(name) is not None
    app.logger.info("card request for %s (name ok: %s)", member_no, name_ok)

    renderer = CardRenderer(member_no, name)
    path = renderer.render()
    return jsonify(member=member_no, card=os.path.basename(path))


if __name__ == "__main__":
    app.run()
