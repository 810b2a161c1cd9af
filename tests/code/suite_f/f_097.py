"""County court public access: docket page with a status badge chosen by the clerk's filter."""
from flask import Flask, render_template_string, request

from common.markup import raw_badge

app = Flask(__name__)

PAGE = """
<!doctype html>
<title>Docket {{ docket }}</title>
<h1>Docket {{ docket }} {{ badge }}</h1>
<p>Showing entries filed after {{ since }}.</p>
"""


class DocketView:
    def __init__(self, docket, args):
        self.docket = docket
        self.status_label = args.get("status", "open")
        self.since = args.get("since", "2020-01-01")

    def render(self):
        return render_template_string(PAGE, docket=self.docket, badge=raw_badge(self.status_label), since=self.since)


@app.get("/dockets/<docket>")
def docket_page(docket):
    return DocketView(docket, request.args).render()
