"""Plain-data snapshots of a document: the draft as stored now, or as it stood at a revision.

A snapshot is the contract shared by comparison (`textkit.compare`), releases, exports and the
read API:

    {"document": {"subject", "title_policy", "title_guideline", "summary", "default_tone"},
     "sections": [{"key", "id", "anchor", "heading", "body", "body_html", "visibility",
                   "version",
                   "rules": [{"key", "id", "modality", "statement", "policy_text",
                              "guideline_text", "auto_policy", "auto_guideline",
                              "explanation", "explanation_html", "visibility"}]}]}
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from reversion.models import Version

from guidelines.models import Document, RevisionMeta, Rule, Section
from textkit.snapshot import DOCUMENT_FIELDS, RULE_FIELDS


def document_data(document: Document) -> dict:
    return {field: getattr(document, field) for field in DOCUMENT_FIELDS}


def rule_data(rule: Rule) -> dict:
    data = {field: getattr(rule, field) for field in RULE_FIELDS}
    data.update(key=str(rule.pk), id=rule.pk)
    return data


def section_data(section: Section, rules) -> dict:
    return {
        "key": str(section.pk),
        "id": section.pk,
        "anchor": section.anchor,
        "heading": section.heading,
        "body": section.body,
        "body_html": section.body_html,
        "visibility": section.visibility,
        "version": section.version,
        "rules": [rule_data(rule) for rule in rules],
    }


def live_sections(document: Document):
    """The draft's sections with their live rules, in two queries."""
    rules = Rule.objects.filter(removed_at__isnull=True).order_by("position", "id")
    return (
        Section.objects.filter(document=document, removed_at__isnull=True)
        .order_by("position", "id")
        .prefetch_related(Prefetch("rules", queryset=rules, to_attr="live_rules"))
    )


def draft_snapshot(document: Document) -> dict:
    return {
        "document": document_data(document),
        "sections": [section_data(s, s.live_rules) for s in live_sections(document)],
    }


def _section_from_versions(section_version: Version, rule_versions: list[Version]) -> dict:
    fields = section_version.field_dict
    rules = []
    for version in rule_versions:
        rule = version.field_dict
        if rule.get("removed_at") is not None:
            continue
        data = {field: rule.get(field, "") for field in RULE_FIELDS}
        data.update(
            key=str(version.object_id), id=int(version.object_id), _position=rule.get("position", 0)
        )
        rules.append(data)
    rules.sort(key=lambda r: (r["_position"], r["id"]))
    for data in rules:
        del data["_position"]
    return {
        "key": str(section_version.object_id),
        "id": int(section_version.object_id),
        "anchor": fields.get("anchor", ""),
        "heading": fields.get("heading", ""),
        "body": fields.get("body", ""),
        "body_html": fields.get("body_html", ""),
        "visibility": fields.get("visibility", "both"),
        "version": fields.get("version", 0),
        "rules": rules,
    }


def sections_at(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], dict]:
    """Sections as stored in the given (section_id, revision_id) pairs, in one query."""
    if not pairs:
        return {}
    section_ct = ContentType.objects.get_for_model(Section)
    rule_ct = ContentType.objects.get_for_model(Rule)
    revision_ids = {rid for _, rid in pairs}
    wanted = {(str(sid), rid) for sid, rid in pairs}
    section_versions: dict[tuple[int, int], Version] = {}
    rule_versions: dict[tuple[int, int], list[Version]] = {}
    versions = Version.objects.filter(
        revision_id__in=revision_ids, content_type__in=[section_ct, rule_ct]
    ).only("object_id", "content_type_id", "revision_id", "serialized_data", "format")
    for version in versions:
        if version.content_type_id == section_ct.pk:
            if (version.object_id, version.revision_id) in wanted:
                section_versions[(int(version.object_id), version.revision_id)] = version
        else:
            # Reversion keys foreign keys by attname.
            section_id = version.field_dict.get("section_id")
            key = (int(section_id), version.revision_id)
            rule_versions.setdefault(key, []).append(version)
    return {
        key: _section_from_versions(version, rule_versions.get(key, []))
        for key, version in section_versions.items()
    }


def revision_snapshot(meta: RevisionMeta) -> dict:
    """The whole document as it stood after the given revision."""
    doc_ct = ContentType.objects.get_for_model(Document)
    # Every revision records the document row too, so its fields sit in the same revision.
    doc_version = Version.objects.filter(
        content_type=doc_ct, object_id=str(meta.document_id), revision_id=meta.revision_id
    ).first()
    document = (
        {field: doc_version.field_dict.get(field, "") for field in DOCUMENT_FIELDS}
        if doc_version
        else document_data(meta.document)
    )
    pairs = [(int(sid), int(rid)) for sid, rid in meta.manifest]
    found = sections_at(pairs)
    return {
        "document": document,
        "sections": [found[pair] for pair in pairs if pair in found],
    }
