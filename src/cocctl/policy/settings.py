"""The policy in force: one typed, frozen object built once from cocctl.yaml and its preset."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import timezone, tzinfo
from types import MappingProxyType
from typing import Any

from cocctl.errors import IntegrityError
from cocctl.policy import presets
from cocctl.policy.calendar import Duration, DurationError, parse
from cocctl.policy.consequences import CATALOGUE
from cocctl.policy.votes import DEFAULT, Rule, rule_for

# The settings file's name, for messages (the archive layer reads the file).
CONFIG_FILE = "cocctl.yaml"
SOURCE_BASE, SOURCE_PRESET, SOURCE_CONFIG = "base", "preset", CONFIG_FILE


@dataclass(frozen=True)
class Strikes:
    """Strikes add up across cases; at ``threshold`` (None: no strikes) the policy ``requires`` these."""

    threshold: int | None
    expire: Duration | None
    requires: tuple[str, ...]


@dataclass(frozen=True)
class Appeals:
    """Appeals of the consequences ``of``, from ``opens_after`` a decision until ``closes_after`` (None: no end)."""

    allowed: bool
    opens_after: Duration | None
    closes_after: Duration | None
    of: tuple[str, ...]

    def covers(self, consequences: Iterable[Mapping[str, Any]]) -> bool:
        """Whether a decision with these consequences may be appealed."""
        return self.allowed and any(c["id"] in self.of for c in consequences)


@dataclass(frozen=True)
class Interim:
    """On an urgent case one responder may impose these ``consequences`` at once.

    ``kinds`` limits interim measures to cases of these kinds (empty: any);
    ``until_resolved`` means a measure has no period of its own and lasts
    until the case is closed (SSE: "until they are able to triage and resolve").
    """

    allowed: bool
    consequences: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    until_resolved: bool = False


@dataclass(frozen=True)
class Owners:
    """Whether each case wants a primary and a secondary owner (CHAOSS)."""

    primary: bool
    secondary: bool


@dataclass(frozen=True)
class Deadlines:
    """The response times the process promises (None: no such promise).

    ``reporter_outcome`` None means the first-response time;
    ``member_confirmation`` is how often each member is asked whether they
    want to continue serving.
    """

    first_response: Duration | None
    decision: Duration | None
    reporter_update: Duration | None
    reporter_outcome: Duration | None
    member_confirmation: Duration | None


@dataclass(frozen=True)
class RosterRules:
    """The committee's own rules: a triage watch of ``watch`` people, no employer above a share (None: off)."""

    watch: int | None
    max_employer_share: float | None


@dataclass(frozen=True)
class Evidence:
    """Evidence files: the largest one ``cocctl attach`` stores, in MiB."""

    max_mib: int

    @property
    def max_bytes(self) -> int:
        """The limit in bytes."""
        return self.max_mib * 1024 * 1024


@dataclass(frozen=True)
class Retention:
    """How long a closed case is kept, by outcome (None: kept), and after a sanction ends."""

    not_violation: Duration | None
    concern: Duration | None
    resolved: Duration | None
    after_sanction: Duration | None


# What the allow-list guard accepts for one attachment, in MiB: the policy may not allow more.
MAX_EVIDENCE_MIB = 64


@dataclass(frozen=True)
class Policy:
    """The effective policy of one archive: the base, then its preset, then cocctl.yaml's overrides."""

    preset: str
    description: str
    access: str
    require_signed_commits: bool
    timezone: str
    decisions: Mapping[str, Rule]
    strikes: Strikes
    appeals: Appeals
    interim: Interim
    consequences: tuple[str, ...]
    owners: Owners
    expiring_soon: Duration | None
    deadlines: Deadlines
    roster: RosterRules
    # Who removes a committee member: one member, or a simple majority of all (CHAOSS).
    member_removal: str
    # The largest evidence file, in MiB.
    evidence: Evidence
    retention: Retention
    # Law enforcement: recorded whenever involved ("any"), or only at the reporter's request.
    law_enforcement: str = "any"
    # An incident in a public channel: disclosed only after consulting those involved ("consult"), or "free".
    public_channel: str = "free"
    # The reporter hears the outcome only after the reported person was told.
    accused_first: bool = False
    # A member whose temporary suspension ends may reapply, considered case by case (RLS).
    reapply: bool = False

    @property
    def zone(self) -> tzinfo:
        """The community's time zone, in which days and working days are counted."""
        if self.timezone == "UTC":
            return timezone.utc
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone)

    def rule_for(self, consequence_ids: Iterable[str]) -> Rule:
        """The decision rule for a decision on these consequences: the strictest of theirs."""
        return rule_for(self.decisions, consequence_ids)

    def to_dict(self) -> dict[str, Any]:
        """The settings as cocctl.yaml would state them (durations in words), without the preset's name."""
        return {field.name: _plain(getattr(self, field.name)) for field in fields(self) if field.name != "preset"}


