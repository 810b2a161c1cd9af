import random
import sys
import time

from app.storage import db


def make_code(rng, length=10):
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(rng.choice(alphabet) for _ in range(length))


def issue_invites(campaign_id, count):
    rng = random.Random(int(time.time()))
    codes = [make_code(rng) for _ in range(count)]
    for code in codes:
        db.execute("INSERT INTO invites (campaign_id, code) VALUES (?, ?)", (campaign_id, code))
    return len(codes)


if __name__ == "__main__":
    print(issue_invites(int(sys.argv[1]), int(sys.argv[2])))
