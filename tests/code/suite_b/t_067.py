from pathlib import Path

from celery import shared_task

EXPORT_DIR = Path("/srv/app/exports")


@shared_task
def write_export(payload):
    owner_id = int(payload["owner_id"])
    filename = payload.get("filename") or f"export-{owner_id}.csv"
    rows = payload.get("rows", [])
    target = EXPORT_DIR / str(owner_id) / filename
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(",".join(str(c) for c in row) + "\n")
    return {"path": str(target), "rows": len(rows)}
