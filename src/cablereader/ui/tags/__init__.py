"""Tags: the tag list and the dialogs that create and edit tags."""
