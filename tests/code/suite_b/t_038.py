import subprocess

import tornado.web


class GitLogHandler(tornado.web.RequestHandler):
    REPO = "/srv/git/website.git"

    def get(self):
        ref = self.get_argument("ref", "main")
        count = int(self.get_argument("n", "10"))
        proc = subprocess.Popen(
            ["sh", "-c", "git --git-dir=%s log --oneline -n %d %s" % (self.REPO, count, ref)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        out, _ = proc.communicate(timeout=15)
        self.write({"ref": ref, "commits": out.splitlines()})


def make_app():
    return tornado.web.Application([(r"/git/log", GitLogHandler)])
