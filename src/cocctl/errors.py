"""cocctl's error hierarchy and the one place that maps it to exit codes.

Messages are lowercase, say what was wrong and what to do, and never carry
case content: they can end up in terminals, CI logs and bug reports.
"""

from __future__ import annotations


class CocctlError(Exception):
    """Base of every error cocctl reports to a user."""

    exit_code = 1


class UsageError(CocctlError, ValueError):
    """Raised when the user's input (flags, files, answers) is invalid."""

    exit_code = 2


class NotFound(CocctlError, LookupError):
    """Raised when a case, member, archive or file does not exist."""

    exit_code = 3


class AccessDenied(CocctlError, PermissionError):
    """Raised when the identity may not perform the action or read the case."""

    exit_code = 4


class IdentityError(CocctlError):
    """Raised when no usable identity (private key) can be loaded."""

    exit_code = 5


class IntegrityError(CocctlError):
    """Raised when an archive file is corrupt, tampered with or invalid."""

    exit_code = 6


class ConflictError(CocctlError):
    """Raised when the archive's state blocks the action (dirty file, lock, rule not met)."""

    exit_code = 7


class GitError(CocctlError):
    """Raised when a git command fails; the archive is left as it was."""

    exit_code = 8


class Interrupted(CocctlError):
    """Raised when a signal (SIGTERM, SIGHUP, SIGINT) ends a command after cleaning up.

    The exit code is 128 + the signal's number, as a shell reports a process
    a signal ended.
    """

    def __init__(self, signum: int, outcome: str) -> None:
        import signal

        super().__init__(f"stopped by {signal.Signals(signum).name}; {outcome}")
        self.exit_code = 128 + signum


class NothingChanged(CocctlError):
    """Raised internally when an action would not change anything (not a failure)."""

    exit_code = 0
