import pickle
from pathlib import Path

from fastapi import FastAPI
from pydantic import BaseModel

MODEL_PATH = Path("/opt/app/models/churn.pkl")
app = FastAPI()
_model = None


def get_model():
    global _model
    if _model is None:
        with MODEL_PATH.open("rb") as fh:
            _model = pickle.load(fh)
    return _model


class Features(BaseModel):
    tenure_months: int
    monthly_spend: float
    support_tickets: int


@app.post("/predict/churn")
def predict(features: Features):
    row = [[features.tenure_months, features.monthly_spend, features.support_tickets]]
    score = get_model().predict_proba(row)[0][1]
    return {"churn_probability": float(score)}
