"""The organisers' back office: Django's admin, translated, open to organisers only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.rules import can_use_back_office


class BackOffice(admin.AdminSite):
    site_title = _("TechBridge back office")
    site_header = _("TechBridge back office")
    index_title = _("Platform administration")

    def has_permission(self, request):
        return can_use_back_office(request.user)


backoffice = BackOffice(name="backoffice")


class BackOfficeModelAdmin(admin.ModelAdmin):
    """Organisers may view and change; deleting is left to superusers."""

    def has_module_permission(self, request):
        return backoffice.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return backoffice.has_permission(request)

    def has_change_permission(self, request, obj=None):
        return backoffice.has_permission(request)

    def has_add_permission(self, request):
        return backoffice.has_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class ReadOnlyBackOfficeModelAdmin(BackOfficeModelAdmin):
    """Listed for reference; changed only through the services (state changes are
    audited and notified)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
