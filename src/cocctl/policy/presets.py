"""Policy presets, one per seed process (and well-known others)."""

from __future__ import annotations

from typing import Any

from cocctl.policy import deadlines
from cocctl.policy.consequences import CATALOGUE, SUSPENSIONS

COMMITTEE_ACCESS = "committee"
CLEARED_ACCESS = "cleared"

SOURCE_BASE, SOURCE_PRESET, SOURCE_CONFIG = "base", "preset", "cocctl.yaml"

# Every preset states every setting, so `policy show` can say where each
# value came from and overrides only ever replace, never invent.
BASE: dict[str, Any] = {
    "description": "",
    "access": COMMITTEE_ACCESS,
    # When true, cocctl refuses to write unless git signs the commit.
    "require_signed_commits": False,
    # Decision rule per consequence id; "default" covers the others.
    "decisions": {"default": {"rule": "single"}},
    # Strikes: how many lead to what the policy then requires; None: no strikes.
    "strikes": {"threshold": None, "expire": None, "requires": list(SUSPENSIONS)},
    # Appeals of the listed consequences, from `opens_after` after the decision
    # until `closes_after` (None: no end).
    "appeals": {"allowed": False, "opens_after": None, "closes_after": None, "of": list(SUSPENSIONS)},
    # Urgent cases: one responder may impose these at once, as interim measures.
    "interim": {"allowed": False, "consequences": []},
    "consequences": list(CATALOGUE),
    "owners": {"primary": False, "secondary": False},
    # Days before a sanction ends that `sanctions` calls "expires soon".
    "expiring_soon": "7d",
    # Who removes a committee member: one member ("single"), or a simple
    # majority of all members ("majority"): the others approve with
    # 'cocctl member approve'. A member resigning never needs a vote.
    "member_removal": "single",
}

_SLACK_CONSEQUENCES = ["no-action", "awareness", "private-warning", "do-not-contact", "channel-restriction",
                       "temporary-suspension", "permanent-suspension"]

PRESETS: dict[str, dict[str, Any]] = {
    "rls": {
        "description": "Rands Leadership Slack: concerns vs formal complaints, three strikes, admins' private vote",
        # Any admin decides strikes and do-not-contact; suspensions need the
        # admins' private vote, the owner excluded, who breaks a tie caused by abstention.
        "decisions": {
            "default": {"rule": "single"},
            "temporary-suspension": {"rule": "majority", "basis": "cast", "quorum": "majority",
                                     "exclude_roles": ["owner"], "tie_breaker": "owner"},
            "permanent-suspension": {"rule": "majority", "basis": "cast", "quorum": "majority",
                                     "exclude_roles": ["owner"], "tie_breaker": "owner"},
        },
        "strikes": {"threshold": 3, "expire": None, "requires": list(SUSPENSIONS)},
        "interim": {"allowed": True, "consequences": ["temporary-suspension", "channel-restriction"]},
        "consequences": ["no-action", "awareness", "strike", "do-not-contact", "channel-restriction",
                         "temporary-suspension", "permanent-suspension"],
    },
    "sse": {
        "description": "Soft Skills Engineering Slack: interim suspension, appeal after one week",
        "interim": {"allowed": True, "consequences": ["temporary-suspension", "permanent-suspension"]},
        "appeals": {"allowed": True, "opens_after": "7d", "closes_after": None, "of": list(SUSPENSIONS)},
        "consequences": _SLACK_CONSEQUENCES,
    },
    "enginexp": {
        "description": "Enginexp Slack: interim suspension, appeal after one week",
        "interim": {"allowed": True, "consequences": ["temporary-suspension", "permanent-suspension"]},
        "appeals": {"allowed": True, "opens_after": "7d", "closes_after": None, "of": list(SUSPENSIONS)},
        "consequences": _SLACK_CONSEQUENCES,
    },
    "kubernetes": {
        "description": "Kubernetes CoC Committee: triage rotation, recusal, mediator, unanimity sought",
        "decisions": {"default": {"rule": "unanimous", "quorum": "all", "fallback": "majority"}},
        "interim": {"allowed": True, "consequences": ["channel-restriction", "temporary-suspension"]},
        "consequences": ["no-action", "private-warning", "coaching", "recommendation", "channel-restriction",
                         "remove-privileges", "event-ban", "temporary-suspension", "permanent-suspension",
                         "public-statement"],
    },
    "chaoss": {
        "description": "CHAOSS: conflicts cut access, anonymous and escrowed reports, owners, simple majority",
        "access": CLEARED_ACCESS,
        "decisions": {"default": {"rule": "majority", "basis": "present", "quorum": "majority"}},
        "interim": {"allowed": True, "consequences": ["leave-event", "do-not-contact", "end-talk",
                                                      "channel-restriction", "event-ban", "temporary-suspension"]},
        "consequences": [k for k in CATALOGUE if k not in ("strike", "awareness")],
        "owners": {"primary": True, "secondary": True},
        # "The vote must pass with a simple majority of all Code of Conduct committee members."
        "member_removal": "majority",
    },
    "django": {
        "description": "Django CoC working group: two-thirds of members without a conflict",
        "decisions": {"default": {"rule": "two-thirds", "basis": "eligible", "quorum": "majority"}},
    },
    "contributor-covenant": {
        "description": "Contributor Covenant enforcement ladder",
        "decisions": {"default": {"rule": "majority", "basis": "cast", "quorum": "majority"}},
        "consequences": ["no-action", "correction", "private-warning", "temporary-suspension",
                         "permanent-suspension"],
    },
}


def names() -> list[str]:
    """The preset names, in a stable order."""
    return list(PRESETS)


def effective(preset: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The settings in force: base, then the preset, then the archive's overrides.

    Raises:
        KeyError: unknown preset.
    """
    settings = {**BASE, **PRESETS[preset]}
    settings["deadlines"] = dict(deadlines.PRESET_DEADLINES[preset])
    for key, value in (overrides or {}).items():
        if isinstance(value, dict) and isinstance(settings.get(key), dict):
            settings[key] = {**settings[key], **value}
        else:
            settings[key] = value
    return settings


def explain(preset: str, overrides: dict[str, Any] | None = None) -> list[tuple[str, Any, str]]:
    """Every effective setting as (dotted name, value, source), sources being
    ``base``, ``preset`` or ``cocctl.yaml``; mappings are shown one key deep."""
    settings = effective(preset, overrides)
    overrides = overrides or {}
    preset_values = {**PRESETS[preset], "deadlines": deadlines.PRESET_DEADLINES[preset]}
    rows = []
    for key, value in settings.items():
        if isinstance(value, dict):
            for sub, item in value.items():
                rows.append((f"{key}.{sub}", item, _source(key, sub, overrides, preset_values)))
        else:
            rows.append((key, value, _source(key, None, overrides, preset_values)))
    return rows


def _source(key: str, sub: str | None, overrides: dict[str, Any], preset_values: dict[str, Any]) -> str:
    for source, values in ((SOURCE_CONFIG, overrides), (SOURCE_PRESET, preset_values)):
        if key in values:
            if sub is None or not isinstance(values[key], dict) or sub in values[key]:
                return source
    return SOURCE_BASE
