from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.record_response import RecordResponse
from ...types import UNSET, Response, Unset


def request_kwargs(
    workspace_id: str,
    module_name: str,
    table_name: str,
    record_id: str,
    *,
    fields: str | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""

    params: dict[str, Any] = {}

    params["fields"] = fields

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/workspace/{workspace_id}/modules/{module_name}/tables/{table_name}/record/{record_id}".format(
            workspace_id=quote(str(workspace_id), safe=""),
            module_name=quote(str(module_name), safe=""),
            table_name=quote(str(table_name), safe=""),
            record_id=quote(str(record_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RecordResponse | str | None:
    if response.status_code == 200:
        response_200 = RecordResponse.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = response.text
        return response_429

    if response.status_code == 500:
        response_500 = response.text
        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[RecordResponse | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workspace_id: str,
    module_name: str,
    table_name: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
) -> Response[RecordResponse | str]:
    """Get one record

     Observed. One record as `{id, values}`; note the singular `record` in the path (§3.2, §9 item
    3). Existence and shape [2+] (W6W `actions/record-get.ts`; DE).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        record_id (str): A record id as reads return it, a positive integer written as a string
            (§2, [2+]).
        fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RecordResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
        record_id=record_id,
        fields=fields,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: str,
    module_name: str,
    table_name: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
) -> RecordResponse | str | None:
    """Get one record

     Observed. One record as `{id, values}`; note the singular `record` in the path (§3.2, §9 item
    3). Existence and shape [2+] (W6W `actions/record-get.ts`; DE).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        record_id (str): A record id as reads return it, a positive integer written as a string
            (§2, [2+]).
        fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RecordResponse | str
    """

    return sync_detailed(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
        record_id=record_id,
        client=client,
        fields=fields,
    ).parsed


async def asyncio_detailed(
    workspace_id: str,
    module_name: str,
    table_name: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
) -> Response[RecordResponse | str]:
    """Get one record

     Observed. One record as `{id, values}`; note the singular `record` in the path (§3.2, §9 item
    3). Existence and shape [2+] (W6W `actions/record-get.ts`; DE).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        record_id (str): A record id as reads return it, a positive integer written as a string
            (§2, [2+]).
        fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RecordResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
        record_id=record_id,
        fields=fields,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: str,
    module_name: str,
    table_name: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
) -> RecordResponse | str | None:
    """Get one record

     Observed. One record as `{id, values}`; note the singular `record` in the path (§3.2, §9 item
    3). Existence and shape [2+] (W6W `actions/record-get.ts`; DE).

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        record_id (str): A record id as reads return it, a positive integer written as a string
            (§2, [2+]).
        fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RecordResponse | str
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            module_name=module_name,
            table_name=table_name,
            record_id=record_id,
            client=client,
            fields=fields,
        )
    ).parsed
