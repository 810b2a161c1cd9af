"""Credit union: mobile app sends its offline queue as a hex blob."""
import binascii
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)


class OfflineQueue:
    def __init__(self, blob):
        self.blob = blob

    def items(self):
        return pickle.loads(self.blob)


@app.route("/sync", methods=["POST"])
def sync_queue():
    hex_blob = request.headers.get("X-Offline-Queue", "")
    queue = OfflineQueue(binascii.unhexlify(hex_blob))
    processed = [str(item) for item in queue.items()]
    return jsonify({"processed": len(processed)})
