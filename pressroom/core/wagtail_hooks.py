"""core's additions to Wagtail's admin: the "Set up your organization" dashboard panel."""

from wagtail import hooks

from .setup_panel import setup_panel


@hooks.register("construct_homepage_panels")
def add_organization_setup_panel(request, panels):
    panel = setup_panel(request)
    if panel is not None:
        panels.insert(0, panel)
