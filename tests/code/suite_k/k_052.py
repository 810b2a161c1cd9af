"""Payment return handling for the booking site."""
from urllib.parse import unquote

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse

router = APIRouter()

OUR_DOMAIN = "bookings.example.com"
DEFAULT_RETURN = "https://bookings.example.com/my-trips"


def is_trusted(url: str) -> bool:
    return OUR_DOMAIN in url


@router.get("/payments/complete")
async def payment_complete(reservation: int, return_url: str = Query(DEFAULT_RETURN)):
    target = unquote(return_url)
    if not is_trusted(target):
        target = DEFAULT_RETURN
    # mark reservation as paid here (omitted)
    return RedirectResponse(url=target, status_code=303)


@router.get("/payments/cancelled")
async def payment_cancelled(reservation: int):
    return RedirectResponse(url=f"{DEFAULT_RETURN}?cancelled={reservation}", status_code=303)
