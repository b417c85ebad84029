# Placeholder API so the app can start while the engine is written; the engine replaces this file.
from enum import StrEnum

POLICY = "policy"
GUIDELINE = "guideline"
TONES = (POLICY, GUIDELINE)


class Modality(StrEnum):
    MUST = "must"
    MUST_NOT = "must_not"
    SHOULD = "should"
    SHOULD_NOT = "should_not"
    MAY = "may"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").upper()


def classify(text: str) -> Modality:
    return Modality.SHOULD


def rephrase(text: str, tone: str, modality: Modality | None = None) -> str:
    return text


def stance(text: str) -> str:
    return "neutral"


def lint(text: str, tone: str) -> list[str]:
    return []


def tone_meter(texts: list[str]) -> dict:
    n = len(texts)
    return {"prohibitive": 0, "advisory": 0, "neutral": n, "total": n,
            "prohibitive_pct": 0, "advisory_pct": 0}
