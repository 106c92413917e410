"""The exchange between the office's laptops in the window: File → Exchange (make or read a
file, a join file for a new laptop), the conflicts screen, and Today's "conflicts waiting"."""
