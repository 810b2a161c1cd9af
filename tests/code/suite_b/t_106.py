import tornado.web

INVENTORY = [
    {"sku": "A-100", "price": 12.5, "stock": 40},
    {"sku": "B-220", "price": 99.0, "stock": 3},
    {"sku": "C-310", "price": 4.75, "stock": 0},
]


class InventoryFilterHandler(tornado.web.RequestHandler):
    def get(self):
        condition = self.get_argument("where", "True")
        try:
            matches = [
                item for item in INVENTORY
                if eval(condition, {"__builtins__": {}}, dict(item))
            ]
        except Exception:
            raise tornado.web.HTTPError(400)
        self.write({"items": matches})


def make_app():
    return tornado.web.Application([(r"/inventory", InventoryFilterHandler)])
