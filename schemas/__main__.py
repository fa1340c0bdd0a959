"""``python -m cocctl.schemas``: regenerate the generated schemas (see generate.py)."""

from cocctl.schemas.generate import main

raise SystemExit(main())
