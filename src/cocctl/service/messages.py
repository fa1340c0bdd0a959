"""Composing messages to the people involved from a case, the policy and template files.

The consent gate lives here: a message to the reported person never carries
the reporter's name or contact (they are scrubbed from every text used), nor
the witnesses or privacy notes, and without the reporter's consent not even
the account of what happened or the evidence: the draft then leaves a
bracketed gap for the committee to fill in general terms.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from importlib.resources import files
from pathlib import Path
from typing import Any

from cocctl.clock import parse_time
from cocctl.errors import UsageError
from cocctl.model.state import CaseState
from cocctl.policy import consequences as catalogue
from cocctl.policy import deadlines, disclosure
from cocctl.policy.settings import Policy
from cocctl.text import words_pattern

REPORTER, REPORTED, COMMITTEE, MANAGER = "reporter", "reported", "committee", "community-manager"
COMMUNITY = "community"
ACK, UPDATE, DECISION, LAW_ENFORCEMENT, OVERTURNED = "ack", "update", "decision", "law-enforcement", "overturned"
# Which messages exist: recipient -> kinds, the first being the usual one.
KINDS_BY_RECIPIENT = {REPORTER: (ACK, UPDATE, DECISION), REPORTED: (UPDATE, DECISION), COMMITTEE: (ACK, UPDATE),
                      MANAGER: (LAW_ENFORCEMENT,), COMMUNITY: (OVERTURNED,)}
TEMPLATES_DIR = "templates"
REPORTER_STAND_IN = "the person who reported this"
PLAN_PARTS = (("behaviour", "Behaviour"), ("context", "Context"), ("impact", "Impact"),
              ("call-in", "Call in"), ("plan", "Behaviour-modification plan"))
_PLACEHOLDER_LINE = re.compile(r"^\s*\$\{?([a-z_]+)\}?\s*$")


@dataclass(frozen=True)
class Draft:
    """A ready-to-send message; ``address`` is where to send it, when cocctl knows."""

    case: str
    to: str
    kind: str
    template: str
    subject: str
    body: str
    address: str | None = None
    withheld: tuple[str, ...] = ()
    # Something the committee should know before sending (never part of the message).
    warning: str | None = None


@dataclass(frozen=True)
class Context:
    """What a message may draw on besides the case."""

    community: str
    sender: str
    policy: Policy
    now: datetime
    strikes: int | None = None
    archive_root: Path | None = None
    # Cases naming the reported person that the writer cannot read (their
    # strikes are not in ``strikes``), and who can read them.
    strikes_unread: int = 0
    strikes_readers: tuple[str, ...] = ()
    # The committee's own estimate of when it will triage and resolve the case (acknowledgements).
    estimate: str | None = None


def load_template(name: str, archive_root: Path | None) -> str:
    """The archive's ``templates/<name>`` if it has one, else cocctl's own."""
    if archive_root is not None:
        override = archive_root / TEMPLATES_DIR / name
        if override.is_file():
            return override.read_text(encoding="utf-8")
    return (files("cocctl") / TEMPLATES_DIR / name).read_text(encoding="utf-8")


def fill(text: str, values: Mapping[str, str], name: str) -> tuple[str, str]:
    """Fill a template; return (subject, body). A line holding only an empty placeholder is dropped.

    Raises:
        UsageError: the template uses a placeholder cocctl does not know.
    """
    kept = [line for line in text.splitlines()
            if not ((m := _PLACEHOLDER_LINE.match(line)) and not values.get(m.group(1), "x").strip())]
    try:
        filled = string.Template("\n".join(kept)).substitute(values)
    except KeyError as error:
        raise UsageError(f"template {name} uses the unknown placeholder ${error.args[0]}; see the built-in ones") from None
    except ValueError:
        raise UsageError(f"template {name} has a '$' that is not a placeholder; write '$$' for a dollar sign") from None
    filled = re.sub(r"\n{3,}", "\n\n", filled).strip() + "\n"
    subject, body = "", filled
    first, _, rest = filled.partition("\n")
    if first.lower().startswith("subject:"):
        subject, body = first.split(":", 1)[1].strip(), rest.lstrip("\n")
    return subject, body


def compose(state: CaseState, to: str, kind: str, context: Context) -> Draft:
    """Compose the message ``kind`` to ``to`` for ``state``.

    Raises:
        UsageError: unknown combination, or a reporter message on an anonymous report.
    """
    if kind not in KINDS_BY_RECIPIENT.get(to, ()):
        known = ", ".join(f"--to {who} --kind {k}" for who, ks in KINDS_BY_RECIPIENT.items() for k in ks)
        raise UsageError(f"there is no {kind} message to the {to}; choose one of: {known}")
    if to == REPORTER and state.kind == "anonymous":
        raise UsageError(f"case {state.id} is an anonymous report: there is nobody to write to")
    if to == REPORTER and kind != ACK and not state.reporter_involved:
        raise UsageError(f"the reporter of case {state.id} prefers not to be involved any further; no {kind} "
                         "message goes to them ('cocctl reporter-involvement --involved' if they ask again)")
    if to == REPORTED and state.status == "escrowed":
        raise UsageError(f"case {state.id} is escrowed: nothing goes to the reported person unless it is released")
    if to == MANAGER and not state.law_enforcement:
        raise UsageError(f"case {state.id} records no law enforcement involvement; 'cocctl law-enforcement' first")
    if to == COMMUNITY:
        if not any(appeal.result == "overturned" for appeal in state.appeals):
            raise UsageError(f"case {state.id} has no decision overturned on appeal; nothing to share")
        if (why := disclosure.blocked(context.policy, state)) is not None:
            raise UsageError(why)
    values, withheld = _values(state, to, context)
    name = f"{to}-{kind}.txt"
    subject, body = fill(load_template(name, context.archive_root), values, name)
    address = state.reporter.contact if to == REPORTER and state.reporter else None
    return Draft(state.id, to, kind, name, subject, body, address, tuple(withheld), _order_warning(state, to, kind,
                                                                                                   context.policy))


def _order_warning(state: CaseState, to: str, kind: str, policy: Policy) -> str | None:
    """Under ``accused_first``, the reporter's outcome message waits until the reported person was told."""
    if not (policy.accused_first and to == REPORTER and kind == DECISION and state.reported):
        return None
    told = any(e.type == "communicated" and e.data.get("to") == REPORTED and e.data.get("kind") == DECISION
               for e in state.events)
    return None if told else ("the policy tells the reported person first: send and record their decision "
                              "message ('--to reported --kind decision --sent') before this one")


