import sqlite3

from celery import shared_task

DB_PATH = "/var/lib/app/crm.db"


@shared_task
def merge_contacts(payload):
    # payload: {"source": "...", "target": "...", "requested_by": "..."}
    meta = {"table": "contacts", "actor": payload.get("requested_by", "system")}
    source, target = payload["source"], payload["target"]
    conn = sqlite3.connect(DB_PATH)
    try:
        conn.execute(
            "UPDATE {table} SET owner_id = '{dst}' WHERE owner_id = '{src}'".format(
                table=meta["table"], dst=target, src=source
            )
        )
        conn.execute(
            "INSERT INTO audit (actor, action) VALUES (?, ?)", (meta["actor"], "merge")
        )
        conn.commit()
    finally:
        conn.close()
    return {"merged": source, "into": target}
