"""What several UI features share: table models, view set-up, text helpers, palette, undo."""
