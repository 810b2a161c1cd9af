"""Vulnerable: signed download links use hashlib.new("md5", ...) over a secret and the file
id, so the token that protects the download rests on MD5."""

import hashlib
import time

SIGNING_KEY = b"download-links-2024"


def signed_download_url(file_id: int) -> str:
    expires = int(time.time()) + 3600
    message = SIGNING_KEY + f"{file_id}:{expires}".encode()
    token = hashlib.new("md5", message).hexdigest()
    return f"/downloads/{file_id}?expires={expires}&token={token}"
