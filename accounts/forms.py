from django import forms

from accounts.models import Profile


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "department", "preferred_tone", "email_notifications"]
        labels = {"preferred_tone": "Preferred tone", "email_notifications": "Email me"}
