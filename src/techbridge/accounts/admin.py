"""Accounts in the organisers' back office."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from techbridge.accounts import services
from techbridge.accounts.models import Membership, Organisation, User
from techbridge.web.admin_site import BackOfficeModelAdmin, backoffice


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "status", "is_manager", "created_at"]
    # Roles change only through the organisation's members page, whose services audit them.
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organisation, site=backoffice)
class OrganisationAdmin(BackOfficeModelAdmin):
    list_display = [
        "__str__",
        "organisation_type",
        "country",
        "regions",
        "is_verified",
        "created_at",
    ]
    list_filter = ["is_verified", "organisation_type", "country"]
    search_fields = ["names", "regions", "website"]
    readonly_fields = ["is_verified", "verified_at", "verified_by", "created_by", "created_at"]
    inlines = [MembershipInline]
    actions = ["verify", "withdraw_verification"]

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request, queryset):
        for organisation in queryset:
            services.set_organisation_verified(
                actor=request.user, organisation=organisation, verified=True, request=request
            )

    @admin.action(description=_("Withdraw verification of the selected organisations"))
    def withdraw_verification(self, request, queryset):
        for organisation in queryset:
            services.set_organisation_verified(
                actor=request.user, organisation=organisation, verified=False, request=request
            )


@admin.register(User, site=backoffice)
class UserAdmin(BackOfficeModelAdmin):
    list_display = [
        "email",
        "full_name",
        "preferred_language",
        "time_zone",
        "is_active",
        "email_confirmed_at",
    ]
    list_filter = ["is_active", "preferred_language"]
    search_fields = ["email", "full_name"]
    fields = [
        "email",
        "full_name",
        "position",
        "phone",
        "preferred_language",
        "time_zone",
        "is_active",
        "email_confirmed_at",
        "last_login",
        "created_at",
    ]
    readonly_fields = ["last_login", "created_at", "email_confirmed_at"]
    inlines = [MembershipInline]
