"""The console-script entry point, kept free of heavy imports."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the cocctl command line.

    ``cocctl --version`` is answered before Typer is imported: scripts and
    shell prompts call it often, and Typer alone costs ~40 ms.
    """
    if sys.argv[1:] == ["--version"]:
        from cocctl import __version__

        sys.stdout.write(f"cocctl {__version__}\n")
        return
    # Everything cocctl creates (temp files, key folders) is private to the user.
    os.umask(0o077)
    from cocctl.cli import load

    # Only the named command's module: Typer then builds only its commands.
    load(sys.argv[1:])()
