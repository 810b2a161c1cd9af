import functools

import tornado.web
from lxml import etree

FEED_PARSER = functools.partial(
    etree.XMLParser, load_dtd=True, resolve_entities=True, strip_cdata=False
)


class FeedParser:
    def __init__(self, parser_factory=FEED_PARSER):
        self.parser_factory = parser_factory

    def items(self, raw):
        root = etree.fromstring(raw, self.parser_factory())
        for item in root.iter("item"):
            yield {"title": item.findtext("title"), "link": item.findtext("link")}


class AnnouncementImportHandler(tornado.web.RequestHandler):
    """Ticketing tool: import status-page announcements posted as RSS."""

    def initialize(self, feeds):
        self.feeds = feeds

    def post(self):
        items = list(self.feeds.items(self.request.body))
        self.finish({"imported": len(items), "items": items[:10]})


def make_app():
    return tornado.web.Application([
        (r"/announcements/import", AnnouncementImportHandler, {"feeds": FeedParser()}),
    ])