def _values(state: CaseState, to: str, context: Context) -> tuple[dict[str, str], list[str]]:
    found = {d.kind: d for d in deadlines.case_deadlines(state, context.policy)}
    promised = context.policy.deadlines
    committee = f"the {context.community} Code of Conduct committee"
    values = {
        "community": context.community, "committee": committee, "case": state.id,
        "received": state.received_at[:10], "channel": state.channel, "severity": state.severity,
        "kind_label": state.kind, "status": state.status,
        # Access after a conflict check (CHAOSS): "[name] has been reported by [...]. Who does not have a conflict?"
        "reported_line": (f"{', '.join(state.reported)} has been reported via {state.channel}."
                          if context.policy.access == "cleared" and state.reported else ""),
        "urgent_clause": ", urgent" if state.urgent else "",
        "signature": f"{context.sender}\nfor {committee}",
        "area_clause": f" under the {state.area} part of our Code of Conduct" if state.area else "",
        "decision_time": str(promised.decision) if promised.decision else "as soon as we can",
        "decision_due": _date(found.get(deadlines.DECISION)),
        "first_response_due": _date(found.get(deadlines.FIRST_RESPONSE)),
        "first_response_line": (f"First response is due by {_date(found[deadlines.FIRST_RESPONSE])}."
                                if deadlines.FIRST_RESPONSE in found else ""),
        "next_update": _next_update(state, context),
        "delay_line": _delay_line(found.get(deadlines.DECISION), context),
        "decision_line": _decision_line(context, found.get(deadlines.DECISION)),
        "concern_clause": ("You raised a concern rather than a formal complaint: we understand you are not "
                           "looking for a resolution, and there may be no action other than the committee's "
                           "awareness." if state.kind == "concern" else ""),
        "progress": ("We have not found the person you reported at the event yet; we are still looking, and we "
                     "will write to you every day until we do." if state.searching else ""),
        "owners": ", ".join(filter(None, (state.primary, state.secondary))) or "nobody yet",
        "deadline_lines": "\n".join(
            f"- {d.kind}: {'met ' + d.met.strftime('%Y-%m-%d %H:%M UTC') if d.met else 'due ' + _date(d)}"
            for d in found.values()
        ) or "- no deadlines",
    }
    scrub = _scrubber(state)
    values["greeting"] = "Hello,"
    if to == REPORTER and state.reporter and state.reporter.name:
        values["greeting"] = f"Hello {state.reporter.name},"
    if to == REPORTED and state.reported:
        values["greeting"] = f"Hello {', '.join(state.reported)},"
    withheld: list[str] = []
    if to == REPORTED:
        withheld = _reported_values(state, context, values, scrub)
    if to == REPORTER:
        values["outcome_for_reporter"] = _outcome_for_reporter(state, context)
    if to == COMMUNITY:
        # No names without the consent of those involved: the reported person is "the member" unless they agreed.
        named = scrub if state.consulted else _and_reported(state, scrub)
        values["new_context"] = "\n".join(named(a.rationale or "") for a in state.appeals if a.result == "overturned")
    if to == MANAGER:
        values["law_enforcement_given"] = "\n".join(f"- {given}" for given in state.law_enforcement)
    return values, withheld


