"""The main window and what it opens for the whole office: Today, People, reports."""
