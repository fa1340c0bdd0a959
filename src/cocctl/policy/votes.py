"""Decision rules: who may vote on a proposal, the tally, and whether the rule is met (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

SINGLE, MAJORITY, TWO_THIRDS, UNANIMOUS = "single", "majority", "two-thirds", "unanimous"
RULES = (SINGLE, MAJORITY, TWO_THIRDS, UNANIMOUS)
# What a share is taken of: votes cast (yes + no), members present (voted at
# all, abstentions included) or every eligible voter.
BASES = ("cast", "present", "eligible")

ADOPTED, REJECTED, PENDING = "adopted", "rejected", "pending"


@dataclass(frozen=True)
class Rule:
    """How a proposal is decided.

    Attributes:
        rule: single (one member decides), majority, two-thirds or unanimous.
        basis: what a share is taken of (``BASES``).
        quorum: "all", "majority" or a number of voters who must have voted.
        exclude_roles: roles that never vote under this rule.
        voter_roles: the roles that vote; empty: every member who may read the case.
        tie_breaker: a role whose vote breaks a tie caused by abstention.
        fallback: the rule applied when unanimity is not reached.
    """

    rule: str = SINGLE
    basis: str = "cast"
    quorum: str | int = "majority"
    exclude_roles: tuple[str, ...] = ()
    voter_roles: tuple[str, ...] = ()
    tie_breaker: str | None = None
    fallback: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The rule as cocctl.yaml writes it."""
        return {"rule": self.rule, "basis": self.basis, "quorum": self.quorum,
                "exclude_roles": list(self.exclude_roles), "voter_roles": list(self.voter_roles),
                "tie_breaker": self.tie_breaker, "fallback": self.fallback}


DEFAULT = "default"


def rule_for(decisions: Mapping[str, Rule], consequence_ids: Iterable[str]) -> Rule:
    """The strictest rule among the consequences' rules (``default`` for the others)."""
    rules = [decisions.get(ident, decisions[DEFAULT]) for ident in consequence_ids] or [decisions[DEFAULT]]
    return max(rules, key=lambda rule: RULES.index(rule.rule))


def eligible_voters(rule: Rule, readers: Iterable[str], roles: Mapping[str, Iterable[str]],
                    soft_recused: Iterable[str]) -> tuple[str, ...]:
    """Members who may vote: readers of the case, minus soft-recused and excluded roles."""
    excluded = set(rule.exclude_roles)
    wanted = set(rule.voter_roles)
    out = []
    for handle in readers:
        held = set(roles.get(handle, ()))
        if handle in set(soft_recused) or held & excluded:
            continue
        if wanted and not held & wanted:
            continue
        out.append(handle)
    return tuple(sorted(out))


def tie_breakers(rule: Rule, readers: Iterable[str], roles: Mapping[str, Iterable[str]],
                 soft_recused: Iterable[str]) -> tuple[str, ...]:
    """Readers holding the tie-breaker role (none when the rule has no tie-breaker)."""
    role = rule.tie_breaker
    if not role:
        return ()
    return tuple(sorted(h for h in readers if role in set(roles.get(h, ())) and h not in set(soft_recused)))


@dataclass(frozen=True)
class Tally:
    """Where a vote stands under its rule."""

    rule: str
    eligible: tuple[str, ...]
    yes: tuple[str, ...]
    no: tuple[str, ...]
    abstain: tuple[str, ...]
    missing: tuple[str, ...]
    outcome: str
    reason: str
    quorum: int
    tie_breaker_vote: str | None = None
    tie_breaker_needed: bool = False
    consensus: bool | None = None
    tie_breakers: tuple[str, ...] = field(default=())

    def summary(self) -> dict[str, Any]:
        """The tally as event data (counts and who voted how)."""
        data: dict[str, Any] = {
            "rule": self.rule, "yes": list(self.yes), "no": list(self.no), "abstain": list(self.abstain),
            "eligible": list(self.eligible),
        }
        if self.tie_breaker_vote:
            data["tie_breaker"] = self.tie_breaker_vote
        if self.consensus is not None:
            data["consensus"] = self.consensus
        return data


def quorum_size(rule: Rule, eligible: int) -> int:
    """How many eligible voters must have voted before the vote counts."""
    quorum = rule.quorum
    if quorum == "all" or rule.rule == UNANIMOUS:
        return eligible
    if quorum == "majority":
        return eligible // 2 + 1 if eligible else 0
    return min(int(quorum), eligible)


