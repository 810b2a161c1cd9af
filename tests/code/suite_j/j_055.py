"""Tornado handler for outbound link tracking in newsletters."""
import logging

import tornado.web

log = logging.getLogger("newsletter.clicks")


def strip_scripts(url):
    lowered = url.lower()
    if lowered.startswith("javascript:") or lowered.startswith("data:"):
        return "/"
    return url


class ClickHandler(tornado.web.RequestHandler):
    def initialize(self, counter):
        self.counter = counter

    def get(self, campaign_id):
        target = strip_scripts(self.get_argument("url", "/"))
        self.counter[campaign_id] = self.counter.get(campaign_id, 0) + 1
        log.info("click campaign=%s", campaign_id)
        self.redirect(target)


def make_app():
    counter = {}
    return tornado.web.Application([(r"/c/(\d+)", ClickHandler, {"counter": counter})])
