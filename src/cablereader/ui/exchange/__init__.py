"""Leaving CableReader with the results: evidence reports and REFI-QDA exchange."""
