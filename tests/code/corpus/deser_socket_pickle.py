"""Vulnerable: a worker unpickles the messages it receives from a network peer."""

import pickle
import socketserver


class JobHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request.recv(65536)
        job = pickle.loads(data)
        self.request.sendall(b"accepted %d\n" % len(job))


if __name__ == "__main__":
    socketserver.TCPServer(("0.0.0.0", 7000), JobHandler).serve_forever()
