"""One person's window, its tabs and the dialogs opened from them."""
