"""Records turned into plain document data (the ORM-free card path included)."""
