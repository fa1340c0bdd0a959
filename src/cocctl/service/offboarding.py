"""Telling a removed member: the email the CHAOSS process sends once their access is revoked."""

from __future__ import annotations

from dataclasses import dataclass

from cocctl.errors import ConflictError, NotFound
from cocctl.service.workspace import Session, Workspace


@dataclass(frozen=True)
class Notice:
    """The email telling a removed member they were removed (CHAOSS: sent after access is revoked)."""

    member: str
    address: str | None
    subject: str
    body: str


def removal_notice(session: Session, handle: str) -> Notice:
    """Draft the email to a member removed from the committee; only once their removal is in effect.

    Raises:
        NotFound: no such member; ConflictError: their removal has not taken effect (still a member, or
            waiting for approvals), so their access is not yet revoked and the email must wait.
    """
    from cocctl.service import messages

    work = Workspace(session)
    roster = work.archive.roster
    member = next((m for m in roster.members if m.handle == handle), None)
    if member is None:
        raise NotFound(f"{handle!r} was never a committee member; see 'cocctl member list'")
    if member.active:
        waiting = roster.pending_removal(handle)
        state = (f"waits for approvals ({len(waiting.approvals)} of {waiting.needs})" if waiting
                 else "has not been recorded")
        raise ConflictError(f"the removal of {handle} {state}: their access is revoked before the email is sent, "
                            f"so draft it after 'cocctl member remove {handle}' takes effect")
    sealed = [case_id for case_id in work.archive.case_ids() if handle in work.archive.read_case(case_id).readers]
    if sealed:
        raise ConflictError(f"{len(sealed)} case(s) are still sealed to {handle} ({', '.join(sealed[:5])}): their access "
                            "is revoked before the email is sent; a reader of each runs 'cocctl rekey' first")
    community = work.archive.config.community
    committee = f"the {community} Code of Conduct committee"
    values = {"community": community, "committee": committee, "name": member.name or handle,
              "signature": f"{work.me.name or work.me.handle}\nfor {committee}"}
    name = "member-removed.txt"
    subject, body = messages.fill(messages.load_template(name, work.archive.root), values, name)
    return Notice(handle, member.email, subject, body)
