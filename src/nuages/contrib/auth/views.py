"""The auth views: login, logout (POST only), password change, password reset; and
redirect_to_login. Templates: ``registration/*.html`` (the project provides them; the reset
email's subject and body ship with nuages)."""

from __future__ import annotations

from typing import Any

from nuages.conf import settings
from nuages.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, update_session_auth_hash
from nuages.contrib.auth import login as auth_login
from nuages.contrib.auth import logout as auth_logout
from nuages.contrib.auth._redirect import redirect_to_login
from nuages.contrib.auth.decorators import login_required
from nuages.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from nuages.contrib.auth.tokens import default_token_generator
from nuages.core.exceptions import ImproperlyConfigured, ValidationError
from nuages.http import HttpResponseRedirect
from nuages.shortcuts import resolve_url
from nuages.urls import reverse_lazy
from nuages.utils.decorators import method_decorator
from nuages.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from nuages.utils.translation import gettext_lazy as _
from nuages.views.decorators.cache import never_cache
from nuages.views.decorators.csrf import csrf_protect
from nuages.views.decorators.debug import sensitive_post_parameters
from nuages.views.generic.base import TemplateView
from nuages.views.generic.edit import FormView

__all__ = [
    "LoginView",
    "LogoutView",
    "PasswordChangeDoneView",
    "PasswordChangeView",
    "PasswordContextMixin",
    "PasswordResetCompleteView",
    "PasswordResetConfirmView",
    "PasswordResetDoneView",
    "PasswordResetView",
    "RedirectURLMixin",
    "redirect_to_login",
]

INTERNAL_RESET_SESSION_TOKEN = "_password_reset_token"


def _login_not_required(view: Any) -> Any:
    view.login_required = False
    return view


class RedirectURLMixin:
    """The ``next`` URL of the request if it is safe (this host, or success_url_allowed_hosts),
    else the default."""

    next_page: str | None = None
    redirect_field_name = REDIRECT_FIELD_NAME
    success_url_allowed_hosts: set[str] = set()
    request: Any

    def get_success_url(self) -> str:
        return self.get_redirect_url() or self.get_default_redirect_url()

    def get_redirect_url(self) -> str:
        redirect_to = self.request.POST.get(
            self.redirect_field_name, self.request.GET.get(self.redirect_field_name)
        )
        url_is_safe = url_has_allowed_host_and_scheme(
            url=redirect_to,
            allowed_hosts=self.get_success_url_allowed_hosts(),
            require_https=self.request.is_secure(),
        )
        return redirect_to if url_is_safe else ""

    def get_success_url_allowed_hosts(self) -> set[str]:
        return {self.request.get_host(), *self.success_url_allowed_hosts}

    def get_default_redirect_url(self) -> str:
        if self.next_page:
            return resolve_url(self.next_page)
        raise ImproperlyConfigured("No URL to redirect to. Provide a next_page.")


@method_decorator(_login_not_required, name="dispatch")
class LoginView(RedirectURLMixin, FormView):
    """Show the login form; on success log the user in and redirect to ``next`` (if safe) or
    LOGIN_REDIRECT_URL."""

    form_class = AuthenticationForm
    authentication_form: Any = None
    template_name = "registration/login.html"
    redirect_authenticated_user = False
    extra_context: dict | None = None

    @method_decorator(sensitive_post_parameters())
    @method_decorator(csrf_protect)
    @method_decorator(never_cache)
    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if self.redirect_authenticated_user and self.request.user.is_authenticated:
            redirect_to = self.get_success_url()
            if redirect_to == self.request.path:
                raise ValueError(
                    "Redirection loop for authenticated user detected. Check that your "
                    "LOGIN_REDIRECT_URL doesn't point to a login page."
                )
            return HttpResponseRedirect(redirect_to)
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self) -> str:
        return resolve_url(self.next_page or settings.LOGIN_REDIRECT_URL)

    def get_form_class(self) -> Any:
        return self.authentication_form or self.form_class

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form: Any) -> Any:
        auth_login(self.request, form.get_user())
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        host = self.request.get_host()
        context.update(
            {
                self.redirect_field_name: self.get_redirect_url(),
                "site": host,
                "site_name": host,
                **(self.extra_context or {}),
            }
        )
        return context


@method_decorator(_login_not_required, name="dispatch")
class LogoutView(RedirectURLMixin, TemplateView):
    """Log out on POST (a GET must not log anyone out), then redirect or show
    registration/logged_out.html."""

    http_method_names = ["post", "options"]
    template_name = "registration/logged_out.html"
    extra_context: dict | None = None

    @method_decorator(csrf_protect)
    @method_decorator(never_cache)
    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        auth_logout(request)
        redirect_to = self.get_success_url()
        if redirect_to != request.get_full_path():
            return HttpResponseRedirect(redirect_to)
        return super().get(request, *args, **kwargs)

    def get_default_redirect_url(self) -> str:
        if self.next_page:
            return resolve_url(self.next_page)
        if settings.LOGOUT_REDIRECT_URL:
            return resolve_url(settings.LOGOUT_REDIRECT_URL)
        return self.request.path

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        host = self.request.get_host()
        context.update({"site": host, "site_name": host, "title": _("Logged out")})
        return {**context, **(self.extra_context or {})}


