"""The archive's settings (cocctl.yaml): community name, policy preset, overrides."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cocctl.archive import validation, yamlio
from cocctl.errors import IntegrityError

FILE_NAME = "cocctl.yaml"


@dataclass(frozen=True)
class Config:
    """Parsed cocctl.yaml."""

    community: str
    preset: str
    policy: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as file data."""
        data: dict[str, Any] = {"cocctl": 1, "community": self.community, "preset": self.preset}
        if self.policy:
            data["policy"] = self.policy
        return data


def loads(data: bytes) -> Config:
    """Parse and validate cocctl.yaml.

    Raises:
        IntegrityError: not YAML or not valid settings.
    """
    try:
        raw = yamlio.loads(data)
    except yamlio.YAMLSyntaxError as error:
        raise IntegrityError(f"{FILE_NAME} is not valid ({error}); fix it or restore it with git") from None
    found = validation.problems(validation.CONFIG, raw)
    if found:
        raise IntegrityError(f"{FILE_NAME} is not valid ({found[0]}); fix it or restore it with git")
    found = validation.problems(validation.POLICY, raw.get("policy") or {})
    if found:
        raise IntegrityError(f"{FILE_NAME} has an invalid policy override (policy/{found[0]}); see 'cocctl policy show'")
    return Config(community=raw["community"], preset=raw["preset"], policy=raw.get("policy") or {})


def dumps(config: Config) -> bytes:
    """Serialize the settings."""
    return yamlio.dumps(config.to_dict()).encode("utf-8")
