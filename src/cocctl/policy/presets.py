"""Policy presets, one per seed process (and well-known others)."""

from __future__ import annotations

from typing import Any

from cocctl.policy.consequences import CATALOGUE, SUSPENSIONS

COMMITTEE_ACCESS = "committee"
CLEARED_ACCESS = "cleared"


def _deadlines(first_response: str | None, decision: str | None, reporter_update: str | None = None,
               member_confirmation: str | None = None) -> dict[str, Any]:
    """A preset's response times, stating every deadline setting (null: no such promise)."""
    return {"first_response": first_response, "decision": decision, "reporter_update": reporter_update,
            "reporter_outcome": None, "member_confirmation": member_confirmation}


# The settings every preset starts from; a preset's own value replaces the
# base's whole (a mapping too), so `policy show` can say where each value
# came from and overrides only ever replace, never invent.
BASE: dict[str, Any] = {
    "description": "",
    "access": COMMITTEE_ACCESS,
    # When true, cocctl refuses to write unless git signs the commit.
    "require_signed_commits": False,
    # The community's time zone (an IANA name): days and working days are counted on its calendar.
    "timezone": "UTC",
    # Decision rule per consequence id; "default" covers the others.
    "decisions": {"default": {"rule": "single"}},
    # Strikes: how many lead to what the policy then requires; None: no strikes.
    "strikes": {"threshold": None, "expire": None, "requires": list(SUSPENSIONS)},
    # Appeals of the listed consequences, from `opens_after` after the decision
    # until `closes_after` (None: no end).
    "appeals": {"allowed": False, "opens_after": None, "closes_after": None, "of": list(SUSPENSIONS)},
    # Urgent cases: one responder may impose these at once, as interim measures;
    # `kinds`: only on cases of these kinds (empty: any); `until_resolved`: a
    # measure has no period and ends when the case is closed.
    "interim": {"allowed": False, "consequences": [], "kinds": [], "until_resolved": False},
    "consequences": list(CATALOGUE),
    "owners": {"primary": False, "secondary": False},
    # How long before a sanction ends `sanctions` calls it "expires soon".
    "expiring_soon": "7d",
    # Response times (null: no such promise). reporter_outcome: null means the
    # first-response time; member_confirmation: how often each member is asked
    # whether they want to continue serving (CHAOSS: every six months).
    "deadlines": {"first_response": None, "decision": None, "reporter_update": None, "reporter_outcome": None,
                  "member_confirmation": None},
    # The committee's own rules (Kubernetes): at least `watch` people on the
    # triage watch, no employer above `max_employer_share` of the committee
    # (null: off; only a preset whose process has them turns them on).
    "roster": {"watch": None, "max_employer_share": None},
    # Who removes a committee member: one member ("single"), or a simple
    # majority of all members ("majority"): the others approve with
    # 'cocctl member approve'. A member resigning never needs a vote.
    "member_removal": "single",
    # Evidence files (`cocctl attach`): the largest one, in MiB (at most 64, what the guard accepts).
    "evidence": {"max_mib": 64},
    # How long a closed case is kept before 'cocctl expunge' (null: kept): one that found no violation,
    # a concern, a complaint upheld; a sanction's end plus `after_sanction`. No date while an appeal can come.
    "retention": {"not_violation": None, "concern": None, "resolved": None, "after_sanction": None},
    # Who may ask for law enforcement to be involved: recorded whenever it is
    # ("any"), or only at the reporter's request (CHAOSS: "reporter-request").
    "law_enforcement": "any",
    # An incident in a public channel: disclose freely ("free"), or only after
    # consulting those involved ("consult": SSE, Enginexp).
    "public_channel": "free",
    # Tell the reported person the decision before the reporter (RLS: "when the
    # conversation with the accused member is complete", then the reporter).
    "accused_first": False,
    # After a temporary suspension the member may reapply for membership, considered
    # case by case (RLS); the reported person's draft says so only under this setting.
    "reapply": False,
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
        # An interim measure is only interim: a suspension needs the admins' vote
        # to become final, so `confirm` refuses it; it expires or is lifted.
        "interim": {"allowed": True, "consequences": ["temporary-suspension", "channel-restriction"],
                    "kinds": [], "until_resolved": False},
        # "Consequences include but are not limited to": any other action, described.
        "consequences": ["no-action", "awareness", "strike", "do-not-contact", "channel-restriction",
                         "temporary-suspension", "permanent-suspension", "other"],
        # A first response within 24 hours; incidents resolved within five working days.
        "deadlines": _deadlines("24 hours", "5 working days"),
        "accused_first": True,
        # "After the suspension period, members can reapply for membership ... case by case."
        "reapply": True,
    },
    "sse": {
        "description": "Soft Skills Engineering Slack: interim suspension, appeal after one week",
        # "In extreme cases involving formal complaints, the Administrator may
        # suspend one or more accounts until they are able to triage and resolve."
        "interim": {"allowed": True, "consequences": ["temporary-suspension"], "kinds": ["complaint"],
                    "until_resolved": True},
        "appeals": {"allowed": True, "opens_after": "7d", "closes_after": None, "of": list(SUSPENSIONS)},
        "consequences": _SLACK_CONSEQUENCES,
        # No fixed deadlines: the admins "respond to the reporter as quickly as possible
        # with an estimate"; the acknowledgement carries that estimate (draft --estimate).
        # "Where an incident occurs in a public channel, the administrator will consult
        # those involved in the incident before disclosing any information."
        "public_channel": "consult",
    },
    "enginexp": {
        "description": "Enginexp Slack: interim suspension, appeal after one week",
        # "In extreme cases, the administrator may suspend one or more accounts until
        # they are able to triage and resolve an incident." (Enginexp has one path, a
        # report by direct message: no concern/complaint condition, unlike SSE.)
        "interim": {"allowed": True, "consequences": ["temporary-suspension"], "kinds": [],
                    "until_resolved": True},
        "appeals": {"allowed": True, "opens_after": "7d", "closes_after": None, "of": list(SUSPENSIONS)},
        "consequences": _SLACK_CONSEQUENCES,
        # No fixed deadlines: the admins "respond to the reporter as quickly as possible
        # with an estimate"; the acknowledgement carries that estimate (draft --estimate).
        # "Where an incident occurs in a public channel, the administrator will consult
        # those involved in the incident before disclosing any information."
        "public_channel": "consult",
    },
    "kubernetes": {
        "description": "Kubernetes CoC Committee: triage rotation, recusal, mediator, unanimity sought",
        # "Strives for unanimous consensus before taking an action"; the seed names no
        # one-member interim measure ("we do not act recklessly ... we work as a team").
        "decisions": {"default": {"rule": "unanimous", "quorum": "all", "fallback": "majority"}},
        "consequences": ["no-action", "private-warning", "coaching", "recommendation", "channel-restriction",
                         "remove-privileges", "event-ban", "temporary-suspension", "permanent-suspension",
                         "public-statement"],
        # "Responds to all emails in a timely manner, usually within a few days"; the seed
        # sets no time for a decision ("reaching a consensus may take some time").
        "deadlines": _deadlines("3 days", None),
        # "At least two people watching for incoming reports"; "never a majority from a single employer".
        "roster": {"watch": 2, "max_employer_share": 0.5},
    },
    "chaoss": {
        "description": "CHAOSS: conflicts cut access, anonymous and escrowed reports, owners, simple majority",
        "access": CLEARED_ACCESS,
        "decisions": {"default": {"rule": "majority", "basis": "present", "quorum": "majority"}},
        "interim": {"allowed": True, "consequences": ["leave-event", "do-not-contact", "end-talk",
                                                      "channel-restriction", "event-ban", "temporary-suspension"],
                    "kinds": [], "until_resolved": False},
        "consequences": [k for k in CATALOGUE if k not in ("strike", "awareness")],
        "owners": {"primary": True, "secondary": True},
        # Acknowledge within 24 hours, decide within a week, and tell the reporter if it takes longer.
        # Members are "asked every six months if they wish to continue serving".
        "deadlines": _deadlines("24 hours", "7 days", "7 days", "6 months"),
        # "The vote must pass with a simple majority of all Code of Conduct committee members."
        "member_removal": "majority",
        # "Only involve law enforcement at the request of the reporter ... share any
        # information given to them with the Community Manager."
        "law_enforcement": "reporter-request",
    },
    "django": {
        "description": "Django CoC working group: two-thirds of members without a conflict",
        "decisions": {"default": {"rule": "two-thirds", "basis": "eligible", "quorum": "majority"}},
        "deadlines": _deadlines("3 days", "30 days", "14 days"),
        # The working group's "date to expunge": 6-12 months, a ban's length plus 26 months.
        "retention": {"not_violation": "6 months", "concern": "12 months", "resolved": "12 months",
                      "after_sanction": "26 months"},
    },
    "contributor-covenant": {
        "description": "Contributor Covenant enforcement ladder",
        "decisions": {"default": {"rule": "majority", "basis": "cast", "quorum": "majority"}},
        "consequences": ["no-action", "correction", "private-warning", "temporary-suspension",
                         "permanent-suspension"],
        "deadlines": _deadlines("3 days", "14 days"),
    },
}


def names() -> list[str]:
    """The preset names, in a stable order."""
    return list(PRESETS)
