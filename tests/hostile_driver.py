"""Run several cocctl commands in one process on one archive; write each outcome as JSON to a file.

tests/test_hostile_archive.py runs this in a subprocess with a memory limit:
a crash (a segfault in a C parser, a MemoryError) ends the whole process and
shows as a negative return code, naming the hostile file that caused it.
"""

from __future__ import annotations

import json
import sys
import time

from typer.testing import CliRunner

from cocctl.cli import app


def main(root: str, commands: list[list[str]], out: str) -> None:
    results = []
    for command in commands:
        started = time.monotonic()
        result = CliRunner().invoke(app, ["--archive", root, *command])
        exception = result.exception
        crashed = exception is not None and not isinstance(exception, SystemExit)
        results.append({"command": command, "code": result.exit_code, "stdout": result.stdout,
                        "stderr": result.stderr, "crash": type(exception).__name__ if crashed else "",
                        "seconds": round(time.monotonic() - started, 3)})
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(results, stream)


if __name__ == "__main__":
    main(sys.argv[1], json.loads(sys.argv[2]), sys.argv[3])
