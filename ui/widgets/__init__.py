"""Building blocks shared by every screen: forms, labels, models, preview, printing."""
