from flask import Flask, request, render_template
from markupsafe import Markup

app = Flask(__name__)


class RoomBadge:
    css = "room-badge"

    def __init__(self, room, building):
        self.room = room
        self.building = building

    def __html__(self):
        return Markup('<span class="%s">%s &middot; %s</span>' % (self.css, self.building, self.room))


def badge_for(args):
    room = args.get("room", "TBA")
    building = args.get("building", "Main")
    return RoomBadge(room, building)


@app.route("/timetable/week")
def week_view():
    badge = badge_for(request.args)
    from timetable.data import sessions_for_room
    sessions = sessions_for_room(badge.room)
    return render_template("week.html", badge=Markup(badge.__html__()), sessions=sessions)


if __name__ == "__main__":
    app.run()
