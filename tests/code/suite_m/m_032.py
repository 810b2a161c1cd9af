import hashlib
import hmac
import os

from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

PBKDF2_ITERATIONS = 600_000
USERS = {}


def make_hash(password: str) -> str:
    salt = os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, PBKDF2_ITERATIONS)
    return "%s$%s" % (salt.hex(), dk.hex())


def check_hash(password: str, stored: str) -> bool:
    salt_hex, dk_hex = stored.split("$", 1)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), PBKDF2_ITERATIONS)
    return hmac.compare_digest(dk.hex(), dk_hex)


async def register(request):
    data = await request.json()
    handle = str(data["handle"]).strip().lower()
    if handle in USERS:
        return JSONResponse({"error": "taken"}, status_code=409)
    USERS[handle] = make_hash(str(data["password"]))
    return JSONResponse({"contributor": handle}, status_code=201)


async def login(request):
    data = await request.json()
    stored = USERS.get(str(data.get("handle", "")).strip().lower())
    ok = stored is not None and check_hash(str(data.get("password", "")), stored)
    return JSONResponse({"ok": ok}, status_code=200 if ok else 401)


app = Starlette(routes=[
    Route("/contributors", register, methods=["POST"]),
    Route("/contributors/login", login, methods=["POST"]),
])
