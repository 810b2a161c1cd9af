from fastapi import Depends, FastAPI
from pydantic import BaseModel

from lib.services import OtpService
from sms import send_sms

app = FastAPI()
PENDING = {}


def get_otp_service():
    return OtpService(sender=send_sms)


class OtpRequest(BaseModel):
    phone: str


@app.post("/auth/otp")
async def request_otp(req: OtpRequest, otp: OtpService = Depends(get_otp_service)):
    code = otp.issue(req.phone)
    PENDING[req.phone] = code
    return {"sent": True}
