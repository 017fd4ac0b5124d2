"""Thin blueprints: parse, call one service, render."""
