from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

ROSTER_PATH = "/srv/club/roster.xml"


def team_key(raw):
    return raw.strip().lower()


def roster_query(team):
    return "/roster/member[team='{}' and status='active']".format(team)


def active_members(team):
    doc = etree.parse(ROSTER_PATH)
    return doc.xpath(roster_query(team))


@app.route("/teams/members", methods=["POST"])
def team_members():
    team = team_key(request.form.get("team", ""))
    members = active_members(team)
    return jsonify(
        team=team,
        members=[
            {"name": m.findtext("name"), "shirt": m.findtext("shirt")}
            for m in members
        ],
    )


if __name__ == "__main__":
    app.run()
