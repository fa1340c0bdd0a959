"""Deadlines: the response times each process promises (settings only, for now)."""

from __future__ import annotations

from typing import Any

# A duration is a number and a unit: hours, days or working-days.
PRESET_DEADLINES: dict[str, dict[str, Any]] = {
    "rls": {"first_response": "24 hours", "decision": "5 working-days"},
    "sse": {"first_response": "24 hours", "decision": "7 days"},
    "enginexp": {"first_response": "24 hours", "decision": "7 days"},
    "kubernetes": {"first_response": "3 days", "decision": "30 days", "reporter_update": "14 days"},
    "chaoss": {"first_response": "24 hours", "decision": "7 days", "reporter_update": "7 days"},
    "django": {"first_response": "3 days", "decision": "30 days", "reporter_update": "14 days"},
    "contributor-covenant": {"first_response": "3 days", "decision": "14 days"},
}
