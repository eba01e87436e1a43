"""`toolbox serve`: the Slack app over HTTP (waitress, signed requests) or Socket Mode.

HTTP mode serves Slack's requests on `/slack/events` (Bolt checks the signature) and
`GET /healthz`, which answers 200 while the live database answers and 503 when it does not.
Socket Mode is used when SLACK_APP_TOKEN is set; Slack then needs no public address.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.app import BOT_SCOPES, create_app
from bot.housekeeping import start_housekeeping
from bot.logs import configure_logging
from bot.services import Services, build_services
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("bot.server")

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
SERVER_THREADS = 16

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def make_wsgi(app: App, services: Services) -> WsgiApp:
    """The WSGI application: Bolt on /slack/events, the health check on /healthz."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            healthy = services.healthy()
            body = json.dumps({"ok": healthy, "database": "ok" if healthy else "onbereikbaar"})
            status = "200 OK" if healthy else "503 Service Unavailable"
            start_response(status, [("Content-Type", "application/json")])
            return [body.encode()]
        return slack(environ, start_response)

    return wsgi


def check_scopes(client: WebClient) -> None:
    """Warn at start when the installed app lacks a scope the listeners need."""
    try:
        response = client.auth_test()
    except SlackApiError as error:
        log.error("auth.test failed: %s; check SLACK_BOT_TOKEN", error.response.get("error"))
        return
    granted = {s.strip() for s in str(response.headers.get("x-oauth-scopes", "")).split(",")}
    missing = [scope for scope in BOT_SCOPES if scope not in granted]
    if missing:
        log.warning(
            "the bot token lacks scopes %s: add them from manifest.yaml and reinstall the app",
            ",".join(missing),
        )


def serve(host: str = "127.0.0.1", port: int = 3000) -> int:
    try:
        settings = load_settings()
        settings.require(settings.mode)
        configure_logging(settings.toolbox_log_level)
        services = build_services(settings)
    except (SettingsError, ValidationError) as error:
        print(error, file=sys.stderr)
        return 2
    app = create_app(settings, services=services)
    check_scopes(app.client)
    # Versions take effect on their date, and announcements left in the outbox (by a crash or
    # a Slack error) are posted, also right after a restart.
    start_housekeeping(services, app.client)
    if settings.mode == "socket":
        return _serve_socket_mode(app, settings)
    return _serve_http(app, services, host, port)


def _serve_http(app: App, services: Services, host: str, port: int) -> int:
    import waitress

    log.info("serving Slack on http://%s:%s%s (health: %s)", host, port, EVENTS_PATH, HEALTH_PATH)
    waitress.serve(make_wsgi(app, services), host=host, port=port, threads=SERVER_THREADS)
    return 0


def _serve_socket_mode(app: App, settings: Settings) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    log.info("connecting to Slack in Socket Mode")
    SocketModeHandler(app, settings.secret("slack_app_token")).start()
    return 0