def tally(rule: Rule, eligible: Iterable[str], votes: Mapping[str, str],
          breakers: Iterable[str] = ()) -> Tally:
    """Count ``votes`` (handle -> yes/no/abstain; the latest per member) under ``rule``."""
    eligible = tuple(sorted(eligible))
    breakers = tuple(breakers)
    yes = tuple(h for h in eligible if votes.get(h) == "yes")
    no = tuple(h for h in eligible if votes.get(h) == "no")
    abstain = tuple(h for h in eligible if votes.get(h) == "abstain")
    missing = tuple(h for h in eligible if h not in votes)
    quorum = quorum_size(rule, len(eligible))
    base = {"rule": rule.rule, "eligible": eligible, "yes": yes, "no": no, "abstain": abstain,
            "missing": missing, "quorum": quorum, "tie_breakers": breakers}
    voted = len(eligible) - len(missing)
    if not eligible:
        return Tally(**base, outcome=PENDING, reason="nobody may vote on this case; grant or clear a member first")
    if voted < quorum:
        return Tally(**base, outcome=PENDING,
                     reason=f"quorum not reached: {voted} of {quorum} votes needed; waiting for {', '.join(missing)}")
    kind = rule.rule
    if kind == UNANIMOUS:
        if len(yes) == len(eligible):
            return Tally(**base, outcome=ADOPTED, reason="unanimous", consensus=True)
        fallback = rule.fallback
        if not fallback:
            return Tally(**base, outcome=REJECTED, reason="unanimity not reached", consensus=False)
        inner = tally(replace(rule, rule=fallback, quorum="all"), eligible, votes, breakers)
        return Tally(**{**base, "tie_breakers": breakers}, outcome=inner.outcome, consensus=False,
                     tie_breaker_vote=inner.tie_breaker_vote, tie_breaker_needed=inner.tie_breaker_needed,
                     reason=f"consensus not reached; fallback {fallback}: {inner.reason}")
    from fractions import Fraction  # here: with decimal, ~2 ms of every command's start

    share = Fraction(1, 2) if kind == MAJORITY else Fraction(2, 3)
    basis = rule.basis
    whole = {"cast": len(yes) + len(no), "present": voted, "eligible": len(eligible)}[basis]
    if kind == MAJORITY and basis == "cast" and len(yes) == len(no):
        return _tie(base, rule, votes, breakers, abstained=bool(abstain), waiting=bool(missing))
    passes = Fraction(len(yes), whole or 1) > share if kind == MAJORITY else Fraction(len(yes), whole or 1) >= share
    needed = f"{'more than half' if kind == MAJORITY else 'two thirds'} of {whole} ({basis})"
    if passes and whole:
        return Tally(**base, outcome=ADOPTED, reason=f"{len(yes)} yes: {needed}")
    if basis == "eligible" and missing:
        # Missing votes could still carry it; only a lost cause is a rejection.
        best = Fraction(len(yes) + len(missing), whole)
        if (best > share) if kind == MAJORITY else (best >= share):
            return Tally(**base, outcome=PENDING, reason=f"{len(yes)} yes, need {needed}; waiting for {', '.join(missing)}")
    return Tally(**base, outcome=REJECTED, reason=f"{len(yes)} yes is not {needed}")


def _tie(base: dict[str, Any], rule: Rule, votes: Mapping[str, str], breakers: tuple[str, ...],
         *, abstained: bool, waiting: bool) -> Tally:
    count = len(base["yes"])
    if waiting:
        return Tally(**base, outcome=PENDING, reason=f"tied {count} to {count}; waiting for {', '.join(base['missing'])}")
    if abstained and rule.tie_breaker:
        cast = next((votes[h] for h in breakers if votes.get(h) in ("yes", "no")), None)
        if cast is None:
            who = ", ".join(breakers) or f"nobody holds the role {rule.tie_breaker}"
            return Tally(**base, outcome=PENDING, tie_breaker_needed=True,
                         reason=f"tied {count} to {count} after abstention; the {rule.tie_breaker} ({who}) casts the deciding vote")
        return Tally(**base, outcome=ADOPTED if cast == "yes" else REJECTED, tie_breaker_vote=cast,
                     reason=f"tied {count} to {count} after abstention; the {rule.tie_breaker} voted {cast}")
    return Tally(**base, outcome=REJECTED, reason=f"tied {count} to {count}: no majority")
