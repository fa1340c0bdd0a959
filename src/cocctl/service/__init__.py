"""One function per user action; each returns data and never prints."""
