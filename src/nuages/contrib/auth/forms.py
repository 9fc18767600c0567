"""The auth forms: sign in, set or change a password, request a reset, create a user.

They work against ``get_user_model()``. BaseUserCreationForm is a plain Form building its
username field from the user model's USERNAME_FIELD (no ``Meta.model`` to override while there
is no built-in User; see docs/auth.md). Password fields have no length cap: the hashers cost the
same for a long password as for a short one (hashers.py), and request size limits apply.
"""

from __future__ import annotations

import logging
import unicodedata
from typing import Any

from nuages import forms
from nuages.contrib.auth import authenticate, get_user_model, password_validation
from nuages.contrib.auth.tokens import default_token_generator
from nuages.core.exceptions import ValidationError
from nuages.core.mail import EmailMultiAlternatives
from nuages.template import loader
from nuages.utils.encoding import force_bytes
from nuages.utils.http import urlsafe_base64_encode
from nuages.utils.text import capfirst
from nuages.utils.translation import gettext_lazy as _

__all__ = [
    "AuthenticationForm",
    "BaseUserCreationForm",
    "PasswordChangeForm",
    "PasswordResetForm",
    "SetPasswordForm",
    "UserCreationForm",
    "UsernameField",
]

logger = logging.getLogger("nuages.contrib.auth")


def _unicode_ci_compare(s1: str, s2: str) -> bool:
    """Case-insensitive comparison after NFKC (what email__iexact cannot promise)."""
    return (
        unicodedata.normalize("NFKC", s1).casefold() == unicodedata.normalize("NFKC", s2).casefold()
    )


