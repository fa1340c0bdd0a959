"""Run cocctl as ``python -m cocctl``."""

from cocctl.main import main

main()
