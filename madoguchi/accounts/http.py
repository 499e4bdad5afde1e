"""The request a staff view receives: the login and role decorators let only a signed-in `User` through."""

from __future__ import annotations

from django.http import HttpRequest

from madoguchi.accounts.models import User


class StaffRequest(HttpRequest):
    """`HttpRequest` whose `user` is a staff `User`, never `AnonymousUser`.

    Only for views behind `require_action` / `staff_required` (and what they call: panels, widgets, render
    helpers); public views take a plain `HttpRequest`. A type only: Django builds the same request object.
    """

    user: User
