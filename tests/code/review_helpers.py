"""A small Flask application with two real-shaped findings, and scripted models for reviews."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from inspect_ai.model import ChatMessage, GenerateConfig, Model, ModelOutput, ModelUsage, get_model

from aicc.core.code_findings import CodeFinding, CodeScan, PathStep

APP = """\
import os
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def lookup(db, name):
    query = "SELECT * FROM users WHERE name = '%s'" % name
    return db.execute(query).fetchall()


@app.route("/user")
def user():
    name = request.args.get("name")
    db = sqlite3.connect("app.db")
    return str(lookup(db, name))


@app.route("/files")
def files():
    folder = request.args.get("folder")
    os.system("ls " + folder)
    return "listed"
"""

FIX = """\
--- a/app.py
+++ b/app.py
@@ -9,3 +9,3 @@
 def lookup(db, name):
-    query = "SELECT * FROM users WHERE name = '%s'" % name
-    return db.execute(query).fetchall()
+    query = "SELECT * FROM users WHERE name = ?"
+    return db.execute(query, (name,)).fetchall()
"""


def app_scan(folder: Path) -> CodeScan:
    """``app.py`` written in ``folder``, with the findings the taint analysis reports on it."""
    app = folder / "app.py"
    app.write_text(APP)
    file = str(app)
    sqli = CodeFinding(
        89,
        file,
        11,
        "python-sqlite-execute",
        "User input is formatted into an SQL query.",
        (
            PathStep(file, 16, 'name = request.args.get("name")'),
            PathStep(file, 18, "return str(lookup(db, name))"),
            PathStep(file, 10, "query = \"SELECT * FROM users WHERE name = '%s'\" % name"),
            PathStep(file, 11, "return db.execute(query).fetchall()"),
        ),
    )
    cmdi = CodeFinding(
        78,
        file,
        24,
        "python-os-system",
        "User input reaches a shell command.",
        (
            PathStep(file, 23, 'folder = request.args.get("folder")'),
            PathStep(file, 24, 'os.system("ls " + folder)'),
        ),
    )
    return CodeScan(findings=(sqli, cmdi), files=1)


def review_json(
    verdict: str = "true_positive",
    *,
    severity: str = "high",
    reason: str = "Request data reaches the sink unchanged.",
    fix: str = "",
) -> str:
    """A valid review answer, as the model would write it."""
    return json.dumps({"verdict": verdict, "reason": reason, "severity": severity, "fix": fix})


def scripted(
    answers: dict[str, list[str]],
    *,
    seen: list[list[str]] | None = None,
    config: GenerateConfig | None = None,
) -> Model:
    """A ``mockllm`` model that answers by the first key of ``answers`` found in the prompt:
    the first answer, then the next on each retry. Each call's message texts go to ``seen``.
    Every output carries its usage, so Inspect never fetches a tokenizer."""

    def reply(messages: list[ChatMessage], *_args: Any) -> ModelOutput:
        texts = [message.text for message in messages]
        if seen is not None:
            seen.append(texts)
        key = next(key for key in answers if key in texts[0])
        script = answers[key]
        text = script[min((len(messages) - 1) // 2, len(script) - 1)]
        usage = ModelUsage(input_tokens=10, output_tokens=10, total_tokens=20)
        return ModelOutput.from_content(model="model", content=text).model_copy(
            update={"usage": usage}
        )

    return get_model(
        "mockllm/model",
        custom_outputs=reply,
        memoize=False,
        config=config or GenerateConfig(temperature=0.0, max_tokens=512, seed=7),
    )
