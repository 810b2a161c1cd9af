"""Module-level registry used to pass values between request hooks."""
_REGISTRY = {}


def register(key, value):
    _REGISTRY[key] = value
    return value


def lookup(key, default=None):
    return _REGISTRY.get(key, default)


def pop(key, default=None):
    return _REGISTRY.pop(key, default)
