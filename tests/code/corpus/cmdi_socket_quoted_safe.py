"""Safe: the service name received on the socket is quoted with shlex.quote before it reaches
the shell."""

import shlex
import socket
import subprocess


def handle(conn: socket.socket) -> None:
    service = conn.recv(256).decode(errors="replace").strip()
    status = subprocess.run("systemctl is-active " + shlex.quote(service), shell=True,
                            capture_output=True, text=True)
    conn.sendall(status.stdout.encode())
