"""The check every command makes of its clone: are cocctl's git drivers registered?

Kept apart from ``setup`` (keys, agent, hooks) so that the check costs a
command no imports beyond the archive it opens anyway.
"""

from __future__ import annotations

from cocctl.archive import drivers
from cocctl.archive.repo import Archive
from cocctl.service.workspace import Session


def drivers_missing(session: Session) -> bool:
    """Whether this command's archive is a clone without cocctl's merge drivers (never raises).

    Without them git merges case files and the roster as text: the first
    concurrent edit becomes a raw conflict. No archive here is not this
    question's business; the command itself says so.
    """
    try:
        root = Archive.find(session.archive).root
    except Exception:  # noqa: BLE001  (any failure to find an archive: the command reports it)
        return False
    return (root / ".git").exists() and not drivers.registered(root)
