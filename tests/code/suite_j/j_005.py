"""FastAPI router triggering repository mirroring jobs."""
import asyncio
import functools

from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/mirror")

SETTINGS = {
    "git_bin": "/usr/bin/git",
    "mirror_root": "/var/lib/mirrors",
    "clone_tpl": "{git} clone --mirror https://git.internal/{repo}.git {root}/{repo}",
}

build_clone = functools.partial(
    SETTINGS["clone_tpl"].format,
    git=SETTINGS["git_bin"],
    root=SETTINGS["mirror_root"],
)


async def _execute(cmd: str) -> int:
    proc = await asyncio.create_subprocess_shell(
        cmd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    await proc.communicate()
    return proc.returncode


@router.post("/{repo}")
async def mirror_repo(repo: str):
    repo = repo.strip().rstrip("/")
    if not repo:
        raise HTTPException(status_code=400, detail="repo required")
    rc = await _execute(build_clone(repo=repo))
    return {"repo": repo, "ok": rc == 0}
