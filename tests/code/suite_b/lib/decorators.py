"""Decorators for task functions and handlers."""
import functools
import logging
import time

log = logging.getLogger(__name__)


def require_keys(*keys):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(message, *args, **kwargs):
            missing = [k for k in keys if k not in message]
            if missing:
                raise ValueError(f"message missing keys: {missing}")
            return fn(message, *args, **kwargs)
        return wrapper
    return decorator


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.monotonic()
        try:
            return fn(*args, **kwargs)
        finally:
            log.info("%s took %.3fs", fn.__name__, time.monotonic() - start)
    return wrapper
