"""Tornado ingestion endpoint with sampled debug logging."""
import json
import logging
import random

import tornado.web

log = logging.getLogger("ingest")

SAMPLE_RATE = 0.01


def should_sample(rate=SAMPLE_RATE, rng=random.random):
    return rng() < rate


class IngestHandler(tornado.web.RequestHandler):
    def initialize(self, queue):
        self.queue = queue

    def post(self):
        try:
            events = json.loads(self.request.body or b"[]")
        except ValueError:
            raise tornado.web.HTTPError(400)
        if not isinstance(events, list):
            raise tornado.web.HTTPError(400)
        for event in events:
            self.queue.append(event)
            if should_sample():
                log.debug("sampled event keys=%s", sorted(event) if isinstance(event, dict) else "?")
        self.set_status(202)
        self.write({"accepted": len(events)})


def make_app(queue):
    return tornado.web.Application([(r"/ingest", IngestHandler, {"queue": queue})])
