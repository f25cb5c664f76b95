"""Winloss: self-hosted win/loss analysis."""

__version__ = "0.1.0"
