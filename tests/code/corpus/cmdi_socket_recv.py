"""Vulnerable: a small admin daemon runs whatever service name a socket client sends."""

import os
import socket


def serve(port: int = 9099) -> None:
    with socket.create_server(("0.0.0.0", port)) as server:
        while True:
            conn, _ = server.accept()
            with conn:
                service = conn.recv(1024).decode().strip()
                code = os.system("systemctl restart " + service)
                conn.sendall(b"ok\n" if code == 0 else b"error\n")
