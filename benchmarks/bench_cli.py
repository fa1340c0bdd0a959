"""Start-up and per-command time of the cocctl CLI in an archive of 1,000 cases.

Builds a throw-away archive (three members, 1,000 encrypted cases written in
one commit through the library), then times whole ``cocctl`` processes:
``cocctl --version``, ``cocctl amend CASE --note x``, ``cocctl show CASE``
and ``cocctl list``. Prints medians in milliseconds.

Usage: python benchmarks/bench_cli.py [--cases N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_archive(folder: Path, count: int) -> tuple[Path, Path, list[str]]:
    from cocctl.archive import keys
    from cocctl.archive.ids import new_case_id
    from cocctl.archive.roster import Member
    from cocctl.clock import now
    from cocctl.model import events as ev
    from cocctl.service import members
    from cocctl.service.workspace import Session, Workspace

    archive = folder / "archive"
    archive.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=archive, check=True)
    for key, value in (("user.name", "bench"), ("user.email", "bench@example.invalid"), ("commit.gpgsign", "false")):
        subprocess.run(["git", "config", key, value], cwd=archive, check=True)
    identities = {}
    for handle in ("alice", "bob", "carol"):
        identities[handle] = keys.generate(folder / handle, now())
    members.init_archive(Session(identity=folder / "alice"), archive, "Bench", "alice", "contributor-covenant")
    session = Session(archive=archive, identity=folder / "alice")
    for handle in ("bob", "carol"):
        members.add_member(session, Member(handle, identities[handle].recipient, ""))
    work = Workspace(session)
    taken: set[str] = set()
    (archive / "cases").mkdir(exist_ok=True)
    for index in range(count):
        case_id = new_case_id(2000 + index // 10_000, taken)
        taken.add(case_id)
        data = {"case": case_id, "summary": f"report number {index} " * 10, "kind": "complaint",
                "channel": "email", "received_at": "2026-11-16T08:00:00Z", "severity": "medium",
                "reported": [f"person-{index}"], "reporter": {"name": f"reporter-{index}"}}
        events = work.new_events([], [(ev.OPENED, data)])
        for note in range(5):
            events += work.new_events(events, [(ev.NOTE, {"text": f"note {note} on case {index}"})])
        _, file_bytes = work.seal(events)
        (archive / "cases" / f"{case_id}.yaml").write_bytes(file_bytes)
    subprocess.run(["git", "add", "cases"], cwd=archive, check=True)
    subprocess.run(["git", "commit", "-qm", "Seed benchmark cases"], cwd=archive, check=True)
    return archive, folder / "alice", sorted(taken)


def median_ms(command: list[str], env: dict[str, str], runs: int, cwd: Path) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    cocctl = shutil.which("cocctl", path=str(Path(sys.executable).parent)) or "cocctl"
    folder = Path(tempfile.mkdtemp(prefix="cocctl-bench-"))
    try:
        start = time.perf_counter()
        archive, identity, case_ids = build_archive(folder, options.cases)
        print(f"built an archive of {len(case_ids)} cases in {time.perf_counter() - start:.1f} s")
        env = {**os.environ, "COCCTL_IDENTITY": str(identity), "COCCTL_ARCHIVE": str(archive)}
        # Measure what users get: cached bytecode (some shells disable it).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        target = case_ids[len(case_ids) // 2]
        rows = [
            ("cocctl --version", [cocctl, "--version"]),
            ("cocctl --help", [cocctl, "--help"]),
            (f"cocctl amend CASE --note x", [cocctl, "amend", target, "--note", "x"]),
            ("cocctl show CASE", [cocctl, "show", target]),
            (f"cocctl list ({len(case_ids)} cases)", [cocctl, "list"]),
        ]
        for label, command in rows:
            subprocess.run(command, env=env, cwd=archive, check=True, capture_output=True)  # warm-up
            runs = options.runs if "list" not in label else max(3, options.runs // 5)
            print(f"{label:<34} {median_ms(command, env, runs, archive):8.1f} ms  (median of {runs})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
