"""The archive: envelopes, case files, roster and config, git commits, locks."""
