import random
from typing import List

from fastapi import FastAPI, HTTPException

app = FastAPI(title="pub-quiz")

QUESTIONS = [
    {"id": 1, "q": "Capital of Australia?", "options": ["Sydney", "Canberra", "Perth"]},
    {"id": 2, "q": "H2O is?", "options": ["Water", "Helium", "Salt"]},
    {"id": 3, "q": "Largest planet?", "options": ["Mars", "Jupiter", "Venus"]},
    {"id": 4, "q": "Author of Dune?", "options": ["Herbert", "Asimov", "Le Guin"]},
    {"id": 5, "q": "Binary of 5?", "options": ["101", "110", "111"]},
]


def shuffled_round(count: int) -> List[dict]:
    picked = random.sample(QUESTIONS, count)
    round_ = []
    for item in picked:
        options = list(item["options"])
        random.shuffle(options)
        round_.append({"id": item["id"], "q": item["q"], "options": options})
    return round_


@app.get("/quiz/round")
def quiz_round(count: int = 3):
    if not 1 <= count <= len(QUESTIONS):
        raise HTTPException(status_code=400, detail="bad count")
    return {"questions": shuffled_round(count)}
