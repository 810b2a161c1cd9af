import tornado.web

from lib.db import connect
from lib.repositories import UserRepository
from lib.services import UserService


class UserLookupHandler(tornado.web.RequestHandler):
    def get(self):
        email = self.get_query_argument("email")
        with connect() as conn:
            user = UserService(UserRepository(conn)).lookup(email)
        if user is None:
            self.set_status(404)
            self.write({"error": "not found"})
            return
        self.write({"id": user.id, "name": user.name})


def make_app():
    return tornado.web.Application([(r"/users/lookup", UserLookupHandler)])
