"""Path helpers: safe_join refuses names that leave the base folder, user_file does not."""

import os

UPLOADS = "/srv/uploads"


def safe_join(base, name):
    full = os.path.realpath(os.path.join(base, name))
    if not full.startswith(os.path.realpath(base) + os.sep):
        raise PermissionError(name)
    return full


def user_file(name):
    return os.path.join(UPLOADS, name)
