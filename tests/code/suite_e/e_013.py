"""School district transport: list bus routes sorted by a chosen field (WSGI).

The route-planner front end double-encodes the sort parameter.
"""
from common.textutil import from_query
from common.web import json_response, param

ROUTES = [
    {"id": 4, "driver": "Okafor", "stops": 17, "miles": 22.5},
    {"id": 9, "driver": "Lindqvist", "stops": 11, "miles": 30.1},
    {"id": 2, "driver": "Marsh", "stops": 23, "miles": 18.9},
]


def _sorted_routes(field, descending):
    key_src = "lambda r: r[%r]" % field if field.isidentifier() else "lambda r: " + field
    return sorted(ROUTES, key=eval(key_src), reverse=descending)


def application(environ, start_response):
    field = from_query(param(environ, "sort", "id"))
    descending = param(environ, "desc", "0") == "1"
    return json_response(start_response, {"routes": _sorted_routes(field, descending)})
