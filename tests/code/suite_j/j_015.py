"""Tornado handler computing user-defined pricing formulas."""
import ast

import tornado.web

ALLOWED_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.USub,
)
VARIABLES = frozenset({"base", "qty", "discount"})


class FormulaError(ValueError):
    pass


def compile_formula(text):
    if len(text) > 200:
        raise FormulaError("too long")
    tree = ast.parse(text, mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, ALLOWED_NODES):
            raise FormulaError(type(node).__name__)
        if isinstance(node, ast.Name) and node.id not in VARIABLES:
            raise FormulaError(node.id)
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise FormulaError("constant")
    return compile(tree, "<formula>", "eval")


class PriceHandler(tornado.web.RequestHandler):
    def post(self):
        formula = self.get_body_argument("formula")
        try:
            code = compile_formula(formula)
            env = {
                "base": float(self.get_body_argument("base", "0")),
                "qty": int(self.get_body_argument("qty", "1")),
                "discount": float(self.get_body_argument("discount", "0")),
            }
            price = eval(code, {"__builtins__": {}}, env)
        except (FormulaError, SyntaxError, ValueError, ZeroDivisionError):
            raise tornado.web.HTTPError(400)
        self.write({"price": round(float(price), 2)})


def make_app():
    return tornado.web.Application([(r"/pricing/quote", PriceHandler)])
