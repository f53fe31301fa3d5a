"""The document list: documents of the open project with coverage and verdict counts."""
