from django.contrib import admin
from reversion.admin import VersionAdmin

from guidelines.models import (
    Acknowledgement,
    Comment,
    Document,
    Release,
    Rule,
    Section,
)


@admin.register(Document)
class DocumentAdmin(VersionAdmin):
    list_display = ("subject", "slug", "status", "default_tone", "updated_at")
    search_fields = ("subject", "slug")
    readonly_fields = ("version", "latest_revision", "latest_release", "status")


class RuleInline(admin.TabularInline):
    model = Rule
    extra = 0
    fields = ("position", "modality", "statement", "visibility", "removed_at")


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("heading", "document", "position", "visibility", "removed_at")
    list_filter = ("document",)
    inlines = [RuleInline]

    def has_change_permission(self, request, obj=None):
        return False  # edits go through the editor so every change is a revision


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("pk", "document", "section", "author", "status", "hidden_at", "created_at")
    list_filter = ("status", "document")
    readonly_fields = [f.name for f in Comment._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ("document", "version", "published_at", "published_by")
    readonly_fields = [f.name for f in Release._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = ("user", "release", "created_at")

    def has_change_permission(self, request, obj=None):
        return False
