"""Audit of sign-in and sign-out, whichever view performs them."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action


@receiver(user_logged_in)
def audit_sign_in(sender, request, user, **kwargs):
    record_action(actor=user, action=AuditAction.SIGN_IN, target=user, request=request)


@receiver(user_logged_out)
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        record_action(actor=user, action=AuditAction.SIGN_OUT, target=user, request=request)
