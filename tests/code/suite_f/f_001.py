"""Harbor Valley Electric Co-op: on-demand interval-data export for a member's meter."""
from dataclasses import dataclass, field
from datetime import date

from flask import Flask, jsonify, request

from common.settings import setting
from common.shellrun import Toolbox

app = Flask(__name__)


@dataclass
class ExportJob:
    meter: str
    since: date
    fmt: str = "csv"
    tags: list = field(default_factory=list)

    def archive_name(self):
        return "{}/{}-{}.tgz".format(setting("paths", "exports_root"), self.meter, self.since.isoformat())


def build_job(args):
    meter = args.get("meter", "").upper()
    since = date.fromisoformat(args.get("since", date.today().isoformat()))
    return ExportJob(meter=meter, since=since, tags=["member-portal"])


@app.get("/members/export")
def export_interval_data():
    job = build_job(request.args)
    tool = Toolbox(setting("tools", "archiver"))
    source = f"{setting("paths", "exports_root")}/interval/{job.meter}"
    tool.call_line("-czf", job.archive_name(), source)
    return jsonify(status="queued", archive=job.archive_name())
