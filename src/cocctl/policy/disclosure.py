"""When a case's information may be disclosed beyond those involved (pure)."""

from __future__ import annotations

from cocctl.model.state import CaseState
from cocctl.policy.settings import Policy


def blocked(policy: Policy, state: CaseState) -> str | None:
    """Why nothing of the case may be disclosed yet, or None.

    Under ``public_channel: consult`` (SSE, Enginexp) an incident in a public
    channel is disclosed only after those involved were consulted and agreed.
    """
    if policy.public_channel != "consult" or state.channel != "public-channel" or state.consulted:
        return None
    asked = "those involved did not agree" if state.consulted is False else "those involved were not consulted"
    return (f"case {state.id} happened in a public channel and {asked}; consult them before disclosing anything "
            f"('cocctl consulted {state.id} --agreed')")