class UsernameField(forms.CharField):
    """A username: NFKC-normalised, no auto-capitalisation on phones."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if self.max_length is not None and len(value) > self.max_length:
            return value  # the max length validator reports it; normalising could be costly
        return unicodedata.normalize("NFKC", value)

    def widget_attrs(self, widget: Any) -> dict[str, Any]:
        return {
            **super().widget_attrs(widget),
            "autocapitalize": "none",
            "autocomplete": "username",
        }


def _password_field(label: Any, autocomplete: str, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        help_text=help_text,
    )


class _NewPasswordFields:
    """Two new-password fields that must match and pass AUTH_PASSWORD_VALIDATORS."""

    first = "new_password1"
    second = "new_password2"
    error_messages = {"password_mismatch": _("The two password fields didn’t match.")}  # noqa: RUF001
    cleaned_data: dict

    def _clean_new_passwords(self, user: Any) -> str | None:
        password1 = self.cleaned_data.get(self.first)
        password2 = self.cleaned_data.get(self.second)
        if password1 and password2 and password1 != password2:
            raise ValidationError(
                self.error_messages["password_mismatch"], code="password_mismatch"
            )
        if password2:
            password_validation.validate_password(password2, user)
        return password2


class AuthenticationForm(forms.Form):
    """Username and password, checked with authenticate(); ``get_user()`` after is_valid()."""

    username = UsernameField(widget=forms.TextInput(attrs={"autofocus": True}))
    password = _password_field(_("Password"), "current-password")

    error_messages = {
        "invalid_login": _(
            "Please enter a correct %(username)s and password. Note that both fields may be "
            "case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)
        UserModel = get_user_model()
        self.username_field = UserModel._meta.get_field(UserModel.USERNAME_FIELD)
        max_length = self.username_field.max_length or 254
        self.fields["username"].max_length = max_length
        self.fields["username"].widget.attrs["maxlength"] = max_length
        if self.fields["username"].label is None:
            self.fields["username"].label = capfirst(self.username_field.verbose_name)

    def clean(self) -> dict:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def confirm_login_allowed(self, user: Any) -> None:
        """Hook: raise ValidationError to refuse a user whose credentials are right."""
        if not user.is_active:
            raise ValidationError(self.error_messages["inactive"], code="inactive")

    def get_user(self) -> Any:
        return self.user_cache

    def get_invalid_login_error(self) -> ValidationError:
        return ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"username": self.username_field.verbose_name},
        )


class SetPasswordForm(_NewPasswordFields, forms.Form):
    """Set a new password without asking for the old one (password reset)."""

    new_password1 = _password_field(_("New password"), "new-password")
    new_password2 = _password_field(_("New password confirmation"), "new-password")

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields[
            "new_password1"
        ].help_text = password_validation.password_validators_help_text_html()

    def clean_new_password2(self) -> str | None:
        return self._clean_new_passwords(self.user)

    def save(self, commit: bool = True) -> Any:
        self.user.set_password(self.cleaned_data["new_password1"])
        if commit:
            self.user.save()
        return self.user


class PasswordChangeForm(SetPasswordForm):
    """Change a password: the old one first, then the new one twice."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_incorrect": _(
            "Your old password was entered incorrectly. Please enter it again."
        ),
    }
    old_password = forms.CharField(
        label=_("Old password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    field_order = ["old_password", "new_password1", "new_password2"]

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not self.user.check_password(old_password):
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class PasswordResetForm(forms.Form):
    """Email a one-use reset link to the active users with that address (silently nothing
    when there are none, so the form does not reveal who has an account)."""

    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = loader.render_to_string(subject_template_name, context)
        subject = "".join(subject.splitlines())  # a newline would be header injection
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
            message.attach_alternative(html, "text/html")
        try:
            message.send()
        except Exception:
            logger.exception("Failed to send password reset email to %s", context["user"].pk)

    def get_users(self, email: str) -> Any:
        """Active users with this address and a usable password."""
        UserModel = get_user_model()
        email_field_name = UserModel.get_email_field_name()
        active_users = UserModel._default_manager.filter(
            **{f"{email_field_name}__iexact": email, "is_active": True}
        )
        return (
            u
            for u in active_users
            if u.has_usable_password() and _unicode_ci_compare(email, getattr(u, email_field_name))
        )

    def save(
        self,
        domain_override: str | None = None,
        subject_template_name: str = "registration/password_reset_subject.txt",
        email_template_name: str = "registration/password_reset_email.html",
        use_https: bool = False,
        token_generator: Any = default_token_generator,
        from_email: str | None = None,
        request: Any = None,
        html_email_template_name: str | None = None,
        extra_email_context: dict | None = None,
    ) -> None:
        email = self.cleaned_data["email"]
        if domain_override:
            site_name = domain = domain_override
        else:
            site_name = domain = request.get_host() if request is not None else "localhost"
        email_field_name = get_user_model().get_email_field_name()
        for user in self.get_users(email):
            context = {
                "email": getattr(user, email_field_name),
                "domain": domain,
                "site_name": site_name,
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "user": user,
                "token": token_generator.make_token(user),
                "protocol": "https" if use_https else "http",
                **(extra_email_context or {}),
            }
            self.send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                context["email"],
                html_email_template_name=html_email_template_name,
            )


class BaseUserCreationForm(_NewPasswordFields, forms.Form):
    """A new user of AUTH_USER_MODEL: its USERNAME_FIELD and a password given twice."""

    first = "password1"
    second = "password2"
    password1 = _password_field(_("Password"), "new-password")
    password2 = _password_field(
        _("Password confirmation"),
        "new-password",
        help_text=_("Enter the same password as before, for verification."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        UserModel = get_user_model()
        self.user_model = UserModel
        self.username_field_name = UserModel.USERNAME_FIELD
        model_field = UserModel._meta.get_field(self.username_field_name)
        field = model_field.formfield()
        if isinstance(field, forms.CharField) and not isinstance(field, UsernameField):
            field = UsernameField(
                max_length=model_field.max_length,
                label=capfirst(model_field.verbose_name),
                help_text=model_field.help_text,
            )
        field.widget.attrs["autofocus"] = True
        self.fields = {self.username_field_name: field, **self.fields}
        self.fields[
            "password1"
        ].help_text = password_validation.password_validators_help_text_html()
        self.instance = UserModel()

    def clean_password2(self) -> str | None:
        username = self.cleaned_data.get(self.username_field_name)
        if username is not None:
            setattr(self.instance, self.username_field_name, username)
        return self._clean_new_passwords(self.instance)

    def save(self, commit: bool = True) -> Any:
        user = self.instance
        setattr(user, self.username_field_name, self.cleaned_data[self.username_field_name])
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class UserCreationForm(BaseUserCreationForm):
    """BaseUserCreationForm that also refuses a username already taken (case-insensitively)."""

    def clean(self) -> dict:
        cleaned = super().clean()
        name = self.username_field_name
        username = cleaned.get(name)
        if (
            username
            and self.user_model._default_manager.filter(**{f"{name}__iexact": username}).exists()
        ):
            self.add_error(name, _("A user with that username already exists."))
        return cleaned
