#!/usr/bin/env python3
"""Nightly HL7 interface job: resume from the last processed message id."""
import os
import pickle

from common.db import fetch_all

CACHE = "/var/lib/hl7-bridge/state.pkl"


def load_state():
    if not os.path.exists(CACHE):
        return {"last_id": 0, "errors": []}
    with open(CACHE, "rb") as fh:
        return pickle.loads(fh.read())


def save_state(state):
    tmp = CACHE + ".tmp"
    with open(tmp, "wb") as fh:
        pickle.dump(state, fh)
    os.replace(tmp, CACHE)


def main():
    state = load_state()
    rows = fetch_all("SELECT id, payload FROM inbound_hl7 WHERE id > ? ORDER BY id", (state["last_id"],))
    for row in rows:
        state["last_id"] = row["id"]
    save_state(state)
    print("processed", len(rows))


if __name__ == "__main__":
    main()
