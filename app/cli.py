"""Command-line groups: `flask users|calendar|deadlines|scheduler|demo|privacy …`."""


def init_app(app):
    from app.commands import calendar, deadlines, demo, privacy, scheduler, users

    for module in (users, calendar, deadlines, scheduler, demo, privacy):
        app.cli.add_command(module.group)
