"""Run cocctl as ``python -m cocctl``."""

from cocctl.cli import main

main()
