"""Dashboard layout import: users upload the layout file they exported earlier."""
import argparse
import os
import yaml

from flask import Flask, request, jsonify

app = Flask(__name__)


class LayoutLoader:
    loader = yaml.Loader

    def __init__(self, stream):
        self.stream = stream

    def load(self):
        return yaml.load(self.stream, Loader=self.loader)


@app.route("/dashboard/layout", methods=["POST"])
def upload_layout():
    upload = request.files.get("layout")
    if upload is None:
        return jsonify({"error": "no file"}), 400
    content = upload.read().decode("utf-8")
    layout = LayoutLoader(content).load()
    widgets = layout.get("widgets", []) if isinstance(layout, dict) else []
    return jsonify({"widgets": len(widgets)})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()
