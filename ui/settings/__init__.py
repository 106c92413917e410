"""Settings, backups, passwords, and the first start (set-up, recovery key)."""
