import tornado.escape
import tornado.web


class TrackingHandler(tornado.web.RequestHandler):
    """Public parcel tracking page."""

    def initialize(self, tracker):
        self.tracker = tracker

    def get(self):
        number = self.get_argument("number", "")
        events = self.tracker.events(number)
        safe_number = tornado.escape.xhtml_escape(number)
        items = "".join(
            "<li>{} &mdash; {}</li>".format(
                tornado.escape.xhtml_escape(e.timestamp.isoformat()),
                tornado.escape.xhtml_escape(e.description),
            )
            for e in events
        )
        self.write("<h1>Parcel {}</h1><ol>{}</ol>".format(safe_number, items))


class TrackingApiHandler(TrackingHandler):
    def get(self):
        number = self.get_argument("number", "")
        self.finish({"number": number,
                     "events": [e.description for e in self.tracker.events(number)]})


def make_app(tracker):
    return tornado.web.Application([
        (r"/track", TrackingHandler, {"tracker": tracker}),
        (r"/api/track", TrackingApiHandler, {"tracker": tracker}),
    ])
