"""Actions taken because of what buyers said, tracked to their impact."""