def _reported_values(state: CaseState, context: Context, values: dict[str, str], scrub: Any) -> list[str]:
    """Fill what the reported person may read; return what was withheld, for the committee."""
    withheld = []
    if state.consent:
        values["what_occurred"] = scrub(state.summary)
        values["how_confirmed"] = "\n".join(f"- {scrub(item)}" for item in state.evidence) or (
            "[how the committee confirmed what occurred]")
    else:
        values["what_occurred"] = ("[describe the behaviour in general terms: the reporter did not consent "
                                   "to details being shared]")
        values["how_confirmed"] = "[how the committee confirmed it, without details that could identify anyone]"
        withheld += ["the account of what happened", "the evidence"]
    withheld += ["the reporter's identity", "witnesses", "privacy notes"]
    decisions = [d for d in getattr(state, "decisions", ()) if d.in_force]
    consequences = [c for d in decisions for c in d.consequences]
    values["decision"] = _decision_text(state, decisions, scrub)
    values["strikes"] = _strikes_text(consequences, context)
    values["do_not_contact"] = _do_not_contact(consequences, decisions, scrub, context.policy.zone, to_reported=True)
    values["suspension"] = _suspension_text(decisions, context.policy)
    values["plan"] = _plan_text(consequences, context, scrub, bool(state.decisions))
    appeals = context.policy.appeals
    values["appeal"] = ""
    if appeals.covers([c for d in decisions if not d.interim for c in d.consequences]):  # interim: not yet
        opens = appeals.opens_after
        values["appeal"] = "You may appeal this decision" + (f" from {opens} after it" if opens else "") + "."
    return withheld


def _decision_text(state: CaseState, decisions: list[Any], scrub: Any) -> str:
    if decisions:
        lines = []
        for decision in decisions:
            for consequence in decision.consequences:
                kind = catalogue.CATALOGUE.get(consequence["id"])
                lines.append(f"- {kind.label if kind else consequence['id']}{scrub(catalogue.terms(consequence))}"
                             + (" (interim)" if decision.interim else ""))
        return "\n".join(lines) or "- No consequence"
    if state.resolution:
        return scrub(state.resolution)
    return "[the decision]"


