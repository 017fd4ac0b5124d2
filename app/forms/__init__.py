"""Flask-WTF forms, one module per views module."""
