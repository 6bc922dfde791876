"""The API tokens page: a user's tokens, making one (shown once) and revoking one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from blendplan.http import AuthenticatedRequest
from schedules.api.forms import ApiTokenForm
from schedules.api.tokens import get_token_for_user, token_create, token_revoke, tokens_of


def _render(
    request: AuthenticatedRequest,
    *,
    form: ApiTokenForm | None = None,
    plaintext: str = "",
    status: int = 200,
) -> HttpResponse:
    response = render(
        request,
        "schedules/api/api_tokens.html",
        {
            "tokens": tokens_of(request.user),
            "form": form or ApiTokenForm(),
            "plaintext": plaintext,
            "api_url": request.build_absolute_uri(reverse("api:schedule_list")),
            "openapi_url": request.build_absolute_uri(reverse("api:openapi-json")),
        },
        status=status,
    )
    # The page may show a new token: no cache, shared or private, should keep a copy.
    add_never_cache_headers(response)
    return response


@require_safe
@login_required
def api_tokens(request: AuthenticatedRequest) -> HttpResponse:
    """List the user's API tokens, with a form to make one and how to use them."""
    return _render(request)


@require_POST
@login_required
def api_token_create(request: AuthenticatedRequest) -> HttpResponse:
    """Make a token and show its plaintext on this response only: it is stored nowhere."""
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, plaintext = token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["expires_in"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, f"Token “{token.name}” made. Copy it now.")
            return _render(request, plaintext=plaintext)
    return _render(request, form=form, status=422)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def api_token_revoke(request: AuthenticatedRequest, token_pk: int) -> HttpResponse:
    """Ask to confirm (GET), then revoke (POST) one of the user's own tokens."""
    token = get_token_for_user(request.user, token_pk)
    if request.method != "POST":  # GET or HEAD
        return render(request, "schedules/api/api_token_revoke.html", {"token": token})
    token_revoke(token=token, by=request.user)
    messages.success(request, f"Token “{token.name}” revoked: the API refuses it from now on.")
    return redirect("schedules:api_tokens")
