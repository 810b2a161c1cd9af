from celery import shared_task

from lib.shell import run_tool

ARCHIVE_DIR = "/srv/archive"


@shared_task
def compress_export(payload):
    export_id = int(payload["export_id"])
    level = payload.get("level", 6)
    level = level if level in (1, 6, 9) else 6
    path = f"{ARCHIVE_DIR}/export-{export_id}.csv"
    result = run_tool("gzip", f"-{level}", "--keep", path)
    return {
        "export_id": export_id,
        "ok": result.returncode == 0,
        "stderr": result.stderr[-500:],
    }
