"""Command-line groups: `flask users|calendar|deadlines|scheduler|demo …`."""


def init_app(app):
    from app.commands import calendar, deadlines, demo, scheduler, users

    for module in (users, calendar, deadlines, scheduler, demo):
        app.cli.add_command(module.group)
