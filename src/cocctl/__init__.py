"""cocctl: Code of Conduct case management over an encrypted git archive."""

__version__ = "0.1.0"
