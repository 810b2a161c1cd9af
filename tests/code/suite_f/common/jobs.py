"""In-process job queue used by the web front-ends."""
import queue
import threading

WORK = queue.Queue()
HANDLERS = {}


def handler(kind):
    def register(func):
        HANDLERS[kind] = func
        return func
    return register


def submit(kind, **payload):
    WORK.put({"kind": kind, "payload": payload})


def drain_once():
    item = WORK.get()
    try:
        return HANDLERS[item["kind"]](**item["payload"])
    finally:
        WORK.task_done()


def start_worker():
    thread = threading.Thread(target=lambda: [drain_once() for _ in iter(int, 1)], daemon=True)
    thread.start()
    return thread
