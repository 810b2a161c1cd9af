import logging
from datetime import datetime

from flask import Blueprint, Flask, jsonify, request

rules_bp = Blueprint("rules", __name__)
log = logging.getLogger(__name__)

RULES = {}


class Automation:
    def __init__(self, name, source):
        self.name = name
        self.source = source
        self.created = datetime.utcnow()

    def compile(self):
        return compile(self.source, "<rule:%s>" % self.name, "exec")

    def run(self, sensors):
        namespace = {"sensors": sensors, "actions": []}
        exec(self.compile(), namespace)
        return namespace["actions"]


@rules_bp.route("/rules", methods=["POST"])
def upload_rule():
    upload = request.files["script"]
    name = request.form.get("name", "rule")
    source = upload.read().decode("utf-8")
    RULES[name] = Automation(name, source)
    log.info("stored rule %s (%d bytes)", name, len(source))
    return jsonify({"stored": name}), 201


@rules_bp.route("/rules/<name>/test", methods=["POST"])
def test_rule(name):
    rule = RULES.get(name)
    if rule is None:
        return jsonify({"error": "no such rule"}), 404
    sensors = {"temperature": 21.5, "humidity": 40, "motion": False}
    return jsonify({"actions": rule.run(sensors)})


def create_app():
    app = Flask(__name__)
    app.register_blueprint(rules_bp)
    return app
