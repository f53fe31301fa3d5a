"""The reading panes: source and article, gutter, linking, overview, find bar, comparison."""
