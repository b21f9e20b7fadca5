from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.rows_response import RowsResponse
from ...types import UNSET, Response, Unset


def request_kwargs(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    fields: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""

    params: dict[str, Any] = {}

    params["offset"] = offset

    params["limit"] = limit

    params["fields"] = fields

    params["sort"] = sort

    params["filter"] = filter_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/workspace/{workspace_id}/modules/{module_name}/tables/{table_name}/records".format(
            workspace_id=quote(str(workspace_id), safe=""),
            module_name=quote(str(module_name), safe=""),
            table_name=quote(str(table_name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RowsResponse | str | None:
    if response.status_code == 200:
        response_200 = RowsResponse.from_dict(response.json())

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
) -> Response[RowsResponse | str]:
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
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    fields: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
) -> Response[RowsResponse | str]:
    """List records, one page

     One page of records as `{id, values}`, with `page_info`. §3.1 row 19 and §4, [2+] for the
    paging. Filter by field equality with `filter`; the implicit row id is not filterable
    (`404 field-not-found`, use `getRecord`), §7.4 [2+].

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        offset (int | Unset):
        limit (int | Unset):
        fields (str | Unset):
        sort (str | Unset):
        filter_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RowsResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
        offset=offset,
        limit=limit,
        fields=fields,
        sort=sort,
        filter_=filter_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    fields: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
) -> RowsResponse | str | None:
    """List records, one page

     One page of records as `{id, values}`, with `page_info`. §3.1 row 19 and §4, [2+] for the
    paging. Filter by field equality with `filter`; the implicit row id is not filterable
    (`404 field-not-found`, use `getRecord`), §7.4 [2+].

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        offset (int | Unset):
        limit (int | Unset):
        fields (str | Unset):
        sort (str | Unset):
        filter_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RowsResponse | str
    """

    return sync_detailed(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
        client=client,
        offset=offset,
        limit=limit,
        fields=fields,
        sort=sort,
        filter_=filter_,
    ).parsed


async def asyncio_detailed(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    fields: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
) -> Response[RowsResponse | str]:
    """List records, one page

     One page of records as `{id, values}`, with `page_info`. §3.1 row 19 and §4, [2+] for the
    paging. Filter by field equality with `filter`; the implicit row id is not filterable
    (`404 field-not-found`, use `getRecord`), §7.4 [2+].

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        offset (int | Unset):
        limit (int | Unset):
        fields (str | Unset):
        sort (str | Unset):
        filter_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RowsResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        module_name=module_name,
        table_name=table_name,
        offset=offset,
        limit=limit,
        fields=fields,
        sort=sort,
        filter_=filter_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: str,
    module_name: str,
    table_name: str,
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    fields: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
) -> RowsResponse | str | None:
    """List records, one page

     One page of records as `{id, values}`, with `page_info`. §3.1 row 19 and §4, [2+] for the
    paging. Filter by field equality with `filter`; the implicit row id is not filterable
    (`404 field-not-found`, use `getRecord`), §7.4 [2+].

    Args:
        workspace_id (str):
        module_name (str): A module, table or field machine name (§2, [1]).
        table_name (str): A module, table or field machine name (§2, [1]).
        offset (int | Unset):
        limit (int | Unset):
        fields (str | Unset):
        sort (str | Unset):
        filter_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RowsResponse | str
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            module_name=module_name,
            table_name=table_name,
            client=client,
            offset=offset,
            limit=limit,
            fields=fields,
            sort=sort,
            filter_=filter_,
        )
    ).parsed
