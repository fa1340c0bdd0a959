"""The committee roster (committee.yaml): who may hold keys to cases."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from cocctl import validation
from cocctl.archive import yamlio
from cocctl.errors import IntegrityError, NotFound

FILE_NAME = "committee.yaml"


@dataclass(frozen=True)
class Member:
    """A committee member; ``left`` is set once they are off-boarded."""

    handle: str
    recipient: str
    joined: str
    name: str | None = None
    email: str | None = None
    roles: tuple[str, ...] = ()
    employer: str | None = None
    left: str | None = None
    # When they last said they want to continue serving (asked every six months).
    confirmed: str | None = None

    @property
    def active(self) -> bool:
        """Whether the member is on the committee now."""
        return self.left is None

    def to_dict(self) -> dict[str, Any]:
        """Return the member as roster data, omitting empty fields."""
        data: dict[str, Any] = {"handle": self.handle}
        for name in ("name", "email"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        data["recipient"] = self.recipient
        if self.roles:
            data["roles"] = list(self.roles)
        if self.employer:
            data["employer"] = self.employer
        data["joined"] = self.joined
        if self.left:
            data["left"] = self.left
        if self.confirmed:
            data["confirmed"] = self.confirmed
        return data


@dataclass(frozen=True)
class Roster:
    """All members, past and present, in the order they joined."""

    members: tuple[Member, ...] = field(default=())

    @property
    def active(self) -> tuple[Member, ...]:
        """Members on the committee now."""
        return tuple(member for member in self.members if member.active)

    def get(self, handle: str) -> Member:
        """Return the member with ``handle``.

        Raises:
            NotFound: no such member.
        """
        for member in self.members:
            if member.handle == handle:
                return member
        raise NotFound(f"no committee member {handle!r}; see 'cocctl member list'")

    def find_recipient(self, recipient: str) -> Member | None:
        """Return the active member whose public key is ``recipient``, if any."""
        for member in self.active:
            if member.recipient == recipient:
                return member
        return None

    def with_member(self, member: Member) -> Roster:
        """Return a roster with ``member`` added or replaced (by handle)."""
        others = tuple(m for m in self.members if m.handle != member.handle)
        if len(others) == len(self.members):
            return Roster(self.members + (member,))
        return Roster(tuple(member if m.handle == member.handle else m for m in self.members))

    def leaving(self, handle: str, when: str) -> Roster:
        """Return a roster where ``handle`` left at ``when``."""
        return self.with_member(replace(self.get(handle), left=when))

    def to_dict(self) -> dict[str, Any]:
        """Return the roster as file data."""
        return {"cocctl": 1, "members": [member.to_dict() for member in self.members]}


def loads(data: bytes) -> Roster:
    """Parse and validate committee.yaml.

    Raises:
        IntegrityError: not YAML or not a valid roster.
    """
    try:
        raw = yamlio.loads(data)
    except yamlio.YAMLSyntaxError as error:
        raise IntegrityError(f"{FILE_NAME} is not valid ({error}); fix it or restore it with git") from None
    found = validation.problems(validation.COMMITTEE, raw)
    if found:
        raise IntegrityError(f"{FILE_NAME} is not valid ({found[0]}); fix it or restore it with git")
    members = []
    for item in raw["members"]:
        members.append(Member(**{**item, "roles": tuple(item.get("roles", ()))}))
    handles = [member.handle for member in members]
    if len(set(handles)) != len(handles):
        raise IntegrityError(f"{FILE_NAME} lists a handle twice; fix it or restore it with git")
    return Roster(tuple(members))


def dumps(roster: Roster) -> bytes:
    """Serialize the roster, refusing an invalid one."""
    data = roster.to_dict()
    found = validation.problems(validation.COMMITTEE, data)
    if found:
        raise IntegrityError(f"refusing to write an invalid {FILE_NAME}: {found[0]}")
    return yamlio.dumps(data).encode("utf-8")
