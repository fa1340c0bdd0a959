"""A cache of what bulk commands read from every case, kept outside the archive and never stale.

Entries are keyed by the case file's git blob id, so a changed file (an
edit, a merge from another clone) simply has no entry yet; nothing is ever
invalidated by hand. It lives in ``$XDG_CACHE_HOME/cocctl/summaries/<archive>``
(0700), in two files written atomically, so two processes at once each
leave a whole file behind (the last one wins) and a reader never sees half:

- ``envelopes.json``: each file's plaintext metadata (status, dates,
  readers, due kinds and times, people tokens), which the repository shows
  anyone already;
- ``<recipient hash>.age``: what a command decrypted and checked (the events),
  age-encrypted to my own recipient, never plaintext on disk. It names the
  roster version it was checked against and is dropped when that changes.

A missing, unreadable or corrupt cache file is treated as empty and rebuilt.
Files with uncommitted changes are never cached (their blob id is not known
without hashing them); they are read as they are. A cold cache is filled in
one pass (:meth:`Summaries.read_committed`): every committed version read
through one ``git cat-file --batch``, not a file open per case.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cocctl.archive import blobs, casefile
from cocctl.archive import roster as roster_file
from cocctl.archive.fsio import write_atomic
from cocctl.archive.repo import CASES_DIR, Archive
from cocctl.errors import CocctlError

FORMAT = 2  # 2: with the report facts
ENVELOPE_FIELDS = ("case", "status", "opened", "updated", "readers", "guests", "due", "people", "reseal", "report")


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/cocctl/summaries`` (default ``~/.cache``)."""
    cache = os.environ.get("XDG_CACHE_HOME")
    base = Path(cache) if cache and os.path.isabs(cache) else Path.home() / ".cache"
    return base / "cocctl" / "summaries"


