import base64
import pickle

from flask import Flask, request, jsonify

app = Flask(__name__)

SCANNER_FORMAT_VERSION = 3


class BatchDecoder:
    """Handheld scanners upload their offline buffer as an encoded batch."""

    def __init__(self, blob: bytes):
        self.blob = blob

    def decode(self):
        raw = base64.b64decode(self.blob)
        return pickle.loads(raw)


def summarise(batch):
    counts = {}
    for scan in batch.get("scans", []):
        counts[scan["sku"]] = counts.get(scan["sku"], 0) + int(scan.get("qty", 1))
    return counts


@app.route("/scanner/<device_id>/sync", methods=["POST"])
def sync_buffer(device_id):
    if request.headers.get("X-Scanner-Format") != str(SCANNER_FORMAT_VERSION):
        return jsonify(error="unsupported scanner firmware"), 426
    batch = BatchDecoder(request.data).decode()
    counts = summarise(batch)
    return jsonify(device=device_id, skus=len(counts), units=sum(counts.values()))


if __name__ == "__main__":
    app.run(port=8000)
