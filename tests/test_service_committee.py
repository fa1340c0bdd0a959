"""The committee and access services through their Python API: members join and leave, access to one case."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cocctl.errors import AccessDenied, ConflictError, UsageError
from cocctl.service import access as conflicts
from cocctl.service import cases, committee as members
from cocctl.service import keys as member_keys
from cocctl.service.workspace import Session
from tests.conftest import NOW, git, make_key
from tests.test_service_cases import REPORT


def as_(archive, who: str) -> Session:
    return Session(archive=archive.root, identity=archive.keys[who])


def test_list_members_holds_the_roster_with_roles(committee):
    listed = members.list_members(Session(archive=committee.root)).members
    assert [(m.handle, m.roles, m.joined, m.left) for m in listed] == [
        ("alice", ("chair",), NOW, None), ("bob", (), NOW, None), ("carol", (), NOW, None)]
    assert [m.recipient for m in listed] == [committee.recipients[h] for h in ("alice", "bob", "carol")]


def test_a_new_member_reads_existing_cases_under_committee_access(committee, tmp_path):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[]).case
    committee.keys["dana"] = tmp_path / "dana"
    keys = member_keys.parse_public(make_key(CliRunner(), committee.keys["dana"]))
    change = members.add_member(as_(committee, "alice"), "dana", keys, name="Dana")
    assert change.commit == committee.head() and change.reencrypted == (case,) and change.unreadable == ()
    assert (change.member.handle, change.member.name, change.member.signing) == ("dana", "Dana", keys.signing)
    assert cases.show_case(as_(committee, "dana"), case).summary == REPORT["summary"]
    with pytest.raises(ConflictError, match="already on the roster"):
        members.add_member(as_(committee, "alice"), "dana", keys)


def test_a_removed_member_loses_every_case_and_gets_the_checklist(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[]).case
    change = members.remove_member(as_(committee, "alice"), "carol")
    assert change.member.left == NOW and change.reencrypted == (case,)
    assert change.checklist == members.OFFBOARDING_CHECKLIST
    with pytest.raises(AccessDenied):
        cases.show_case(as_(committee, "carol"), case)
    with pytest.raises(UsageError, match="'carol' is not an active committee member"):
        members.remove_member(as_(committee, "alice"), "carol")


def test_a_member_who_is_a_cases_only_reader_cannot_be_removed(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=["bob", "carol"]).case
    head = committee.head()
    with pytest.raises(ConflictError, match=f"alice is the only reader of 1 case\\(s\\) \\({case}\\)"):
        members.remove_member(as_(committee, "bob"), "alice")
    assert committee.head() == head


def test_hard_recusal_removes_access_and_a_grant_restores_it(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[]).case
    recused = conflicts.recuse(as_(committee, "alice"), case, "carol", reason="works with sam")
    assert [(e.type, e.data) for e in recused.added] == [
        ("recused", {"member": "carol", "hard": True, "reason": "works with sam"})]
    assert recused.state.recused_hard == {"carol"}
    with pytest.raises(AccessDenied):
        cases.show_case(as_(committee, "carol"), case)
    assert conflicts.recuse(as_(committee, "alice"), case, "carol").commit is None  # already recused
    # Carol's conflict is hers to withdraw, or the committee's by its rule: alice's grant alone is an approval.
    approval = conflicts.grant_member(as_(committee, "alice"), case, "carol")
    assert [(e.type, e.data) for e in approval.added] == [("cleared", {"member": "carol", "approve": True})]
    assert approval.pending and "carol" in approval.state.recused_hard
    granted = conflicts.grant_member(as_(committee, "bob"), case, "carol")
    assert [(e.type, e.data) for e in granted.added] == [("cleared", {"member": "carol"})]
    assert cases.show_case(as_(committee, "carol"), case).id == case


def test_soft_recusal_keeps_access(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[]).case
    change = conflicts.recuse(as_(committee, "carol"), case, None, soft=True)
    assert change.state.recused_soft == {"carol"} and change.state.recused_hard == set()
    assert cases.show_case(as_(committee, "carol"), case).id == case


def test_an_excluded_member_can_never_be_granted(committee):
    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=["carol"]).case
    with pytest.raises(UsageError, match="carol was excluded from case"):
        conflicts.grant_member(as_(committee, "alice"), case, "carol")


def test_an_outside_party_reads_until_revoked(committee):
    from cocctl import age

    case = cases.open_case(as_(committee, "alice"), dict(REPORT), exclude=[]).case
    mediator = str(age.generate_identity().recipient)
    granted = conflicts.grant_guest(as_(committee, "alice"), case, mediator, "mediator")
    assert [(guest.name, guest.recipient) for guest in granted.state.guests] == [("mediator", mediator)]
    revoked = conflicts.revoke_guest(as_(committee, "alice"), case, "mediator")
    assert revoked.state.guests == () and [e.type for e in revoked.added] == ["revoked"]
    with pytest.raises(UsageError, match="is a committee member's handle"):
        conflicts.grant_guest(as_(committee, "alice"), case, mediator, "bob")


def test_signing_settings_commits_the_edited_cocctl_yaml_as_written_comments_and_all(committee):
    # No command rewrites cocctl.yaml: 'policy sign' adopts the person's own bytes.
    path = committee.root / "cocctl.yaml"
    edited = path.read_text() + "# two strikes are enough here (agreed 2026-11-19)\npolicy:\n  strikes:\n    threshold: 2\n"
    path.write_text(edited)
    commit = members.sign_config(as_(committee, "alice"))
    assert commit == committee.head() and committee.status() == ""
    assert git(committee.root, "show", "HEAD:cocctl.yaml") == edited
    with pytest.raises(ConflictError, match="already is the version the committee signed"):
        members.sign_config(as_(committee, "alice"))
