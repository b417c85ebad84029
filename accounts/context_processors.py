from accounts import permissions


def roles(request):
    user = request.user
    return {
        "user_roles": permissions.roles_of(user),
        "can_create_document": permissions.can_create_document(user),
        "can_view_audit": permissions.can_view_audit(user),
        "can_moderate": permissions.can_moderate(user),
    }
