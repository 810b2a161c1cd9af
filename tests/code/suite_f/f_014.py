"""Electric co-op bill estimator (WSGI): tiered formulas chosen by rate class."""
import json

from common.params import first, wsgi_query

FORMULAS = {
    "residential": "kwh * 0.118 + 22.00",
    "small_commercial": "kwh * 0.104 + 41.00",
    "irrigation": "max(kwh - 500, 0) * 0.091 + 35.00",
}


def estimate(rate_class, kwh):
    formula = FORMULAS[rate_class]
    return eval(formula, {"__builtins__": {}, "max": max}, {"kwh": kwh})


def application(environ, start_response):
    query = wsgi_query(environ)
    match first(query, "class", "residential"):
        case "residential" | "small_commercial" | "irrigation" as rate_class:
            pass
        case _:
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"unknown rate class"]
    kwh = float(first(query, "kwh", "0"))
    body = json.dumps({"class": rate_class, "estimate": round(estimate(rate_class, kwh), 2)}).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]
