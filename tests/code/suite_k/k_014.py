from flask import Flask, abort, jsonify, request

app = Flask(__name__)


class RoomService:
    """Booking operations that the front-desk UI can invoke by name."""

    ALLOWED_ACTIONS = frozenset({"check_in", "check_out", "extend"})

    def __init__(self, bookings):
        self.bookings = bookings

    def check_in(self, booking_id, **_):
        self.bookings[booking_id]["state"] = "in_house"
        return self.bookings[booking_id]

    def check_out(self, booking_id, **_):
        self.bookings[booking_id]["state"] = "departed"
        return self.bookings[booking_id]

    def extend(self, booking_id, nights=1, **_):
        self.bookings[booking_id]["nights"] += int(nights)
        return self.bookings[booking_id]

    def _purge(self, booking_id, **_):
        return self.bookings.pop(booking_id)

    def dispatch(self, action, booking_id, params):
        if action not in self.ALLOWED_ACTIONS:
            raise LookupError(action)
        handler = getattr(self, action)
        return handler(booking_id, **params)


service = RoomService({7: {"state": "booked", "nights": 2}})


@app.post("/frontdesk/<int:booking_id>/<action>")
def frontdesk_action(booking_id, action):
    if booking_id not in service.bookings:
        abort(404)
    params = {k: v for k, v in (request.get_json(silent=True) or {}).items()
              if k == "nights"}
    try:
        result = service.dispatch(action, booking_id, params)
    except LookupError:
        abort(400)
    except ValueError:
        abort(422)
    return jsonify(result)
