"""Policy presets, one per seed process (and well-known others)."""

from __future__ import annotations

from typing import Any

from cocctl.policy import deadlines

COMMITTEE_ACCESS = "committee"
CLEARED_ACCESS = "cleared"

# Every preset states every setting, so `policy show` can say where each
# value came from and overrides only ever replace, never invent.
BASE: dict[str, Any] = {
    "description": "",
    "access": COMMITTEE_ACCESS,
    # When true, cocctl refuses to write unless git signs the commit.
    "require_signed_commits": False,
}

PRESETS: dict[str, dict[str, Any]] = {
    "rls": {"description": "Rands Leadership Slack: concerns vs formal complaints, three strikes, admins' private vote"},
    "sse": {"description": "Soft Skills Engineering Slack: interim suspension, appeal after one week"},
    "enginexp": {"description": "Enginexp Slack: interim suspension, appeal after one week"},
    "kubernetes": {"description": "Kubernetes CoC Committee: triage rotation, recusal, mediator, unanimity sought"},
    "chaoss": {
        "description": "CHAOSS: conflicts cut access, anonymous and escrowed reports, owners, simple majority",
        "access": CLEARED_ACCESS,
    },
    "django": {"description": "Django CoC working group: two-thirds of members without a conflict"},
    "contributor-covenant": {"description": "Contributor Covenant enforcement ladder"},
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
