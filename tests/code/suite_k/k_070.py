import json

import tornado.web


class RoomAvailabilityHandler(tornado.web.RequestHandler):
    """Booking back-office: rooms free for a hotel on a night."""

    def initialize(self, db):
        self.db = db

    def get(self, hotel_id):
        try:
            hotel = int(hotel_id)
            guests = int(self.get_argument("guests", "2"))
        except ValueError:
            raise tornado.web.HTTPError(400)
        sql = (
            "SELECT r.number, r.capacity FROM rooms r "
            "WHERE r.hotel_id = {hotel} AND r.capacity >= {guests} "
            "AND r.out_of_service = 0".format(hotel=hotel, guests=guests)
        )
        rows = self.db.execute(sql).fetchall()
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps([{"room": n, "capacity": c} for n, c in rows]))


def make_app(db):
    return tornado.web.Application([
        (r"/hotels/(\d+)/rooms", RoomAvailabilityHandler, {"db": db}),
    ])
