"""Access to one case: recusal, granting members or outside parties, revoking them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cocctl.archive import keys
from cocctl.errors import AccessDenied, NotFound, UsageError
from cocctl.model import events as ev
from cocctl.model.state import CaseState
from cocctl.policy import votes as voting
from cocctl.service.cases import check_event_data
from cocctl.service.workspace import CaseChange, Session, Workspace


def require_reader(work: Workspace, case_id: str) -> None:
    """Refuse early, with a clear message, when I cannot read the case.

    Raises:
        AccessDenied: I am not one of the case's readers.
    """
    work.bind(case_id)  # a mediator granted a key on this case acts on it
    envelope = work.archive.read_case(case_id)
    if work.me.handle not in (*envelope.readers, *((work.guest.handle,) if work.guest else ())):
        raise AccessDenied(
            f"you cannot read case {case_id} (recused, excluded or not cleared), so you cannot act on it"
        )


def recuse(session: Session, case_id: str, member: str | None, *, soft: bool = False,
           reason: str | None = None) -> CaseChange:
    """Record that ``member`` (default: me) has a conflict on a case.

    A hard recusal removes access and vote, so the case is re-encrypted
    without them in the same commit; a soft one removes the vote only. No
    reason is asked for; one is stored only when given.

    Raises:
        UsageError: not an active member.
        ConflictError: nobody would be left able to read the case.
    """
    work = Workspace(session)
    handle = member or work.me.handle
    work.require_member(handle)
    readers = work.archive.read_case(case_id).readers
    if handle == work.me.handle and handle not in readers:
        # Not cleared yet (CHAOSS): the conflict is stated to the committee, and a reader records it.
        raise AccessDenied(f"you cannot read case {case_id} (not cleared yet, or recused already): state your "
                           f"conflict to the committee, and one of its readers ({', '.join(readers) or 'none'}) "
                           f"records it with 'cocctl recuse {case_id} --member {handle}'")

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        if handle in state.recused_hard or (soft and handle in state.recused_soft):
            return []
        data: dict[str, Any] = {"member": handle, "hard": not soft}
        if reason:
            data["reason"] = reason
        check_event_data(ev.RECUSED, data)
        return [(ev.RECUSED, data)]

    kind = "soft" if soft else "hard"
    return work.change_case(case_id, "recuse", f"Record a {kind} recusal on case {case_id}", make)


@dataclass(frozen=True)
class Grant(CaseChange):
    """A grant to a member; ``pending`` says why a withdrawal of their conflict is not yet in effect."""

    pending: str | None = None


def grant_member(session: Session, case_id: str, member: str) -> Grant:
    """Let a member read (and vote on) a case: clear them, or withdraw their recorded conflict.

    A conflict (a recusal, declared by the member or recorded for them) is the
    member's own to withdraw, or the committee's by its vote rule: another
    member's grant is an approval, and the conflict is withdrawn once the
    approvals meet the rule (a majority where one member decides alone).

    Raises:
        UsageError: not an active member, or excluded when the case was opened.
    """
    work = Workspace(session)
    work.require_member(member)
    me = work.me.handle
    result: dict[str, str] = {}

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        if member in state.excluded:
            raise UsageError(f"{member} was excluded from case {case_id} when it was opened; that cannot be undone")
        conflicted = member in state.recused_hard | state.recused_soft
        if not conflicted and member in work.readers(state):
            return []
        if not conflicted or member == me:
            return [(ev.CLEARED, {"member": member})]
        tally = withdrawal_tally(work, state, member, me)
        if tally.outcome == voting.ADOPTED:
            return [(ev.CLEARED, {"member": member})]
        result["pending"] = (f"your approval to withdraw {member}'s conflict is recorded ({len(tally.yes)} of "
                             f"{len(tally.eligible)}: {tally.reason}); a conflict is {member}'s to withdraw, "
                             "or the committee's by its vote rule")
        if (member, me) in state.withdrawals:
            return []
        return [(ev.CLEARED, {"member": member, "approve": True})]

    change = work.change_case(case_id, "grant", f"Grant a member access to case {case_id}", make)
    return Grant(**vars(change), pending=result.get("pending"))


def withdrawal_tally(work: Workspace, state: CaseState, member: str, me: str) -> voting.Tally:
    """Where the committee's approval to withdraw ``member``'s conflict stands, counting mine."""
    rule = work.policy.rule_for(())
    if rule.rule == voting.SINGLE:  # never one other member's call
        rule = voting.Rule(rule=voting.MAJORITY, basis="eligible", quorum="majority")
    readers = [handle for handle in work.readers(state) if handle != member]
    roles = {m.handle: m.roles for m in work.archive.roster.active}
    eligible = voting.eligible_voters(rule, readers, roles, state.recused_soft)
    approvals = {approver: "yes" for who, approver in state.withdrawals if who == member}
    return voting.tally(rule, eligible, {**approvals, me: "yes"})


def grant_guest(session: Session, case_id: str, recipient: str, name: str, signing: str | None = None) -> CaseChange:
    """Let an outside party (a mediator) read a case with their own age key, and act on it with ``signing``.

    With a signing key (the ``ed25519:`` key of their ``cocctl keygen`` line)
    the party is an actor on this case only: the grant's seal vouches for the
    key (service/mediator.py says what they may do).

    Raises:
        UsageError: malformed recipient or name, or the name is a member's handle.
    """
    if not keys.is_recipient(recipient):
        raise UsageError(f"{recipient!r} is not an age X25519 recipient (age1...); nothing was changed")
    work = Workspace(session)
    if any(m.handle == name for m in work.archive.roster.members):
        raise UsageError(f"{name} is a committee member's handle; use 'cocctl grant CASE --member {name}'")

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        if any((g.name, g.recipient, g.signing) == (name, recipient, signing) for g in state.guests):
            return []
        data = {"name": name, "recipient": recipient, **({"signing": signing} if signing else {})}
        check_event_data(ev.GRANTED, data)
        return [(ev.GRANTED, data)]

    return work.change_case(case_id, "grant", f"Grant an outside party access to case {case_id}", make)


def revoke_guest(session: Session, case_id: str, name: str) -> CaseChange:
    """End an outside party's access; the case is re-encrypted without them.

    Raises:
        NotFound: no such outside party on the case.
    """
    work = Workspace(session)

    def make(state: CaseState) -> list[tuple[str, dict[str, Any]]]:
        if not any(g.name == name for g in state.guests):
            raise NotFound(f"case {case_id} has no outside party called {name}")
        return [(ev.REVOKED, {"name": name})]

    return work.change_case(case_id, "revoke", f"Revoke an outside party's access to case {case_id}", make)
