"""Path helpers for document storage."""
import os


def join_under(root, name):
    base = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(base, name))
    if os.path.commonpath([base, candidate]) != base:
        raise PermissionError(name)
    return candidate


def normalise(name):
    """Make Windows-style names usable; does not constrain the location."""
    return name.replace("\\", "/").strip()