class _Invalid(Exception):
    """A setting's value is wrong: ``setting`` (dotted) and what is wrong with it."""

    def __init__(self, setting: str, message: str) -> None:
        super().__init__(message)
        self.setting = setting


def build(preset: str, overrides: Mapping[str, Any] | None = None, *,
          where: str = CONFIG_FILE) -> Policy:
    """The policy in force under ``preset`` and the overrides of ``where`` (cocctl.yaml).

    Mappings of the overrides are merged one level deep into the preset's;
    any other value replaces it. Every duration goes through the one grammar
    of :mod:`cocctl.policy.calendar`.

    Raises:
        IntegrityError: an unknown preset, or a setting that is not valid; the
            one-line message names the file, the setting and what is accepted.
    """
    if preset not in presets.PRESETS:
        raise IntegrityError(f"{where}: preset {preset!r} is not one of {', '.join(presets.names())}; "
                             "fix it or restore it with git")
    raw = _merged(preset, overrides or {})
    try:
        unknown = sorted(set(raw) - set(presets.BASE))
        if unknown:
            raise _Invalid(unknown[0], f"not a setting; the settings are {', '.join(presets.BASE)}")
        return _typed(preset, raw)
    except _Invalid as error:
        raise IntegrityError(f"{where}: policy.{error.setting}: {error}") from None


def explain(preset: str, overrides: Mapping[str, Any] | None = None) -> list[tuple[str, Any, str]]:
    """Every effective setting as (dotted name, value, source), sources being
    ``base``, ``preset`` or ``cocctl.yaml``; mappings are shown one key deep.

    Raises:
        IntegrityError: see :func:`build`.
    """
    overrides = overrides or {}
    values = build(preset, overrides).to_dict()
    rows = []
    for key, value in values.items():
        if isinstance(value, dict):
            for sub, item in value.items():
                rows.append((f"{key}.{sub}", item, _source(key, sub, overrides, presets.PRESETS[preset])))
        else:
            rows.append((key, value, _source(key, None, overrides, presets.PRESETS[preset])))
    return rows


def _merged(preset: str, overrides: Mapping[str, Any]) -> dict[str, Any]:
    settings = {**presets.BASE, **presets.PRESETS[preset]}
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(settings.get(key), dict):
            settings[key] = {**settings[key], **value}
        else:
            settings[key] = value
    return settings


def _typed(preset: str, raw: Mapping[str, Any]) -> Policy:
    def part(key: str) -> Mapping[str, Any]:
        value = raw[key]
        if not isinstance(value, Mapping):
            raise _Invalid(key, "must be a mapping of settings")
        return value

    strikes, appeals, interim, owners = part("strikes"), part("appeals"), part("interim"), part("owners")
    deadlines, roster, evidence, retention = part("deadlines"), part("roster"), part("evidence"), part("retention")
    access = raw["access"]
    if access not in (presets.COMMITTEE_ACCESS, presets.CLEARED_ACCESS):
        raise _Invalid("access", f"must be one of {presets.COMMITTEE_ACCESS}, {presets.CLEARED_ACCESS}")
    return Policy(
        preset=preset,
        description=str(raw["description"] or ""),
        access=access,
        require_signed_commits=_flag(raw["require_signed_commits"], "require_signed_commits"),
        timezone=_zone_name(raw["timezone"]),
        decisions=_decisions(part("decisions")),
        strikes=Strikes(_count(strikes.get("threshold"), "strikes.threshold"),
                        _duration(strikes.get("expire"), "strikes.expire"),
                        _ids(strikes.get("requires"), "strikes.requires")),
        appeals=Appeals(_flag(appeals.get("allowed"), "appeals.allowed"),
                        _duration(appeals.get("opens_after"), "appeals.opens_after"),
                        _duration(appeals.get("closes_after"), "appeals.closes_after"),
                        _ids(appeals.get("of"), "appeals.of")),
        interim=Interim(_flag(interim.get("allowed"), "interim.allowed"),
                        _ids(interim.get("consequences"), "interim.consequences"),
                        _kinds(interim.get("kinds"), "interim.kinds"),
                        _flag(interim.get("until_resolved", False), "interim.until_resolved")),
        consequences=_ids(raw["consequences"], "consequences"),
        owners=Owners(_flag(owners.get("primary"), "owners.primary"),
                      _flag(owners.get("secondary"), "owners.secondary")),
        expiring_soon=_duration(raw["expiring_soon"], "expiring_soon"),
        deadlines=Deadlines(*(_duration(deadlines.get(f.name), f"deadlines.{f.name}") for f in fields(Deadlines))),
        roster=RosterRules(_count(roster.get("watch"), "roster.watch"), _share(roster.get("max_employer_share"))),
        member_removal=_choice(raw["member_removal"], "member_removal", ("single", "majority")),
        evidence=Evidence(_evidence_size(evidence.get("max_mib"))),
        retention=Retention(*(_duration(retention.get(f.name), f"retention.{f.name}") for f in fields(Retention))),
        law_enforcement=_choice(raw["law_enforcement"], "law_enforcement", ("any", "reporter-request")),
        public_channel=_choice(raw["public_channel"], "public_channel", ("free", "consult")),
        accused_first=_flag(raw["accused_first"], "accused_first"),
        reapply=_flag(raw["reapply"], "reapply"),
    )


