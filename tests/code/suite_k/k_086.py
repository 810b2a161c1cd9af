import random
import time

import tornado.web

SESSIONS = {}


def new_session_id():
    return "%032x" % random.getrandbits(128)


class KioskLoginHandler(tornado.web.RequestHandler):
    """Hotel lobby kiosk: guests log in with booking reference and surname."""

    def initialize(self, bookings):
        self.bookings = bookings

    def post(self):
        ref = self.get_body_argument("reference", "").upper()
        surname = self.get_body_argument("surname", "").strip().lower()
        booking = self.bookings.get(ref)
        if booking is None or booking["surname"].lower() != surname:
            raise tornado.web.HTTPError(401)
        sid = new_session_id()
        SESSIONS[sid] = {"ref": ref, "created": time.time()}
        self.set_header("X-Kiosk-Session", sid)
        self.finish({"session": sid, "room": booking["room"]})


def make_app(bookings):
    return tornado.web.Application([
        (r"/kiosk/login", KioskLoginHandler, {"bookings": bookings}),
    ])
