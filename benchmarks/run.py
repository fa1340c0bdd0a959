"""One command for cocctl's speed at several archive sizes, against the tools people use today.

For each size it builds an archive of real cases (real age encryption and
signatures, real git history: the cases are sealed through cocctl's library
and committed in batches, one commit per batch, so 10,000 cases take minutes),
then times whole ``cocctl`` processes and prints the median wall time of each
command in milliseconds. Beside them, in the same run:

- an ``age -d`` loop over an equivalent store (one age file per case, the same
  payload size) for the list-like commands, when ``age`` is on PATH;
- ``pass show`` / ``pass insert`` / ``pass init NEWKEY`` on an equivalent
  store, when ``pass`` and ``gpg`` are installed (skipped with a note otherwise).

Usage: python benchmarks/run.py [--sizes 100,1000] [--runs 5] [--batch 500] [--no-pass]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HANDLES = ("alice", "bob", "carol", "dave")
NOW = "2026-11-20T09:00:00Z"


def machine() -> str:
    """``nproc`` and the CPU model of this machine, for the table's caption."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, {platform.system()}"


class Bench:
    """A throw-away home, keys and archive of ``size`` cases under ``folder``."""

    def __init__(self, folder: Path, size: int, batch: int) -> None:
        self.folder, self.size, self.batch = folder, size, batch
        self.cocctl = shutil.which("cocctl", path=str(Path(sys.executable).parent)) or "cocctl"
        home = folder / "home"
        home.mkdir()
        gitconfig = home / ".gitconfig"
        gitconfig.write_text("[user]\n\tname = Bench\n\temail = bench@example.invalid\n"
                             "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n")
        self.env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                    "XDG_CACHE_HOME": str(home / ".cache"), "GIT_CONFIG_GLOBAL": str(gitconfig),
                    "GIT_CONFIG_NOSYSTEM": "1", "COCCTL_NOW": NOW, "TMPDIR": str(folder)}
        for name in ("COCCTL_IDENTITY", "COCCTL_ARCHIVE", "GIT_DIR", "GIT_WORK_TREE", "PYTHONDONTWRITEBYTECODE"):
            self.env.pop(name, None)
        self.keys = {handle: folder / "keys" / handle for handle in HANDLES}
        self.archive = folder / "archive"
        self.case_ids: list[str] = []

    def run(self, who: str | None, *args: str, cwd: Path | None = None, check: bool = True) -> str:
        prefix = [self.cocctl] + (["--identity", str(self.keys[who])] if who else [])
        done = subprocess.run([*prefix, *args], env=self.env, cwd=cwd or self.archive, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise SystemExit(f"cocctl {' '.join(args)} failed: {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout

    def build(self) -> None:
        """Keys and members through the CLI, then the cases in bulk through the library."""
        (self.folder / "keys").mkdir()
        lines = {h: self.run(None, "keygen", "--out", str(p), cwd=self.folder).strip() for h, p in self.keys.items()}
        self.run("alice", "init", str(self.archive), "--community", "Bench", "--me", "alice",
                 "--preset", "contributor-covenant", "--role", "chair", cwd=self.folder)
        for handle in HANDLES[1:]:
            self.run("alice", "member", "add", handle, "--key", str(self.keys[handle]) + ".pub")
        del lines
        saved = dict(os.environ)
        os.environ.update(self.env)
        try:
            self.case_ids = seed_cases(self.archive, self.keys["alice"], self.size, self.batch)
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def drop_cache(self) -> None:
        """Remove cocctl's summary cache, so the next command builds it (a cold run)."""
        shutil.rmtree(Path(self.env["XDG_CACHE_HOME"]) / "cocctl", ignore_errors=True)

    def time(self, who: str | None, args: list[str], runs: int, before=None, ok=(0,)) -> float:
        """Median wall ms of ``cocctl ARGS`` (``before()`` runs untimed before each run)."""
        prefix = [self.cocctl] + (["--identity", str(self.keys[who])] if who else [])
        samples = []
        for _ in range(runs):
            if before:
                before()
            start = time.perf_counter()
            done = subprocess.run([*prefix, *args], env=self.env, cwd=self.archive, capture_output=True)
            samples.append((time.perf_counter() - start) * 1000)
            if done.returncode not in ok:
                raise SystemExit(f"cocctl {' '.join(args)} failed: {done.stderr.decode().strip()} {done.stdout.decode()[-2000:]}")
        return statistics.median(samples)


def seed_cases(archive: Path, identity: Path, size: int, batch: int) -> list[str]:
    """Seal ``size`` cases as alice (one opened event and notes each) and commit them ``batch`` at a time."""
    from cocctl.archive.ids import new_case_id
    from cocctl.model import events as ev
    from cocctl.service.workspace import Session, Workspace

    work = Workspace(Session(archive=archive, identity=identity))
    taken: set[str] = set()
    pending: dict[str, bytes] = {}
    start = time.perf_counter()
    for index in range(size):
        case_id = new_case_id(2025 + index // 9000, taken)
        taken.add(case_id)
        data = {"case": case_id, "summary": f"Report number {index}: unwelcome messages after being asked to stop.",
                "kind": "complaint", "channel": "email", "received_at": "2026-11-16T08:00:00Z",
                "severity": ("low", "medium", "high")[index % 3], "reported": [f"person-{index % (size // 3 + 1)}"],
                "reporter": {"name": f"reporter-{index}"}}
        events = work.new_events([], [(ev.OPENED, data)])
        events += work.new_events(events, [(ev.NOTE, {"text": f"note {n} on case {index}"}) for n in range(3)])
        _, pending[work.archive.case_relpath(case_id)] = work.seal(None, events)
        if len(pending) == batch or index == size - 1:
            work.archive.commit(pending, "Import benchmark cases", work.trailers("import"), sign=False)
            pending = {}
            print(f"  sealed and committed {index + 1}/{size} cases ({time.perf_counter() - start:.0f} s)",
                  file=sys.stderr)
    return sorted(taken)


def age_store(bench: Bench) -> tuple[Path, Path] | None:
    """An ``age`` store like the archive: one file per case with a payload of the same size, to alice's key."""
    if not shutil.which("age"):
        return None
    from cocctl import age

    store = bench.folder / "age-store"
    store.mkdir()
    identity = age.generate_identity()
    key = bench.folder / "age-key.txt"
    key.write_text(str(identity) + "\n")
    key.chmod(0o600)
    for case_id in bench.case_ids:
        size = len((bench.archive / "cases" / f"{case_id}.yaml").read_bytes()) // 2
        (store / f"{case_id}.age").write_bytes(age.encrypt(os.urandom(size), identity.recipient, armor=True))
    return store, key


def time_shell(script: str, runs: int, env: dict[str, str]) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(["sh", "-c", script], env=env, check=True, capture_output=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def bench_size(size: int, runs: int, batch: int, with_pass: bool) -> list[tuple[str, float, float | None, str]]:
    """Rows of (command, cocctl ms, baseline ms or None, baseline name) for one archive size."""
    folder = Path(tempfile.mkdtemp(prefix=f"cocctl-bench-{size}-"))
    try:
        bench = Bench(folder, size, batch)
        start = time.perf_counter()
        bench.build()
        print(f"built {size} cases in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        return measure(bench, runs, with_pass)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(bench: Bench, runs: int, with_pass: bool = True) -> list[tuple[str, float, float | None, str]]:
    target = bench.case_ids[len(bench.case_ids) // 2]
    slow = max(3, runs // 2)
    rows: list[tuple[str, float, float | None, str]] = []
    bare = time_shell(f"{sys.executable} -c pass", runs, bench.env)
    rows.append(("python -c pass", bare, None, ""))
    plain = [
        ("--version", None, ["--version"], runs),
        ("show CASE", "alice", ["show", target], runs),
        ("amend CASE --note x", "alice", ["amend", target, "--note", "x"], runs),
        ("open (new case)", "alice", ["open", "--summary", "s", "--kind", "complaint", "--channel", "email",
                                      "--severity", "low", "--reported", "person-1", "--reporter", "r"], runs),
        ("list", "alice", ["list"], runs),
        ("list --json", "alice", ["list", "--json"], runs),
        ("list (cold cache)", "alice", ["list"], runs),
        ("due --check (no key)", None, ["due", "--check"], runs),
        ("due", "alice", ["due"], slow),
        ("due (cold cache)", "alice", ["due"], slow),
        ("person NAME", "alice", ["person", "person-1"], slow),
        ("report", "alice", ["report", "--from", "2026-01-01", "--to", "2026-12-31"], slow),
        ("validate", None, ["validate"], slow),
        ("verify --full (whole history)", "alice", ["verify", "--full"], slow),
        ("verify (new commits only)", "alice", ["verify"], slow),
        ("log CASE", "alice", ["log", target], runs),
    ]
    store = age_store(bench)
    for label, who, args, count in plain:
        print(f"  timing {label}", file=sys.stderr)
        cold = bench.drop_cache if "cold" in label else None
        ms = bench.time(who, args, count, before=cold, ok=(0, 1) if label.startswith("due") else (0,))
        baseline = None
        if store and label in ("list", "list (cold cache)", "due", "due (cold cache)", "person NAME"):
            baseline = time_shell(f'for f in "{store[0]}"/*.age; do age -d -i "{store[1]}" "$f" >/dev/null; done',
                                  max(1, count // 2), bench.env)
        rows.append((label, ms, baseline, "age -d loop" if baseline else ""))
    rows.append(("sync (one incoming commit)", time_sync(bench, target, slow), None, ""))
    rows.append(("member remove (off-boarding)", time_remove(bench, slow), None, ""))
    try:
        rows += pass_rows(bench, slow) if with_pass else []
    except subprocess.CalledProcessError as error:
        print(f"note: the pass comparison failed ({error}); skipped", file=sys.stderr)
    return rows


def time_sync(bench: Bench, target: str, runs: int) -> float:
    """``cocctl sync`` in alice's clone after bob pushed one amend from his own clone."""
    remote = bench.folder / "remote.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(bench.archive), str(remote)], env=bench.env, check=True)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=bench.archive, env=bench.env, check=True)
    subprocess.run(["git", "fetch", "-q", "origin"], cwd=bench.archive, env=bench.env, check=True)
    subprocess.run(["git", "branch", "-q", "-u", "origin/main"], cwd=bench.archive, env=bench.env, check=True)
    bob = bench.folder / "bob-clone"
    bench.run("bob", "clone", str(remote), str(bob), cwd=bench.folder)

    def incoming() -> None:
        subprocess.run([bench.cocctl, "--identity", str(bench.keys["bob"]), "amend", target, "--note", "from bob"],
                       cwd=bob, env=bench.env, check=True, capture_output=True)
        subprocess.run([bench.cocctl, "--identity", str(bench.keys["bob"]), "sync"],
                       cwd=bob, env=bench.env, check=True, capture_output=True)

    return bench.time("alice", ["sync"], runs, before=incoming)


def time_remove(bench: Bench, runs: int) -> float:
    """``cocctl member remove dave --yes`` (re-seals every case), each run on a fresh copy of the archive."""
    pristine = bench.folder / "pristine"
    shutil.copytree(bench.archive, pristine, symlinks=True)

    def restore() -> None:
        shutil.rmtree(bench.archive)
        shutil.copytree(pristine, bench.archive, symlinks=True)

    return bench.time("alice", ["member", "remove", "dave", "--yes"], runs, before=restore)


def pass_rows(bench: Bench, runs: int) -> list[tuple[str, float, float | None, str]]:
    """``pass`` on an equivalent store, when ``pass`` and ``gpg`` are installed."""
    if not (shutil.which("pass") and shutil.which("gpg")):
        print("note: pass and gpg are not both installed; the pass comparison is skipped", file=sys.stderr)
        return []
    env = {**bench.env, "GNUPGHOME": str(bench.folder / "gnupg"), "PASSWORD_STORE_DIR": str(bench.folder / "pass")}
    Path(env["GNUPGHOME"]).mkdir(mode=0o700)
    for uid in ("bench-a@example.invalid", "bench-b@example.invalid"):
        subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key", uid, "future-default",
                        "default", "never"], env=env, check=True, capture_output=True)
    subprocess.run(["pass", "init", "bench-a@example.invalid"], env=env, check=True, capture_output=True)
    body = "x" * 2000
    for case_id in bench.case_ids:
        subprocess.run(["pass", "insert", "-m", f"cases/{case_id}"], input=body.encode(), env=env, check=True,
                       capture_output=True)
    target = bench.case_ids[len(bench.case_ids) // 2]
    show = time_shell(f"pass show cases/{target} >/dev/null", runs, env)
    insert = time_shell(f"printf 'x\\n' | pass insert -m -f cases/new-entry >/dev/null", runs, env)
    flip = ["bench-b@example.invalid", "bench-a@example.invalid"]
    samples = []
    for index in range(runs):
        start = time.perf_counter()
        subprocess.run(["pass", "init", flip[index % 2]], env=env, check=True, capture_output=True)
        samples.append((time.perf_counter() - start) * 1000)
    return [("pass show ENTRY", show, None, ""), ("pass insert ENTRY", insert, None, ""),
            ("pass init NEWKEY (re-encrypt all)", statistics.median(samples), None, "")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated archive sizes (cases)")
    parser.add_argument("--runs", type=int, default=5, help="runs per command (slow commands: half)")
    parser.add_argument("--batch", type=int, default=500, help="cases per git commit while building")
    parser.add_argument("--no-pass", action="store_true", help="skip the pass comparison (slow at 10,000 entries)")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    table: dict[str, dict[int, tuple[float, float | None, str]]] = {}
    for size in sizes:
        for label, ms, baseline, name in bench_size(size, options.runs, options.batch, not options.no_pass):
            table.setdefault(label, {})[size] = (ms, baseline, name)
        print_table(table, sizes)


def print_table(table: dict[str, dict[int, tuple[float, float | None, str]]], sizes: list[int]) -> None:
    """The table so far, as Markdown (printed after each size, so a long run shows its early rows)."""
    print(f"\nMedian wall ms, {machine()}; ratio = age -d loop / cocctl\n")
    print("| command | " + " | ".join(f"{size:,}" for size in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for label, cells in table.items():
        shown = []
        for size in sizes:
            if size not in cells:
                shown.append("")
                continue
            ms, baseline, name = cells[size]
            extra = f" ({name} {baseline:,.0f}, {baseline / ms:.1f}x)" if baseline else ""
            shown.append(f"{ms:,.0f}{extra}")
        print(f"| `{label}` | " + " | ".join(shown) + " |")


if __name__ == "__main__":
    main()