class PasswordContextMixin:
    extra_context: dict | None = None
    title: Any = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.update({"title": self.title, "subtitle": None, **(self.extra_context or {})})
        return context


@method_decorator(_login_not_required, name="dispatch")
class PasswordResetView(PasswordContextMixin, FormView):
    """Ask for an email address and send a reset link to its active users."""

    email_template_name = "registration/password_reset_email.html"
    extra_email_context: dict | None = None
    form_class = PasswordResetForm
    from_email: str | None = None
    html_email_template_name: str | None = None
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    template_name = "registration/password_reset_form.html"
    title = _("Password reset")
    token_generator = default_token_generator

    @method_decorator(csrf_protect)
    def dispatch(self, *args: Any, **kwargs: Any) -> Any:
        return super().dispatch(*args, **kwargs)

    def form_valid(self, form: Any) -> Any:
        form.save(
            use_https=self.request.is_secure(),
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return super().form_valid(form)


@method_decorator(_login_not_required, name="dispatch")
class PasswordResetDoneView(PasswordContextMixin, TemplateView):
    template_name = "registration/password_reset_done.html"
    title = _("Password reset sent")


@method_decorator(_login_not_required, name="dispatch")
class PasswordResetConfirmView(PasswordContextMixin, FormView):
    """The link from the email. A valid token is moved into the session and the URL rewritten
    to ``.../set-password/``, so the token does not leak through the Referer header."""

    form_class = SetPasswordForm
    post_reset_login = False
    post_reset_login_backend: str | None = None
    reset_url_token = "set-password"
    success_url = reverse_lazy("password_reset_complete")
    template_name = "registration/password_reset_confirm.html"
    title = _("Enter new password")
    token_generator = default_token_generator

    @method_decorator(sensitive_post_parameters())
    @method_decorator(never_cache)
    def dispatch(self, *args: Any, **kwargs: Any) -> Any:
        if "uidb64" not in kwargs or "token" not in kwargs:
            raise ImproperlyConfigured("The URL path must contain 'uidb64' and 'token' parameters.")
        self.validlink = False
        self.user = self.get_user(kwargs["uidb64"])
        if self.user is not None:
            token = kwargs["token"]
            session = self.request.session
            if token == self.reset_url_token:
                if self.token_generator.check_token(
                    self.user, session.get(INTERNAL_RESET_SESSION_TOKEN)
                ):
                    self.validlink = True
                    return super().dispatch(*args, **kwargs)
            elif self.token_generator.check_token(self.user, token):
                session[INTERNAL_RESET_SESSION_TOKEN] = token
                redirect_url = self.request.path.replace(token, self.reset_url_token)
                return HttpResponseRedirect(redirect_url)
        return self.render_to_response(self.get_context_data())

    def get_user(self, uidb64: str) -> Any:
        UserModel = get_user_model()
        try:
            uid = UserModel._meta.pk.to_python(urlsafe_base64_decode(uidb64).decode())
            return UserModel._default_manager.get(pk=uid)
        except (TypeError, ValueError, OverflowError, UserModel.DoesNotExist, ValidationError):
            return None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.user}

    def form_valid(self, form: Any) -> Any:
        user = form.save()
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        if self.post_reset_login:
            auth_login(self.request, user, self.post_reset_login_backend)
        return super().form_valid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.validlink:
            context["validlink"] = True
        else:
            context.update(
                {"form": None, "title": _("Password reset unsuccessful"), "validlink": False}
            )
        return context


@method_decorator(_login_not_required, name="dispatch")
class PasswordResetCompleteView(PasswordContextMixin, TemplateView):
    template_name = "registration/password_reset_complete.html"
    title = _("Password reset complete")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["login_url"] = resolve_url(settings.LOGIN_URL)
        return context


class PasswordChangeView(PasswordContextMixin, FormView):
    """Change the signed-in user's password; this session stays signed in, others do not."""

    form_class = PasswordChangeForm
    success_url = reverse_lazy("password_change_done")
    template_name = "registration/password_change_form.html"
    title = _("Password change")

    @method_decorator(sensitive_post_parameters())
    @method_decorator(csrf_protect)
    @method_decorator(login_required)
    def dispatch(self, *args: Any, **kwargs: Any) -> Any:
        return super().dispatch(*args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form: Any) -> Any:
        form.save()
        update_session_auth_hash(self.request, form.user)
        return super().form_valid(form)


class PasswordChangeDoneView(PasswordContextMixin, TemplateView):
    template_name = "registration/password_change_done.html"
    title = _("Password change successful")

    @method_decorator(login_required)
    def dispatch(self, *args: Any, **kwargs: Any) -> Any:
        return super().dispatch(*args, **kwargs)