def _strikes_text(consequences: list[dict[str, Any]], context: Context) -> str:
    given = sum(int((c.get("params") or {}).get("count", 1)) for c in consequences if c["id"] == "strike")
    if not given:
        return ""
    total = context.strikes if context.strikes is not None else given
    held = f"{total}"
    if context.strikes_unread:
        # The writer cannot count them all: a gap for the committee to fill, never a wrong number.
        ask = ", ".join(context.strikes_readers) or "their readers"
        held = (f"at least {total} [{context.strikes_unread} case(s) naming this person could not be read by the "
                f"writer and are not counted; ask {ask} for the full count before sending]")
    text = f"Strikes: this decision gives you {given} strike(s); you now hold {held}."
    threshold = context.policy.strikes.threshold
    if threshold:
        text += (f" Under our policy, {threshold} strikes lead to a temporary or permanent suspension; "
                 "the time between strikes is considered in any future decision.")
    return text


def _do_not_contact(consequences: list[dict[str, Any]], decisions: list[Any], scrub: Any, zone: tzinfo, *,
                    to_reported: bool) -> str:
    from cocctl.clock import format_time

    lines = []
    for decision in decisions:
        for consequence in decision.consequences:
            if consequence["id"] not in ("do-not-contact", "private-warning"):
                continue
            params = consequence.get("params") or {}
            period = params.get("period") or params.get("no-contact")
            if not period:
                continue
            until = format_time(catalogue.ends({"params": {"period": period}}, parse_time(decision.at), zone))[:10]
            if to_reported:
                protected = ", ".join(scrub(name) for name in params.get("protect", [])) or REPORTER_STAND_IN
                lines.append(f"Do not contact: you may not contact {protected} in any way, publicly or privately "
                             f"(messages or emoji included), for {period}, until {until}.")
            elif consequence["id"] == "private-warning":
                lines.append(f"The person you reported may not contact the people involved, you included, "
                             f"for {period}, until {until}.")
            else:
                lines.append(_protects_reporter(params.get("protect", []), scrub, period, until))
    return "\n".join(lines)


def _protects_reporter(protected: list[str], is_reporter: Any, period: str, until: str) -> str:
    """The order as the reporter may read it: whether it protects them, never the others' names."""
    others = sum(1 for name in protected if not is_reporter(name))
    if len(protected) == others:
        return ("The person you reported is ordered not to contact someone else involved; "
                "this order does not cover contact with you.")
    nor = f" (nor {'one other person' if others == 1 else f'{others} other people'} involved)" if others else ""
    return f"The person you reported may not contact you{nor} in any way for {period}, until {until}."


def _reporter_matcher(state: CaseState) -> Any:
    """A test of whether a name is the reporter's (their name or contact, as the committee wrote it)."""
    from cocctl.policy.sanctions import normalise

    known = {normalise(v) for v in (state.reporter.name, state.reporter.contact) if v} if state.reporter else set()
    return lambda name: normalise(name) in known


def _suspension_text(decisions: list[Any], policy: Policy) -> str:
    for decision, consequence in ((d, c) for d in decisions for c in d.consequences):
        period = (consequence.get("params") or {}).get("period")
        if consequence["id"] == "temporary-suspension" and decision.interim:  # never told it as the final decision
            return (f"Your account is suspended for {period} as an interim measure, until the committee decides."
                    if period else "Your account is suspended until we have triaged and resolved the incident.")
        if consequence["id"] == "temporary-suspension":
            return f"Your account is deactivated for {period or 'a period'}." + (
                " After that you may reapply for membership; applications are considered case by case."
                if policy.reapply else "")
        if consequence["id"] == "permanent-suspension":
            return "You are permanently removed from the community."
    return ""


