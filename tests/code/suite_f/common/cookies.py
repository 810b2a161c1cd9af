"""Cookie policies."""
STRICT = {"secure": True, "httponly": True, "samesite": "Strict"}
LEGACY_KIOSK = {"secure": False, "httponly": True, "samesite": "Lax"}


def apply(response, name, value, policy=None, **extra):
    options = dict(policy or STRICT)
    options.update(extra)
    response.set_cookie(name, value, **options)
    return response
