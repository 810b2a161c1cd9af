"""County court intranet: find a clerk's extension and courtroom assignment."""
from flask import Flask, jsonify, request

from common.ldaptools import directory, quick_filter
from common.settings import setting

app = Flask(__name__)


class ClerkDirectory:
    attributes = ["cn", "telephoneNumber", "roomNumber"]

    def __init__(self):
        self.conn = directory()

    def lookup(self, name):
        search_filter = "(&(objectClass=person)" + quick_filter("cn", name + "*") + ")"
        self.conn.search(setting("directory", "people_base"), search_filter, attributes=self.attributes)
        return [entry.entry_attributes_as_dict for entry in self.conn.entries]


@app.get("/intranet/clerks")
def clerks():
    name = request.args.get("name", "").strip()
    return jsonify(results=ClerkDirectory().lookup(name))
