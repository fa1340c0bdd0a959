"""The policy in force: cocctl.yaml's bytes to one typed Policy, and what the signed roster records of it."""

from __future__ import annotations

from functools import lru_cache

from cocctl.archive import config as config_file
from cocctl.archive import roster as roster_file
from cocctl.errors import IntegrityError
from cocctl.policy import settings
from cocctl.policy.settings import Policy


@lru_cache(maxsize=32)
def policy_of(config: bytes) -> Policy:
    """The policy of cocctl.yaml's bytes (parsed, checked and built once per version).

    Raises:
        IntegrityError: cocctl.yaml is not valid, or a setting in it is not.
    """
    parsed = config_file.loads(config)
    return settings.build(parsed.preset, parsed.policy)


def settings_fields(config: bytes) -> dict[str, str]:
    """What a roster ``config`` entry records of cocctl.yaml's bytes: their hash, and the removal rule they set."""
    return {"config": roster_file.config_hash(config), "removal": policy_of(config).member_removal}


def removal_rule(config: bytes | None) -> str | None:
    """The member-removal rule cocctl.yaml's bytes set, or None when they are not valid settings."""
    try:
        return policy_of(config or b"").member_removal
    except IntegrityError:
        return None
