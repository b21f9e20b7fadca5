from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.schema_document import SchemaDocument
from ...models.schema_version import SchemaVersion
from ...models.update_schema_format_scripts import (
    UpdateSchemaFormatScripts,
)
from ...types import UNSET, Response, Unset


def request_kwargs(
    team_id: str,
    database_id: str,
    *,
    body: SchemaDocument,
    format_scripts: str | Unset | UpdateSchemaFormatScripts = UNSET,
    nx_password: str | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""
    headers: dict[str, Any] = {}
    if not isinstance(nx_password, Unset):
        headers["nx-password"] = nx_password

    params: dict[str, Any] = {}

    json_format_scripts: str | Unset
    if isinstance(format_scripts, Unset):
        json_format_scripts = UNSET
    elif isinstance(format_scripts, str):
        json_format_scripts = format_scripts
    else:
        json_format_scripts = format_scripts
    params["formatScripts"] = json_format_scripts

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/teams/{team_id}/databases/{database_id}/schema".format(
            team_id=quote(str(team_id), safe=""),
            database_id=quote(str(database_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> SchemaVersion | str | None:
    if response.status_code == 200:
        response_200 = SchemaVersion.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = response.text
        return response_400

    if response.status_code == 401:
        response_401 = response.text
        return response_401

    if response.status_code == 403:
        response_403 = response.text
        return response_403

    if response.status_code == 404:
        response_404 = response.text
        return response_404

    if response.status_code == 409:
        response_409 = response.text
        return response_409

    if response.status_code == 413:
        response_413 = response.text
        return response_413

    if response.status_code == 422:
        response_422 = response.text
        return response_422

    if response.status_code == 429:
        response_429 = response.text
        return response_429

    if response.status_code == 500:
        response_500 = response.text
        return response_500

    if response.status_code == 502:
        response_502 = response.text
        return response_502

    if response.status_code == 503:
        response_503 = response.text
        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[SchemaVersion | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    team_id: str,
    database_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SchemaDocument,
    format_scripts: str | Unset | UpdateSchemaFormatScripts = UNSET,
    nx_password: str | Unset = UNSET,
) -> Response[SchemaVersion | str]:
    """Overwrite the database schema (undocumented)

     Replaces the schema with the given document (scripts, layouts; Ninox's CLI says it cannot
    create tables or fields this way). Fails when the document's `version` is not the server's
    current one (optimistic concurrency; the status is not documented — 409 is described).
    §4.19, [1] (Ninox CLI).

    Args:
        team_id (str):
        database_id (str):
        format_scripts (str | Unset | UpdateSchemaFormatScripts):
        nx_password (str | Unset):
        body (SchemaDocument): The schema: tables as `types` keyed by table id, plus database-wide
            scripts and options
            (Ninox CLI `DatabaseSchemaBase`, §7.4). Other keys: `afterOpen`, `afterOpenBehavior`,
            `globalCode`, `fileSync`, `dateFix`, `compatibility`, `hide*`, `knownDatabases`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SchemaVersion | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        body=body,
        format_scripts=format_scripts,
        nx_password=nx_password,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    team_id: str,
    database_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SchemaDocument,
    format_scripts: str | Unset | UpdateSchemaFormatScripts = UNSET,
    nx_password: str | Unset = UNSET,
) -> SchemaVersion | str | None:
    """Overwrite the database schema (undocumented)

     Replaces the schema with the given document (scripts, layouts; Ninox's CLI says it cannot
    create tables or fields this way). Fails when the document's `version` is not the server's
    current one (optimistic concurrency; the status is not documented — 409 is described).
    §4.19, [1] (Ninox CLI).

    Args:
        team_id (str):
        database_id (str):
        format_scripts (str | Unset | UpdateSchemaFormatScripts):
        nx_password (str | Unset):
        body (SchemaDocument): The schema: tables as `types` keyed by table id, plus database-wide
            scripts and options
            (Ninox CLI `DatabaseSchemaBase`, §7.4). Other keys: `afterOpen`, `afterOpenBehavior`,
            `globalCode`, `fileSync`, `dateFix`, `compatibility`, `hide*`, `knownDatabases`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SchemaVersion | str
    """

    return sync_detailed(
        team_id=team_id,
        database_id=database_id,
        client=client,
        body=body,
        format_scripts=format_scripts,
        nx_password=nx_password,
    ).parsed


async def asyncio_detailed(
    team_id: str,
    database_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SchemaDocument,
    format_scripts: str | Unset | UpdateSchemaFormatScripts = UNSET,
    nx_password: str | Unset = UNSET,
) -> Response[SchemaVersion | str]:
    """Overwrite the database schema (undocumented)

     Replaces the schema with the given document (scripts, layouts; Ninox's CLI says it cannot
    create tables or fields this way). Fails when the document's `version` is not the server's
    current one (optimistic concurrency; the status is not documented — 409 is described).
    §4.19, [1] (Ninox CLI).

    Args:
        team_id (str):
        database_id (str):
        format_scripts (str | Unset | UpdateSchemaFormatScripts):
        nx_password (str | Unset):
        body (SchemaDocument): The schema: tables as `types` keyed by table id, plus database-wide
            scripts and options
            (Ninox CLI `DatabaseSchemaBase`, §7.4). Other keys: `afterOpen`, `afterOpenBehavior`,
            `globalCode`, `fileSync`, `dateFix`, `compatibility`, `hide*`, `knownDatabases`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SchemaVersion | str]
    """

    kwargs = request_kwargs(
        team_id=team_id,
        database_id=database_id,
        body=body,
        format_scripts=format_scripts,
        nx_password=nx_password,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    team_id: str,
    database_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SchemaDocument,
    format_scripts: str | Unset | UpdateSchemaFormatScripts = UNSET,
    nx_password: str | Unset = UNSET,
) -> SchemaVersion | str | None:
    """Overwrite the database schema (undocumented)

     Replaces the schema with the given document (scripts, layouts; Ninox's CLI says it cannot
    create tables or fields this way). Fails when the document's `version` is not the server's
    current one (optimistic concurrency; the status is not documented — 409 is described).
    §4.19, [1] (Ninox CLI).

    Args:
        team_id (str):
        database_id (str):
        format_scripts (str | Unset | UpdateSchemaFormatScripts):
        nx_password (str | Unset):
        body (SchemaDocument): The schema: tables as `types` keyed by table id, plus database-wide
            scripts and options
            (Ninox CLI `DatabaseSchemaBase`, §7.4). Other keys: `afterOpen`, `afterOpenBehavior`,
            `globalCode`, `fileSync`, `dateFix`, `compatibility`, `hide*`, `knownDatabases`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SchemaVersion | str
    """

    return (
        await asyncio_detailed(
            team_id=team_id,
            database_id=database_id,
            client=client,
            body=body,
            format_scripts=format_scripts,
            nx_password=nx_password,
        )
    ).parsed
