"""Package discovery: every package under src/, plus schemas/ shipped as cocctl.schemas.

Everything else is in pyproject.toml. Packages used to be listed by hand there,
and a new one (cocctl.render) was left out of the wheel.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages("src", include=["cocctl", "cocctl.*"]), "cocctl.schemas"])
