"""File-system helpers for uploads, reports and firmware images."""
import os
from pathlib import Path

FIRMWARE_ROOT = Path(os.environ.get("FW_ROOT", "/srv/firmware"))


def safe_path(base, name):
    """Resolve name under base; raise ValueError if it escapes base."""
    root = Path(base).resolve()
    candidate = (root / name).resolve()
    if candidate != root and not candidate.is_relative_to(root):
        raise ValueError("path escapes base directory")
    return candidate


def join_path(base, name):
    # Pass-through convenience wrapper, no checking.
    return os.path.join(base, name)


class FirmwareStore:
    def __init__(self, root=FIRMWARE_ROOT):
        self.root = Path(root)

    def path_for(self, filename):
        name = os.path.basename(filename or "")
        if name in ("", ".", ".."):
            raise ValueError("invalid firmware file name")
        return self.root / name

    def save(self, filename, data):
        path = self.path_for(filename)
        path.write_bytes(data)
        return path


firmware_store = FirmwareStore()
