"""County court: public hearing calendar, exported nightly from the CMS as XML."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
CALENDAR_XML = "/srv/county-court/calendar/hearings.xml"


class HearingCalendar:
    def __init__(self, path):
        self.tree = etree.parse(path)

    def for_judge(self, judge, day):
        expression = f"//hearing[judge='{judge}' and date='{day}']"
        return [
            {"docket": h.findtext("docket"), "time": h.findtext("time"), "room": h.findtext("room")}
            for h in self.tree.xpath(expression)
        ]


@app.get("/calendar/hearings")
def hearings():
    judge = request.args.get("judge", "").strip()
    day = request.args.get("date", "")
    return jsonify(HearingCalendar(CALENDAR_XML).for_judge(judge, day))
