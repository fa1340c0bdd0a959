"""cocctl search: the cases I can read, matched in memory, with the field and an excerpt."""

from __future__ import annotations

import json


def test_search_finds_words_and_phrases_in_the_cases_i_can_read(committee, tmp_path):
    first = committee.open()
    committee.ok("alice", "amend", first, "--note", "Sam apologised on the call and agreed to stop.")
    second = committee.open("alice", "--exclude", "carol")
    committee.ok("alice", "amend", second, "--note", "The Discord moderation log shows three more messages.")
    (tmp_path / "screens.txt").write_text("x\n")
    committee.ok("alice", "attach", first, str(tmp_path / "screens.txt"), "--description", "Discord screenshots")

    found = json.loads(committee.ok("bob", "search", "discord", "--json").stdout)
    assert [item["case"] for item in found["found"]] == sorted([first, second])
    fields = {item["case"]: [hit["field"] for hit in item["hits"]] for item in found["found"]}
    assert fields[first] == ["evidence"] and fields[second] == ["notes"]

    phrase = json.loads(committee.ok("bob", "search", '"agreed to stop"', "--json").stdout)
    assert [item["case"] for item in phrase["found"]] == [first]
    assert "agreed to stop" in phrase["found"][0]["hits"][0]["excerpt"]
    both = json.loads(committee.ok("bob", "search", "sam moderation", "--json").stdout)
    assert [item["case"] for item in both["found"]] == [second]  # "sam" as reported, "moderation" in a note
    only = json.loads(committee.ok("bob", "search", "discord", "--field", "notes", "--json").stdout)
    assert [item["case"] for item in only["found"]] == [second]

    # carol cannot read the second case: it is counted, never searched or named.
    hers = json.loads(committee.ok("carol", "search", "discord", "--json").stdout)
    assert [item["case"] for item in hers["found"]] == [first] and hers["unreadable"] == 1
    shown = committee.ok("carol", "search", "three more").output
    assert "no case you can read matches" in shown and second not in shown


def test_search_writes_nothing_and_rejects_bad_queries(committee):
    case = committee.open()
    head = committee.head()
    assert case in committee.ok("alice", "search", "unwelcome").output
    for args, words in ((("",), "nothing to search for"), (('"open quote',), "unbalanced quote"),
                        (("x", "--field", "secrets"), "not a field")):
        result = committee.run("alice", "search", *args)
        assert result.exit_code != 0 and words in result.output
    assert committee.head() == head and committee.status() == ""
