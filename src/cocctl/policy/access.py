"""Who may read a case: computed from the access rule, the roster and the log."""

from __future__ import annotations

from collections.abc import Iterable

from cocctl.model.state import CaseState
from cocctl.policy.presets import CLEARED_ACCESS


def case_readers(access: str, active_members: Iterable[str], state: CaseState) -> tuple[str, ...]:
    """Return the committee handles a case must be encrypted to, sorted.

    Under ``committee`` access every active member reads the case; under
    ``cleared`` only those who cleared a conflict check (the member who took
    the report is cleared from the start). Excluded and hard-recused members
    never read it, whatever else the log says.
    """
    active = set(active_members)
    readers = active & set(state.cleared) if access == CLEARED_ACCESS else active
    return tuple(sorted(readers - state.excluded - state.recused_hard))
