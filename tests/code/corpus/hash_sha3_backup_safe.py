"""Safe: backups are verified against a SHA3-256 checksum before they are restored."""

import hashlib
import sys

BACKUP = "/var/backups/nightly.tar"


def verify(expected: str) -> bool:
    digest = hashlib.sha3_256()
    with open(BACKUP, "rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest() == expected


if __name__ == "__main__":
    print(verify(sys.argv[1].strip().lower()))
