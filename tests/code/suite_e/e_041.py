"""Rural hospital: download a scanned referral letter."""
import os

from flask import Flask, abort, request, send_file

from common.settings import SETTINGS

app = Flask(__name__)


class RecordStore:
    root = SETTINGS.get("paths", "records_root")

    @classmethod
    def locate(cls, patient_id, document):
        return os.path.join(cls.root, patient_id, "referrals", document)


@app.get("/patients/<patient_id>/referrals")
def download_referral(patient_id):
    document = request.args.get("doc", "")
    path = RecordStore.locate(patient_id, document)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path, as_attachment=True)
