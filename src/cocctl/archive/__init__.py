"""The archive: case files and seals, roster, settings, people index, identities, schemas, git, remote, locks."""
