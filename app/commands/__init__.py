"""CLI command groups, registered by app.cli."""
