"""Vulnerable: the six-digit login code sent by SMS is derived from random.random()."""

import random


class OneTimeCodes:
    def __init__(self, sender):
        self.sender = sender
        self.pending = {}

    def send_code(self, phone: str) -> None:
        code = "%06d" % int(random.random() * 1_000_000)
        self.pending[phone] = code
        self.sender(phone, f"Your login code is {code}")

    def verify(self, phone: str, code: str) -> bool:
        return self.pending.pop(phone, None) == code
