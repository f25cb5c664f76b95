"""Findings analysts write, and reports for each audience (web, PDF, PowerPoint, Markdown) from one source."""
