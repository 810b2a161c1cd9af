import xml.etree.ElementTree as ET

from flask import Flask, request, jsonify, abort

app = Flask(__name__)

KENNEL_FILE = "/srv/vetclinic/kennels.xml"
SPECIES = {"dog", "cat", "rabbit", "ferret", "bird"}


def boarders(species, ward):
    tree = ET.parse(KENNEL_FILE)
    path = ".//ward[@name='%s']/animal[@species='%s']" % (ward, species)
    return tree.getroot().findall(path)


@app.route("/kennels/boarders")
def list_boarders():
    species = request.args.get("species", "dog").lower()
    ward = request.args.get("ward", "A")
    if species not in SPECIES:
        abort(400)
    if ward not in ("A", "B", "C", "ISOLATION"):
        abort(400)
    animals = [
        {"name": a.get("name"), "owner": a.findtext("owner"), "until": a.findtext("until")}
        for a in boarders(species, ward)
    ]
    return jsonify(species=species, ward=ward, animals=animals)


if __name__ == "__main__":
    app.run()
