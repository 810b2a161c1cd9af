"""County court public records: saved searches carried in a cookie between visits."""
from flask import Flask, jsonify, make_response, request

from common.serial import freeze, thaw

app = Flask(__name__)

DEFAULT_SEARCH = {"party": "", "case_type": "civil", "year_from": 2015}


class SavedSearch:
    cookie_name = "saved_search"

    def __init__(self, criteria):
        self.criteria = criteria

    @classmethod
    def from_cookies(cls, cookies):
        if not (blob := cookies.get(cls.cookie_name)):
            return cls(dict(DEFAULT_SEARCH))
        return cls(thaw(blob))


@app.get("/records/search")
def search_records():
    saved = SavedSearch.from_cookies(request.cookies)
    criteria = {**saved.criteria, **request.args.to_dict()}
    resp = make_response(jsonify(criteria=criteria, results=[]))
    resp.set_cookie(SavedSearch.cookie_name, freeze(criteria), secure=True, httponly=True)
    return resp
