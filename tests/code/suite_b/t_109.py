import tornado.web


class BioPreviewHandler(tornado.web.RequestHandler):
    def get(self):
        bio = self.get_argument("bio", "")
        words = len(bio.split())
        self.write("<section class='bio'>%s</section>" % bio)
        self.write("<footer>%d words</footer>" % words)


def make_app():
    return tornado.web.Application([(r"/profile/bio/preview", BioPreviewHandler)])


if __name__ == "__main__":
    import tornado.ioloop

    make_app().listen(8888)
    tornado.ioloop.IOLoop.current().start()
