"""Barcode label printing endpoints for the warehouse inventory service."""
import logging
import subprocess
from dataclasses import dataclass

from flask import Blueprint, jsonify, request

log = logging.getLogger(__name__)
labels_bp = Blueprint("labels", __name__, url_prefix="/labels")


def run_shell(command: str, timeout: int = 20) -> int:
    """Run a CUPS command and return its exit code."""
    log.debug("running %s", command)
    completed = subprocess.run(command, shell=True, timeout=timeout,
                               capture_output=True)
    return completed.returncode


@dataclass
class LabelJob:
    sku: str
    title: str
    copies: int = 1


class LabelPrinter:
    def __init__(self, queue: str, runner=run_shell):
        self.queue = queue
        self._runner = runner

    def build(self, job: LabelJob) -> str:
        parts = [
            "lp",
            "-d", self.queue,
            "-n", str(job.copies),
            "-t", '"{}"'.format(job.title),
            "/var/spool/labels/{}.pdf".format(job.sku.upper()),
        ]
        return " ".join(parts)

    def submit(self, job: LabelJob) -> int:
        return self._runner(self.build(job))


printer = LabelPrinter("zebra-dock-2")


@labels_bp.post("/print")
def print_label():
    payload = request.get_json(force=True) or {}
    try:
        copies = int(payload.get("copies", 1))
    except (TypeError, ValueError):
        return jsonify(error="copies must be an integer"), 400
    sku = "".join(ch for ch in str(payload.get("sku", "")) if ch.isalnum())
    job = LabelJob(sku=sku, title=payload.get("title", "untitled"),
                   copies=max(1, min(copies, 50)))
    rc = printer.submit(job)
    return jsonify(queued=rc == 0, sku=job.sku)
