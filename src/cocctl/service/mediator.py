"""The third-party mediator: an outside party a member granted a key on one case, who then acts on that case only.

A member runs ``cocctl grant CASE --key MEDIATOR.pub --as mediator``: the
grant seal vouches for the mediator's signing key (archive/actors.py), so
every seal the mediator signs verifies key-less like a member's. In their
own clone, a command naming that case finds their identity there and acts
as the mediator: amend, propose, vote or decide where the policy lets them,
draft and close. They never change who reads a case (recuse, grant,
revoke), never act on another case and never change the roster.
``revoke CASE --as mediator`` ends their power on later seals.

Deciding within the policy: the mediator votes only when no member may
vote on the case (every member recused), and is then its only voter; the
case's rule applies to that one vote (a unanimous rule is met by the
mediator's yes). While a member may vote, the mediator proposes and the
members vote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from cocctl.archive import keys
from cocctl.archive.actors import Actors
from cocctl.archive.casefile import CaseFile, Seal
from cocctl.archive.roster import Member
from cocctl.errors import AccessDenied, CocctlError, IntegrityError
from cocctl.model import events as ev
from cocctl.model.events import Event
from cocctl.model.state import CLOSED, CaseState

if TYPE_CHECKING:
    from cocctl.service.workspace import Workspace

ROLE = "mediator"  # the role a bound outside actor holds in ``whoami``


def bind(work: Workspace, case_id: str) -> None:
    """Act as the outside actor a member granted on ``case_id``, when my identity is no member's.

    Nothing happens for a member, or for an identity no member vouched for
    on that case (the usual "not a member" error comes later).

    Raises:
        AccessDenied: I already act as an outside actor on another case.
    """
    if work.guest is not None:
        if work.guest_case != case_id:
            raise AccessDenied(f"you act as {work.guest.handle} on case {work.guest_case} only, not on {case_id}")
        return
    mine = keys.recipients_of(work.identities)
    if any(work.roster.find_recipient(recipient) for recipient in mine) or not mine:
        return
    if not work.archive.has_case(case_id):
        return
    found = work.archive.read_case(case_id)
    name = actor_of(work, found)
    if name is not None:
        work.guest = Member(handle=name, recipient=mine[0], joined=found.opened, signing=_my_key(work), name=name)
        work.guest_case = case_id


def actor_of(work: Workspace, found: CaseFile) -> str | None:
    """The name my signing key acts under on ``found`` (vouched, not ended, still granted), or None."""
    key = _my_key(work)
    if key is None:
        return None
    name = Actors(found, work.roster).current(key)
    return name if name is not None and name in found.guests else None


def _my_key(work: Workspace) -> str | None:
    try:
        return keys.signing_key(work.identities).public
    except CocctlError:
        return None


def cases_of(work: Workspace) -> list[str]:
    """The cases my identity acts on as an outside actor (read from plaintext, no decryption; bad files skipped)."""
    found = []
    for case_id in work.archive.case_ids():
        try:
            if actor_of(work, work.archive.read_case(case_id)):
                found.append(case_id)
        except CocctlError:
            continue  # 'validate' reports a file that does not parse
    return found


def granted_actors(added: Iterable[Event]) -> dict[str, str]:
    """The actor keys a seal of ``added`` vouches for: each grant's key, or "" where a grant or revoke ends one."""
    return {e.data["name"]: e.data.get("signing", "") for e in added if e.type in (ev.GRANTED, ev.REVOKED)}


def refuse_member_only(work: Workspace, changes: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Refuse an outside actor's change of who reads the case.

    Raises:
        AccessDenied: I act as an outside actor and the change recuses, clears, grants or revokes.
    """
    if work.guest is not None and any(kind in ev.MEMBER_ONLY for kind, _ in changes):
        raise AccessDenied(f"a {ROLE} does not change who reads case {work.guest_case}; a member must do it")


def check_seal(name: str, sealed: Seal, events: Sequence[Event], members: Iterable[str]) -> None:
    """A seal's vouched actors match its events, and no outside actor changed who reads the case.

    Raises:
        IntegrityError: they do not.
    """
    members = set(members)
    if sealed.actors and dict(sealed.actors) != granted_actors(events if sealed.by in members else ()):
        raise IntegrityError(f"{name}: seal {sealed.id} vouches for other actor keys than its events grant; "
                             "restore it with git")
    if sealed.by not in members and any(e.type in ev.MEMBER_ONLY for e in events):
        raise IntegrityError(f"{name}: seal {sealed.id} by outside party {sealed.by} changes who reads the case")


def voters(state: CaseState, eligible: tuple[str, ...]) -> tuple[str, ...]:
    """Who votes on a proposal: the eligible members, or, when none may, the case's outside actors."""
    return eligible or acting(state)


def member_voters(work: Workspace, state: CaseState, rule: Any = None) -> tuple[str, ...]:
    """The members who may vote on the case under ``rule`` (default: the policy's default rule)."""
    from cocctl.policy import votes as voting

    roles = {m.handle: m.roles for m in work.roster.active}
    return voting.eligible_voters(rule or work.policy.rule_for(()), work.readers(state), roles, state.recused_soft)


def acting(state: CaseState) -> tuple[str, ...]:
    """The case's outside actors (granted with a signing key)."""
    return tuple(sorted(guest.name for guest in state.guests if guest.signing))


def stalled(work: Workspace, state: CaseState) -> str | None:
    """Since when nobody may act on an open case (every member recused or excluded, no mediator), or None.

    The time is that of the last recusal (the one that left nobody), else the case's last change.
    """
    conflicted = state.recused_hard | state.recused_soft | set(state.excluded)
    if state.status == CLOSED or acting(state) or any(m.handle not in conflicted for m in work.roster.active):
        return None
    recusals = [e.at for e in state.events if e.type == ev.RECUSED]
    return max(recusals) if recusals else state.updated_at


def mediates_only(work: Workspace) -> bool:
    """Whether my identity is no member's but mediates some case."""
    try:
        work.me  # noqa: B018
    except AccessDenied:
        return bool(cases_of(work))
    return work.guest is not None


def reseal(session: Any, apply: bool = True) -> list[tuple[str, str]]:
    """Re-seal each case I mediate whose seals are not encrypted to its readers (after a merge or a new member).

    Returns:
        (case, commit) for each case re-sealed (commit "" when ``apply`` is False).
    """
    from cocctl.service.workspace import Workspace

    done = []
    for case_id in cases_of(Workspace(session)):
        work = Workspace(session)
        work.bind(case_id)
        with work.archive.locked():
            loaded = work.load_case(case_id)
            meta = work.metadata(loaded.state, loaded.file)
            if not loaded.file.reseal and loaded.file.sealed_to(meta.readers, meta.guests) \
                    and loaded.file.readers == meta.readers:
                continue
            commit = work.commit_case(loaded, [], "rekey", f"Re-seal case {case_id}")[1] if apply else ""
            done.append((case_id, commit))
    return done
