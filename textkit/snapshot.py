"""The one snapshot schema: a document as plain data, shared by compare, restore, export and API.

A snapshot is what a release stores, what a past revision is rebuilt into, and what the
presenter turns into a tone view. Field lists live here once; adding a rule field means adding
it here (and to the model).
"""

from __future__ import annotations

from typing import TypedDict

DOCUMENT_FIELDS: tuple[str, ...] = (
    "subject",
    "title_policy",
    "title_guideline",
    "summary",
    "default_tone",
)
SECTION_FIELDS: tuple[str, ...] = ("heading", "anchor", "body", "visibility")
# What an author writes on a rule: compared, merged, restored and suggested.
RULE_INPUT_FIELDS: tuple[str, ...] = (
    "modality",
    "statement",
    "policy_text",
    "guideline_text",
    "explanation",
    "visibility",
)
# What a snapshot stores of a rule: the authored fields and their cached renderings.
RULE_FIELDS: tuple[str, ...] = (
    "modality",
    "statement",
    "policy_text",
    "guideline_text",
    "auto_policy",
    "auto_guideline",
    "explanation",
    "explanation_html",
    "visibility",
)


class RuleSnapshot(TypedDict, total=False):
    key: str
    id: int
    modality: str
    statement: str
    policy_text: str
    guideline_text: str
    auto_policy: str
    auto_guideline: str
    explanation: str
    explanation_html: str
    visibility: str


class SectionSnapshot(TypedDict, total=False):
    key: str
    id: int
    anchor: str
    heading: str
    body: str
    body_html: str
    visibility: str
    version: int
    rules: list[RuleSnapshot]


class DocumentFields(TypedDict, total=False):
    subject: str
    title_policy: str
    title_guideline: str
    summary: str
    default_tone: str


class Snapshot(TypedDict):
    document: DocumentFields
    sections: list[SectionSnapshot]


def normalised(record: object, names: tuple[str, ...]) -> dict[str, str]:
    """The named fields as comparable text.

    Browsers send textareas with CRLF and forms strip surrounding whitespace, while stored text
    may differ in both: compare like with like, or every line would look changed.
    """
    get = getattr(record, "get", None)
    values = {name: get(name) if get else getattr(record, name, "") for name in names}
    return {name: str(value or "").replace("\r\n", "\n").strip() for name, value in values.items()}
