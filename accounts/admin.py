from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts.models import Profile

User = get_user_model()


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


class CandorUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ("username", "email", "display_name", "department", "role_names", "is_active")
    list_filter = ("groups", "is_active", "is_staff")

    @admin.display(description="Name")
    def display_name(self, user):
        return getattr(getattr(user, "profile", None), "display_name", "")

    @admin.display(description="Department")
    def department(self, user):
        return getattr(getattr(user, "profile", None), "department", "")

    @admin.display(description="Roles")
    def role_names(self, user):
        return ", ".join(g.name for g in user.groups.all())

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser may hand out superuser status or raw permissions; an Admin manages
        # people through the roles.
        readonly = super().get_readonly_fields(request, obj)
        if not request.user.is_superuser:
            readonly = (*readonly, "is_superuser", "user_permissions")
        return readonly

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("profile").prefetch_related("groups")

    def save_related(self, request, form, formsets, change):
        # Role changes made in the admin are audited like any other.
        from audit.services import audit_record

        before = set(form.instance.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.groups.values_list("name", flat=True))
        if before != after:
            audit_record(
                actor=request.user,
                action="roles.change",
                target=form.instance,
                details={"before": sorted(before), "after": sorted(after)},
            )


admin.site.unregister(User)
admin.site.register(User, CandorUserAdmin)