def _evidence_size(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_EVIDENCE_MIB:
        raise _Invalid("evidence.max_mib", f"must be a whole number of MiB from 1 to {MAX_EVIDENCE_MIB}")
    return value


def _choice(value: Any, setting: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise _Invalid(setting, f"must be one of {', '.join(choices)}")
    return str(value)


def _decisions(raw: Mapping[str, Any]) -> Mapping[str, Rule]:
    """Each consequence's rule, filled in from the ``default`` rule and the rule defaults."""
    for ident in raw:
        if ident != DEFAULT and ident not in CATALOGUE:
            raise _Invalid(f"decisions.{ident}", f"not a consequence; use {DEFAULT} or one of {', '.join(CATALOGUE)}")
    default = dict(raw.get(DEFAULT) or {})
    rules = {ident: _rule({**default, **(raw[ident] or {})}, f"decisions.{ident}") for ident in raw}
    rules[DEFAULT] = _rule(default, f"decisions.{DEFAULT}")
    return MappingProxyType(rules)


def _rule(raw: Mapping[str, Any], setting: str) -> Rule:
    from cocctl.policy.votes import BASES, MAJORITY, RULES, TWO_THIRDS

    known = [field.name for field in fields(Rule)]
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise _Invalid(f"{setting}.{unknown[0]}", f"not part of a decision rule; its parts are {', '.join(known)}")
    rule = Rule(**{key: tuple(value) if isinstance(value, list) else value for key, value in raw.items()})
    for name, value, allowed in (("rule", rule.rule, RULES), ("basis", rule.basis, BASES),
                                 ("fallback", rule.fallback, (None, MAJORITY, TWO_THIRDS))):
        if value not in allowed:
            raise _Invalid(f"{setting}.{name}", f"must be one of {', '.join(str(a) for a in allowed if a)}")
    if rule.quorum not in ("all", "majority") and (isinstance(rule.quorum, bool) or not isinstance(rule.quorum, int)
                                                   or rule.quorum < 1):
        raise _Invalid(f"{setting}.quorum", "must be all, majority or a number of voters of at least 1")
    return rule


def _duration(value: Any, setting: str) -> Duration | None:
    if value is None or value == "" or value is False:
        return None
    try:
        return parse(value)
    except DurationError as error:
        raise _Invalid(setting, str(error)) from None


def _ids(value: Any, setting: str) -> tuple[str, ...]:
    ids = tuple(value or ())
    for ident in ids:
        if ident not in CATALOGUE:
            raise _Invalid(setting, f"names {ident!r}, not a consequence; known: {', '.join(CATALOGUE)}")
    return ids


def _kinds(value: Any, setting: str) -> tuple[str, ...]:
    from cocctl.model.events import KINDS

    kinds = tuple(value or ())
    for kind in kinds:
        if kind not in KINDS:
            raise _Invalid(setting, f"names {kind!r}, not a kind of case; kinds: {', '.join(KINDS)}")
    return kinds


def _flag(value: Any, setting: str) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(setting, "must be true or false")
    return value


def _count(value: Any, setting: str) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise _Invalid(setting, "must be a whole number of at least 1, or null")
    return value


def _share(value: Any) -> float | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1):
        raise _Invalid("roster.max_employer_share", "must be a fraction above 0 and at most 1 (0.5: half), or null")
    return None if value is None else float(value)


def _zone_name(value: Any) -> str:
    if value == "UTC":
        return value  # without importing zoneinfo (~5 ms)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise _Invalid("timezone", f"{str(value)!r} is not a time zone; write an IANA name such as UTC or "
                                   "Europe/Berlin (the tzdata package provides them where the system does not)") from None
    return str(value)


def _source(key: str, sub: str | None, overrides: Mapping[str, Any], preset_values: Mapping[str, Any]) -> str:
    for source, values in ((SOURCE_CONFIG, overrides), (SOURCE_PRESET, preset_values)):
        if key in values:
            if sub is None or not isinstance(values[key], dict) or sub in values[key]:
                return source
    return SOURCE_BASE


def _plain(value: Any) -> Any:
    """A setting as plain data: durations in words, tuples as lists, rules as mappings."""
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, Rule):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if is_dataclass(value):
        return {field.name: _plain(getattr(value, field.name)) for field in fields(value)}
    return value
