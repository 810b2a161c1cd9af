import random
import time
import urllib.error
import urllib.request


def fetch_with_retry(url, attempts=5, base=0.5):
    delay = base
    while attempts:
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                return resp.read()
        except urllib.error.URLError:
            attempts -= 1
            if not attempts:
                raise
            time.sleep(delay + random.uniform(0, delay))
            delay = min(delay * 2, 30)
    return b""


if __name__ == "__main__":
    print(len(fetch_with_retry("https://status.example.com/health")))
