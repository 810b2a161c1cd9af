import json

import tornado.web

FORMULAS = {
    "bmi": "weight / (height ** 2)",
    "pace": "minutes / distance",
    "average": "total / max(count, 1)",
}


class GradeCalcHandler(tornado.web.RequestHandler):
    """School portal helper that evaluates a named, pre-defined formula.

    Older clients still send the raw formula text in `formula`; it is
    accepted for compatibility but the server always uses its own table.
    """

    def post(self):
        formula = self.get_argument("formula", "")
        kind = self.get_argument("kind", "average")
        if kind not in FORMULAS:
            self.set_status(400)
            self.finish({"error": "unknown formula"})
            return
        formula = FORMULAS[kind]
        try:
            values = {k: float(v) for k, v in json.loads(self.get_argument("values", "{}")).items()}
        except (ValueError, AttributeError):
            self.set_status(400)
            self.finish({"error": "values must be numeric"})
            return
        scope = {"__builtins__": {}, "max": max}
        try:
            result = eval(formula, scope, values)
        except (NameError, ZeroDivisionError):
            self.set_status(422)
            self.finish({"error": "missing or invalid values"})
            return
        self.finish({"kind": kind, "result": result})


def make_app():
    return tornado.web.Application([(r"/calc", GradeCalcHandler)])
