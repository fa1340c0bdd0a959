"""A case as one document: the shape ``schemas/case.schema.json`` describes, and checking a log against it."""

from __future__ import annotations

from typing import Any

from cocctl.errors import IntegrityError
from cocctl.model.state import CaseState


def document(state: CaseState) -> dict[str, Any]:
    """The case as one document: the shape ``schemas/case.schema.json`` describes (and ``show --raw`` prints)."""
    return {
        "cocctl": 1, "case": state.id, "status": state.status, "opened": state.opened_at,
        "updated": state.updated_at, "events": [event.to_dict() for event in state.events],
    }


def check_document(state: CaseState, name: str, *, writing: bool = False) -> None:
    """Check the folded log against the case schema, never quoting its content.

    Raises:
        IntegrityError: an event breaks the schema.
    """
    from cocctl.archive import validation

    found = validation.case_problems(document(state))
    if found and writing:
        raise IntegrityError(f"refusing to write an invalid case {name}: {found[0]}")
    if found:
        raise IntegrityError(f"{name} holds an invalid case document ({found[0]}); restore it with git")
