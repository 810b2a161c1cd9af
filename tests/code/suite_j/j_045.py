"""FastAPI endpoint serving documentation snippets."""
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse

app = FastAPI()

DOCS_ROOT = Path("/srv/docs/snippets").resolve()


class SnippetLoader:
    def __init__(self, root: Path):
        self.root = root

    def resolve(self, relative: str) -> Path:
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root):
            raise PermissionError(relative)
        return candidate

    def load(self, relative: str) -> str:
        path = self.resolve(relative)
        if path.suffix not in {".md", ".txt", ".rst"}:
            raise PermissionError(relative)
        return path.read_text(encoding="utf-8")


loader = SnippetLoader(DOCS_ROOT)


@app.get("/snippets/{snippet_path:path}", response_class=PlainTextResponse)
def get_snippet(snippet_path: str):
    try:
        return loader.load(snippet_path)
    except PermissionError:
        raise HTTPException(status_code=403)
    except FileNotFoundError:
        raise HTTPException(status_code=404)
