"""What wins and loses deals: decision drivers, competitors head to head, trends, reps versus buyers, quotes."""
