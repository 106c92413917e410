"""The session: start, unlock, lock, the controller and what runs beside the windows."""
