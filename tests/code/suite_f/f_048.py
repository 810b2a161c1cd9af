"""Port authority: tariff schedules and berth rules as downloadable PDFs."""
from flask import Flask, request, send_from_directory

app = Flask(__name__)

SCHEDULES = "/srv/port/public/schedules"


class ScheduleLibrary:
    def __init__(self, directory):
        self.directory = directory

    def send(self, filename):
        return send_from_directory(self.directory, filename, as_attachment=True)


library = ScheduleLibrary(SCHEDULES)


@app.get("/schedules/download")
def download_schedule():
    return library.send(request.args.get("f", "tariff-2025.pdf"))