def _plan_text(consequences: list[dict[str, Any]], context: Context, scrub: Any, decided: bool) -> str:
    plan = next((c.get("params") or {} for c in consequences if c["id"] == "behaviour-plan"), None)
    if plan is None and (decided or "behaviour-plan" not in context.policy.consequences):
        return ""  # a gap to fill only while nothing is decided; never a rejected or absent plan
    plan = plan or {}
    lines = ["Your behaviour-modification plan:"]
    for key, label in PLAN_PARTS:
        lines.append(f"- {label}: {scrub(plan[key]) if plan.get(key) else '[' + label.lower() + ']'}")
    return "\n".join(lines)


def _outcome_for_reporter(state: CaseState, context: Context) -> str:
    decisions = [d for d in getattr(state, "decisions", ()) if d.in_force]
    consequences = [c for d in decisions for c in d.consequences]
    lines = [_do_not_contact(consequences, decisions, _reporter_matcher(state), context.policy.zone,
                             to_reported=False)]
    for plan in (c.get("params") or {} for c in consequences if c["id"] == "behaviour-plan"):
        lines.append("The person you reported was given a behaviour-modification plan: "
                     + (plan.get("plan") or "[the plan]"))
        # CHAOSS: with the plan, "let them know of any additional steps that will be taken".
        lines += [f"We are also taking this step: {catalogue.CATALOGUE[c['id']].label}{catalogue.terms(c)}"
                  for c in consequences if c["id"] not in ("behaviour-plan", "do-not-contact")]
    if not any(lines) and state.status == "closed":
        lines.append("The committee has taken the action it considers appropriate.")
    return "\n".join(filter(None, lines))


def _scrubber(state: CaseState) -> Any:
    """A function replacing the reporter's name, its parts and contact, and witnesses' names, in a text."""
    reporter: set[str] = set()
    if state.reporter is not None:
        for value in (state.reporter.name, state.reporter.contact):
            if value:
                reporter.add(value.strip())
                reporter.update(part for part in re.split(r"[\s@.<>,]+", value) if len(part) >= 3)
    rules = [(words_pattern(reporter), REPORTER_STAND_IN), (words_pattern({w.strip() for w in state.witnesses}), "a witness")]

    def scrub(text: str) -> str:
        for pattern, stand_in in rules:
            if pattern is not None:
                text = pattern.sub(stand_in, text)
        return text

    return scrub


def _and_reported(state: CaseState, scrub: Any) -> Any:
    pattern = words_pattern({name.strip().lstrip("@") for name in state.reported})
    return lambda text: pattern.sub("the member", scrub(text)) if pattern is not None else scrub(text)


def _decision_line(context: Context, due: Any) -> str:
    """The promised decision time, or the committee's estimate where the policy promises none."""
    promised = context.policy.deadlines.decision
    if context.estimate:
        return f"We estimate that we will be able to triage and resolve it by {context.estimate}."
    if promised:
        return f"We aim to decide within {promised}, by {_date(due)}."
    return "[the committee's estimate of when it will be able to triage and resolve this report]"


def _next_update(state: CaseState, context: Context) -> str:
    rules = context.policy.deadlines
    step = deadlines.DAILY if state.searching else rules.reporter_update or rules.decision
    return step.after(context.now, context.policy.zone).strftime("%Y-%m-%d") if step else "soon"


def _delay_line(due: Any, context: Context) -> str:
    """Whether the decision is late: only then does the update say it takes longer than promised."""
    late = due is not None and due.met is None and due.at <= context.now
    return (f"It is taking longer than we aimed for ({context.policy.deadlines.decision}), and we wanted you to "
            "know that it has not been forgotten." if late else "We wanted you to know that it has not been forgotten.")


def _date(deadline: Any) -> str:
    return deadline.at.strftime("%Y-%m-%d %H:%M UTC") if deadline is not None else "as soon as we can"

