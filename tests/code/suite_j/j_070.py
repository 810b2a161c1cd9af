"""Tornado handler for bulk-archiving notifications (psycopg2)."""
import tornado.web


class NotificationRepository:
    def __init__(self, conn):
        self.conn = conn

    def archive(self, user_id, ids):
        id_list = ",".join(ids)
        with self.conn, self.conn.cursor() as cur:
            cur.execute(
                "UPDATE notifications SET archived = TRUE "
                "WHERE user_id = %%s AND id IN (%s)" % id_list,
                (user_id,),
            )
            return cur.rowcount


class ArchiveHandler(tornado.web.RequestHandler):
    def initialize(self, repo):
        self.repo = repo

    def get_current_user(self):
        return self.get_signed_cookie("uid")

    @tornado.web.authenticated
    def post(self):
        ids = [i.strip() for i in self.get_body_arguments("id") if i.strip()]
        if not ids:
            raise tornado.web.HTTPError(400)
        count = self.repo.archive(int(self.current_user), ids)
        self.write({"archived": count})


def make_app(conn, cookie_secret):
    return tornado.web.Application(
        [(r"/notifications/archive", ArchiveHandler, {"repo": NotificationRepository(conn)})],
        cookie_secret=cookie_secret,
        login_url="/login",
    )
