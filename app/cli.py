"""Command-line groups: `flask users|calendar|deadlines|scheduler|demo|privacy|reports …`."""


def init_app(app):
    from app.commands import calendar, deadlines, demo, privacy, reports, scheduler, users

    for module in (users, calendar, deadlines, scheduler, demo, privacy, reports):
        app.cli.add_command(module.group)
