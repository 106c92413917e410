"""Privacy tools: erasure, handover, subject access, export, backups."""
