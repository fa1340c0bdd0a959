"""archive/actors.py: a member's vouch for an outside actor's key, checked key-less, and what ends it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cocctl import age
from cocctl.archive import actors, casefile
from cocctl.archive import roster as roster_file
from cocctl.archive.casefile import CaseFile, Seal
from cocctl.archive.roster import Entry
from cocctl.archive.signing import SigningKey

CASE = "2026-brave-otter"


def _key() -> tuple[object, SigningKey]:
    identity = age.generate_identity()
    return identity, SigningKey.from_identity(identity)


@pytest.fixture(scope="module")
def people():
    (alice_id, alice), (mika_id, mika), (eve_id, eve) = _key(), _key(), _key()
    entry = roster_file.sign_entry(alice, Entry("01M70000000000000000000000", "2026-11-01T00:00:00Z", "alice", None,
                                                roster_file.ADD, member={"handle": "alice", "signing": alice.public,
                                                                         "recipient": str(alice_id.recipient)}))
    recipients = [alice_id.recipient, mika_id.recipient]
    return roster_file.build([entry]), {"alice": alice, "mika": mika, "eve": eve}, recipients


def _seal(key, seal_id: str, by: str, at: str, recipients, grants: dict[str, str] | None = None) -> Seal:
    draft = Seal(seal_id, by, at, ("alice",), "", guests=("mediator",))
    draft = actors.vouched(key, CASE, draft, grants or {})
    event = {"id": seal_id, "at": at, "by": by, "type": "note", "data": {"text": "x"}}
    return casefile.seal(key, CASE, draft, [event], recipients)


def _file(*seals: Seal) -> CaseFile:
    return CaseFile(CASE, "open", "2026-11-16T09:00:00Z", "2026-11-16T09:00:00Z", ("alice",), seals, ("mediator",))


def test_a_members_grant_makes_the_actors_seals_valid_until_it_ends(people):
    roster, keys, to = people
    grant = _seal(keys["alice"], "01M71000000000000000000000", "alice", "2026-11-17T09:00:00Z", to,
                  {"mediator": keys["mika"].public})
    acted = _seal(keys["mika"], "01M72000000000000000000000", "mediator", "2026-11-17T10:00:00Z", to)
    ended = _seal(keys["alice"], "01M73000000000000000000000", "alice", "2026-11-18T09:00:00Z", to, {"mediator": ""})
    same_second = _seal(keys["mika"], "01M74000000000000000000000", "mediator", "2026-11-18T09:00:00Z", to)
    late = _seal(keys["mika"], "01M75000000000000000000000", "mediator", "2026-11-18T09:00:01Z", to)
    table = actors.Actors(_file(grant, acted, ended, same_second, late), roster)
    assert [table.seal_valid(CASE, s) for s in (grant, acted, ended, same_second, late)] == [
        True, True, True, True, False]
    assert table.key_at("mediator", "2026-11-17T08:59:59Z") is None  # not before the grant
    assert table.current(keys["mika"].public) is None  # ended
    assert actors.Actors(_file(grant, acted), roster).current(keys["mika"].public) == "mediator"


def test_the_vouch_survives_re_encryption_by_anyone_but_not_an_edit(people):
    roster, keys, to = people
    grant = _seal(keys["alice"], "01M71000000000000000000000", "alice", "2026-11-17T09:00:00Z", to,
                  {"mediator": keys["mika"].public})
    acted = _seal(keys["mika"], "01M72000000000000000000000", "mediator", "2026-11-17T10:00:00Z", to)
    # The mediator re-encrypts alice's grant seal (a reader change): its outer signature is now theirs.
    resealed = casefile.encrypt(keys["mika"], CASE, replace(grant, sealer="mediator", sealed="2026-11-17T11:00:00Z"),
                                b"{}", to)
    table = actors.Actors(_file(resealed, acted), roster)
    assert table.seal_valid(CASE, resealed) and table.seal_valid(CASE, acted)
    # eve swaps in her own key: the vouch no longer verifies, so nobody is an actor.
    swapped = replace(grant, actors=(("mediator", keys["eve"].public),))
    assert actors.Actors(_file(swapped), roster).current(keys["eve"].public) is None


def test_only_a_member_vouches_and_a_members_handle_is_never_an_actor(people):
    roster, keys, to = people
    self_made = _seal(keys["eve"], "01M71000000000000000000000", "eve", "2026-11-17T09:00:00Z", to,
                      {"eve": keys["eve"].public})
    acted = _seal(keys["eve"], "01M72000000000000000000000", "eve", "2026-11-17T10:00:00Z", to)
    table = actors.Actors(_file(self_made, acted), roster)
    assert not table.seal_valid(CASE, acted) and table.records == ()
    as_member = _seal(keys["alice"], "01M73000000000000000000000", "alice", "2026-11-17T09:00:00Z", to,
                      {"alice": keys["eve"].public})
    forged = _seal(keys["eve"], "01M74000000000000000000000", "alice", "2026-11-17T10:00:00Z", to)
    assert not actors.Actors(_file(as_member, forged), roster).seal_valid(CASE, forged)
