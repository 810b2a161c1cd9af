import tornado.web
from lxml import etree

CATEGORIES = frozenset({"hardware", "software", "network", "access"})


class KnowledgeBase:
    def __init__(self, path):
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        self.tree = etree.parse(path, parser)

    def articles(self, category):
        return self.tree.xpath("//article[@category='%s']" % category)


class KbHandler(tornado.web.RequestHandler):
    """Ticketing tool: knowledge-base articles by category."""

    def initialize(self, kb):
        self.kb = kb

    def get(self):
        category = self.get_argument("category", "hardware").lower()
        if category not in CATEGORIES:
            raise tornado.web.HTTPError(400)
        found = self.kb.articles(category)
        self.finish({"articles": [{"id": a.get("id"), "title": a.findtext("title")}
                                  for a in found]})


def make_app():
    kb = KnowledgeBase("/srv/helpdesk/kb.xml")
    return tornado.web.Application([(r"/kb", KbHandler, {"kb": kb})])
