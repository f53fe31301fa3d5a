"""Annotations: tagging selections in the panes, the annotation table, the note editor."""
