from flask import Flask, request, jsonify

app = Flask(__name__)

PROFILE_HEADER = "# vpn-profile"
REQUIRED = ("SERVER", "PORT", "PROTOCOL")


def _read_profile(text):
    namespace = {}
    exec(text, namespace)
    return namespace


def _summarise(ns):
    return {key.lower(): ns.get(key) for key in REQUIRED}


@app.route("/self-service/profile/import", methods=["POST"])
def import_profile():
    text = request.get_data(as_text=True)
    if not text.lstrip().startswith(PROFILE_HEADER):
        return jsonify(error="not a vpn profile"), 400
    try:
        settings = _summarise(_read_profile(text))
    except Exception as exc:
        return jsonify(error=str(exc)), 400
    missing = [k for k, v in settings.items() if v is None]
    if missing:
        return jsonify(error="missing settings", fields=missing), 422
    return jsonify(profile=settings)


if __name__ == "__main__":
    app.run()
