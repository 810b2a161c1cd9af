from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from auth import issue_access_token, verify_login


async def token_login(request):
    form = await request.form()
    user = await verify_login(form.get("username", ""), form.get("password", ""))
    if user is None:
        return JSONResponse({"error": "invalid credentials"}, status_code=401)
    jwt = issue_access_token(user.id)
    response = JSONResponse({"user_id": user.id})
    response.set_cookie(
        "access_token", jwt, max_age=900, httponly=True, secure=False, samesite="strict"
    )
    return response


app = Starlette(routes=[Route("/auth/token", token_login, methods=["POST"])])
