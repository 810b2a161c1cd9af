"""Safe: random.uniform adds jitter to the delay between retries of an HTTP call."""

import random
import time
import urllib.request


def fetch_with_retries(url: str, attempts: int = 5) -> bytes:
    for attempt in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read()
        except OSError:
            delay = min(30, 2**attempt) + random.uniform(0, 1)
            time.sleep(delay)
    raise RuntimeError(f"giving up on {url}")
