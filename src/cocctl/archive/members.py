"""The pieces of committee.yaml: members, and the signed changes that make them (see ``roster``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from cocctl.archive import signing

ADD, REMOVE, ROTATE, UPDATE, CONFIG = "add", "remove", "rotate-key", "update", "config"
# Another member's signature on a pending change (a removal the policy puts to a vote).
APPROVE = "approve"
CHANGES = (ADD, REMOVE, ROTATE, UPDATE, CONFIG, APPROVE)
# Who removes a member: any one member, or a simple majority of all members
# (CHAOSS). A config entry records the rule of the settings it adopts; a
# member resigning (removing themself) never needs a vote.
SINGLE, MAJORITY = "single", "majority"
REMOVAL_RULES = (SINGLE, MAJORITY)
# Member fields an `update` entry may set.
UPDATABLE = ("name", "email", "roles", "employer", "confirmed")


@dataclass(frozen=True)
class Member:
    """A committee member; ``left`` is set once they are off-boarded.

    ``signing`` is the current public signing key (None for a member carried
    over from a version-1 roster who has not been given one yet);
    ``past_keys`` are earlier ones with the time they were replaced, to check
    what the member signed before a rotation.
    """

    handle: str
    recipient: str
    joined: str
    signing: str | None = None
    name: str | None = None
    email: str | None = None
    roles: tuple[str, ...] = ()
    employer: str | None = None
    left: str | None = None
    # When they last said they want to continue serving (asked every six months).
    confirmed: str | None = None
    past_keys: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def active(self) -> bool:
        """Whether the member is on the committee now."""
        return self.left is None

    def signing_key_at(self, at: str) -> str | None:
        """The signing key the member held at time ``at``."""
        for key, until in self.past_keys:
            if at < until:
                return key
        return self.signing

    def active_at(self, at: str) -> bool:
        """Whether the member had not left at time ``at`` (their last second included).

        Times are claimed by the signer and clocks differ between clones, so
        joining is not compared; that a signer was a member when they signed
        is proven against git history by ``cocctl verify``. A seal made in the
        second of its author's removal, before it (times have whole seconds),
        stays valid.
        """
        return self.left is None or at <= self.left

    def to_dict(self) -> dict[str, Any]:
        """Return the member as roster data, omitting empty fields."""
        data: dict[str, Any] = {"handle": self.handle}
        for name in ("name", "email"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        data["recipient"] = self.recipient
        if self.signing:
            data["signing"] = self.signing
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
class Entry:
    """One signed roster change.

    Attributes:
        id: unique, sortable id (a ULID, like event ids).
        at: when it was made (canonical UTC).
        by: handle of the member who signed it.
        after: id of the latest entry its author had (None only for the first).
        change: one of ``CHANGES``.
        member: the member fields the change carries (``add``, ``remove``,
            ``rotate-key``, ``update``).
        config: SHA-256 (hex) of the new cocctl.yaml (``config``).
        removal: the member-removal rule of those settings (``config``).
        approves: id of the pending change this one approves (``approve``).
        sig: the author's signature of everything above.
    """

    id: str
    at: str
    by: str
    after: str | None
    change: str
    member: dict[str, Any] | None = None
    config: str | None = None
    sig: str = ""
    removal: str | None = None
    approves: str | None = None

    def statement(self) -> dict[str, Any]:
        """What the signature covers."""
        data: dict[str, Any] = {"id": self.id, "at": self.at, "by": self.by, "after": self.after,
                                "change": self.change}
        if self.member is not None:
            data["member"] = self.member
        if self.config is not None:
            data["config"] = self.config
        if self.removal is not None:
            data["removal"] = self.removal
        if self.approves is not None:
            data["approves"] = self.approves
        return data

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as file data."""
        return {**self.statement(), "sig": self.sig}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Entry:
        """Build an entry from schema-validated file data."""
        return cls(raw["id"], raw["at"], raw["by"], raw.get("after"), raw["change"],
                   raw.get("member"), raw.get("config"), raw["sig"], raw.get("removal"), raw.get("approves"))


def sign_entry(key: signing.SigningKey, entry: Entry) -> Entry:
    """Return ``entry`` signed with ``key``."""
    return replace(entry, sig=key.sign(signing.ROSTER_DOMAIN, entry.statement()))
