"""The app's configuration: one typed object, read once from the environment (and `.env`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

Mode = Literal["http", "socket", "console"]

_REQUIRED: dict[Mode, tuple[str, ...]] = {
    "http": ("slack_bot_token", "slack_signing_secret"),
    "socket": ("slack_bot_token", "slack_app_token"),
    "console": (),
}


class SettingsError(Exception):
    """The configuration cannot work; the message names the variable and says what to do."""


class Settings(BaseSettings):
    """Every setting of the app. See `.env.example` for what each one means."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str | None = None
    toolbox_db: Path = Path("var/toolbox.db")
    toolbox_updates_channel: str | None = None
    toolbox_coordinators: Annotated[dict[str, tuple[str, ...]], NoDecode] = Field(
        default_factory=dict
    )
    toolbox_log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    toolbox_log_days: int = Field(default=90, ge=1)

    @field_validator("toolbox_coordinators", mode="before")
    @classmethod
    def _parse_coordinators(cls, value: object) -> object:
        return parse_coordinators(value) if isinstance(value, str) else value

    @field_validator("toolbox_log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("slack_api_url")
    @classmethod
    def _trailing_slash(cls, value: str | None) -> str | None:
        # slack-sdk joins the method name straight onto the base address.
        if not value:
            return None
        return value if value.endswith("/") else value + "/"

    @property
    def mode(self) -> Mode:
        """Socket Mode when an app-level token is set, otherwise HTTP."""
        return "socket" if self.secret("slack_app_token") else "http"

    def require(self, mode: Mode) -> None:
        """Fail with one clear sentence per missing secret the given mode needs."""
        missing = [name.upper() for name in _REQUIRED[mode] if not _secret(getattr(self, name))]
        if missing:
            raise SettingsError(
                "\n".join(
                    f"{name} ontbreekt: zet die in de omgeving of in .env (zie .env.example). "
                    f"{name} is missing: set it in the environment or in .env."
                    for name in missing
                )
            )

    def secret(self, name: str) -> str:
        """The plain value of a secret setting, or an empty string."""
        return _secret(getattr(self, name))

    def coordinator_scopes(self, user_id: str) -> tuple[str, ...]:
        """The regions or municipalities a user coordinates; empty for everyone else."""
        return self.toolbox_coordinators.get(user_id, ())


def _secret(value: SecretStr | None) -> str:
    return value.get_secret_value().strip() if value is not None else ""


def parse_coordinators(text: str) -> dict[str, tuple[str, ...]]:
    """`"U1:haaglanden,U2:den-haag"` -> `{"U1": ("haaglanden",), "U2": ("den-haag",)}`.

    A user listed twice coordinates both scopes.
    """
    result: dict[str, tuple[str, ...]] = {}
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        user, sep, scope = (piece.strip() for piece in entry.partition(":"))
        if not sep or not user or not scope:
            raise ValueError(
                f"TOOLBOX_COORDINATORS: '{entry}' is geen 'gebruiker:regio-of-gemeente' "
                "(bijvoorbeeld U0123ABC:haaglanden)."
            )
        result[user] = (*result.get(user, ()), scope)
    return result


def load_settings(**overrides: object) -> Settings:
    """Read the settings once; keyword arguments win over the environment (tests, console)."""
    return Settings(**overrides)  # type: ignore[arg-type]
