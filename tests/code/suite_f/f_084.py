"""Electric co-op AMI head-end: retry interval uploads to the MDM with jittered back-off."""
import logging
import time

import requests

from common.tokens import jitter

log = logging.getLogger("ami.upload")
MDM_URL = "https://mdm.hvec.internal/api/intervals"


def upload_batch(batch, attempts=5, base=2.0):
    for attempt in range(1, attempts + 1):
        try:
            resp = requests.post(MDM_URL, json=batch, timeout=30)
            resp.raise_for_status()
            return resp.json()
        except requests.RequestException as exc:
            delay = jitter(base ** attempt)
            log.warning("upload attempt %d failed (%s); retrying in %.1fs", attempt, exc, delay)
            time.sleep(delay)
    raise RuntimeError("MDM upload failed")