class Summaries:
    """The summary cache of one archive (see the module's text)."""

    def __init__(self, archive: Archive, enabled: bool = True) -> None:
        """``enabled`` False: read every file as it is and keep nothing (a throw-away archive)."""
        self.archive = archive
        self.folder = cache_root() / hashlib.sha256(str(archive.root.resolve()).encode()).hexdigest()[:24]
        self.blobs = _committed_blobs(archive) if enabled else {}
        self._envelopes: dict[str, dict[str, Any]] | None = None
        self._private: dict[str, Any] | None = None
        self._private_key: tuple[str, str] | None = None
        self._dirty: set[str] = set()

    # -- plaintext metadata -------------------------------------------------------------------

    def envelope(self, case_id: str) -> casefile.CaseFile:
        """A case file's metadata without its seals, from the cache when its blob is known.

        Raises:
            NotFound, IntegrityError: as ``Archive.read_case``.
        """
        blob = self.blobs.get(case_id)
        entries = self._load_envelopes()
        raw = entries.get(blob) if blob else None
        if raw is not None and raw.get("case") == case_id:
            try:
                return casefile.CaseFile(**{key: tuple(value) if isinstance(value, list) else value
                                            for key, value in raw.items()})
            except TypeError:
                pass  # a corrupt entry: read the file
        found = self.archive.read_case(case_id)
        self._keep_envelope(blob, found)
        return found

    def _keep_envelope(self, blob: str | None, found: casefile.CaseFile) -> None:
        if blob and found.version == 2:
            data = {key: getattr(found, key) for key in ENVELOPE_FIELDS}
            self._load_envelopes()[blob] = {key: list(value) if isinstance(value, tuple) else value
                                            for key, value in data.items()}
            self._dirty.add("envelopes")

    def cached(self, case_id: str) -> bool:
        """Whether the envelope of the case's committed version is in the cache."""
        blob = self.blobs.get(case_id)
        return bool(blob) and blob in self._load_envelopes()

    def read_committed(self, case_ids: Sequence[str]) -> Iterator[tuple[str, casefile.CaseFile]]:
        """Parse the committed version of each case, all read through one ``git cat-file`` (no file open per case).

        Each envelope is kept in the cache as it is read. Cases with
        uncommitted changes, and files that do not parse, are left out: a
        per-case read (:meth:`envelope`, ``Archive.read_case``) reads or
        reports them.
        """
        committed = [(case_id, self.blobs[case_id]) for case_id in case_ids if case_id in self.blobs]
        for (case_id, blob), (_, data) in zip(committed, blobs.stream_blobs(self.archive.git,
                                                                              [b for _, b in committed])):
            if data is None:
                continue
            try:
                found = casefile.loads(data, name=self.archive.case_relpath(case_id))
            except CocctlError:
                continue
            if found.case == case_id:
                self._keep_envelope(blob, found)
                yield case_id, found

    def _load_envelopes(self) -> dict[str, dict[str, Any]]:
        if self._envelopes is None:
            self._envelopes = {}
            try:
                data = json.loads((self.folder / "envelopes.json").read_bytes())
                if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("entries"), dict):
                    self._envelopes = {blob: raw for blob, raw in data["entries"].items() if isinstance(raw, dict)}
            except (OSError, ValueError):
                pass  # missing or corrupt: rebuilt as cases are read
        return self._envelopes

    # -- decrypted content, encrypted to me ---------------------------------------------------

    @staticmethod
    def usable(identities: list[Any]) -> bool:
        """Whether the private part can be used with ``identities``: not with a plugin's (a hardware key would be asked)."""
        from cocctl import age

        return bool(identities) and not any(isinstance(identity, age.PluginIdentity) for identity in identities)

    def private(self, case_id: str, recipient: str, identities: list[Any]) -> Any | None:
        """What :meth:`remember` stored for this version of the case under this roster, or None.

        Args:
            recipient: my age recipient (the private part is encrypted to it).
            identities: my identities, to decrypt the private part.
        """
        blob = self.blobs.get(case_id)
        if not blob or not self.usable(identities):
            return None
        return self._load_private(recipient, identities).get(blob)

    def remember(self, case_id: str, recipient: str, identities: list[Any], content: Any) -> None:
        """Keep ``content`` (checked, decrypted data of the case as committed) for the next run."""
        blob = self.blobs.get(case_id)
        if blob and self.usable(identities):
            self._load_private(recipient, identities)[blob] = content
            self._dirty.add("private")

    def _roster_version(self) -> str:
        """The roster the content was checked against (signers are members at their time)."""
        try:
            return hashlib.sha256((self.archive.root / roster_file.FILE_NAME).read_bytes()).hexdigest()
        except OSError:
            return ""

    def _private_path(self, recipient: str) -> Path:
        return self.folder / f"{hashlib.sha256(recipient.encode()).hexdigest()[:24]}.age"

    def _load_private(self, recipient: str, identities: list[Any]) -> dict[str, Any]:
        roster = self._roster_version()
        if self._private is None or self._private_key != (recipient, roster):
            from cocctl import age

            self._private, self._private_key = {}, (recipient, roster)
            try:
                data = json.loads(age.decrypt(self._private_path(recipient).read_bytes(), identities))
                if isinstance(data, dict) and data.get("format") == FORMAT and data.get("roster") == roster:
                    self._private = dict(data.get("entries") or {})
            except (OSError, ValueError, age.AgeError):
                pass  # missing, corrupt, or checked against another roster: rebuilt
        return self._private

    # -- writing ------------------------------------------------------------------------------

    def save(self) -> None:
        """Write what changed (atomically); a cache that cannot be written is only a slower next run."""
        if not self._dirty or not self.blobs:
            return
        live = set(self.blobs.values())
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if "envelopes" in self._dirty and self._envelopes is not None:
                entries = {blob: raw for blob, raw in self._envelopes.items() if blob in live}
                write_atomic(self.folder / "envelopes.json",
                             json.dumps({"format": FORMAT, "entries": entries}).encode())
            if "private" in self._dirty and self._private is not None and self._private_key:
                from cocctl import age

                recipient, roster = self._private_key
                entries = {blob: raw for blob, raw in self._private.items() if blob in live}
                plain = json.dumps({"format": FORMAT, "roster": roster, "entries": entries}).encode()
                write_atomic(self._private_path(recipient), age.encrypt(plain, recipient))
        except (OSError, ValueError, TypeError):
            pass
        self._dirty.clear()


def _committed_blobs(archive: Archive) -> dict[str, str]:
    """Case id -> blob id of each case file whose work-tree copy is the one in git's index."""
    try:
        # As 'git status' does: re-check files whose stat changed (a copied or restored clone), so that
        # diff-files names only files whose content differs; without the index lock, nothing is cached.
        archive.git.run("update-index", "-q", "--refresh", check=False)
        staged = archive.git.run("ls-files", "-s", "-z", "--", CASES_DIR, check=True)
        changed = set(archive.git.run("diff-files", "-z", "--name-only", "--", CASES_DIR).split("\0"))
    except (CocctlError, OSError):
        return {}
    blobs = {}
    for record in staged.split("\0"):
        if not record:
            continue
        info, _, path = record.partition("\t")
        fields = info.split()
        if len(fields) != 3 or fields[2] != "0" or path in changed or not path.endswith(".yaml"):
            continue
        blobs[path[len(CASES_DIR) + 1:-len(".yaml")]] = fields[1]
    return blobs
