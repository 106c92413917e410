"""Who may open the data and do what: keyring, slow-down, roles, unlocking."""
