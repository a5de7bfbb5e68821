"""Calls in the organisers' back office: settings with their parts, message templates,
and read-only views of applications, the outbox and assignment runs."""

from django import forms
from django.contrib import admin

from techbridge.calls.models import (
    AssignmentRun,
    Call,
    CallQuestion,
    Criterion,
    FieldQuota,
    MessageTemplate,
    OutboxMessage,
    RequiredAttachment,
    ReviewPhase,
    Submission,
)
from techbridge.calls.services.outbox import template_problems
from techbridge.web.admin_site import (
    BackOfficeModelAdmin,
    ReadOnlyBackOfficeModelAdmin,
    backoffice,
)


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0


class QuestionInline(admin.TabularInline):
    model = CallQuestion
    extra = 0


class RequiredAttachmentInline(admin.TabularInline):
    model = RequiredAttachment
    extra = 0


class QuotaInline(admin.TabularInline):
    model = FieldQuota
    extra = 0


class PhaseInline(admin.StackedInline):
    model = ReviewPhase
    extra = 0


@admin.register(Call, site=backoffice)
class CallAdmin(BackOfficeModelAdmin):
    list_display = ["__str__", "event", "opens_at", "closes_at", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["titles"]
    readonly_fields = ["decision_version", "published_at", "created_by"]
    inlines = [CriterionInline, QuestionInline, RequiredAttachmentInline, QuotaInline, PhaseInline]


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["kind", "language", "subject", "body"]

    def clean_subject(self):
        problems = template_problems(self.cleaned_data["subject"])
        if problems:
            raise forms.ValidationError(problems)
        return self.cleaned_data["subject"]

    def clean_body(self):
        problems = template_problems(self.cleaned_data["body"])
        if problems:
            raise forms.ValidationError(problems)
        return self.cleaned_data["body"]


@admin.register(MessageTemplate, site=backoffice)
class MessageTemplateAdmin(BackOfficeModelAdmin):
    form = MessageTemplateForm
    list_display = ["kind", "language", "subject", "updated_at"]
    list_filter = ["kind", "language"]


@admin.register(Submission, site=backoffice)
class SubmissionAdmin(ReadOnlyBackOfficeModelAdmin):
    list_display = ["code", "call", "organisation", "status", "submitted_at"]
    list_filter = ["status", "call"]


@admin.register(OutboxMessage, site=backoffice)
class OutboxMessageAdmin(ReadOnlyBackOfficeModelAdmin):
    list_display = ["to_address", "subject", "language", "status", "created_at", "sent_at"]
    list_filter = ["status", "language", "call"]


@admin.register(AssignmentRun, site=backoffice)
class AssignmentRunAdmin(ReadOnlyBackOfficeModelAdmin):
    list_display = ["call", "status", "solver_status", "objective", "created_at"]
    list_filter = ["status"]
