from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.report_response import ReportResponse
from ...types import Response


def request_kwargs(
    workspace_id: str,
    report_id: str,
) -> dict[str, Any]:
    """The request this operation sends: keyword arguments for ``httpx.Client.request``."""

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/workspace/{workspace_id}/reports/{report_id}".format(
            workspace_id=quote(str(workspace_id), safe=""),
            report_id=quote(str(report_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ReportResponse | str | None:
    if response.status_code == 200:
        response_200 = ReportResponse.from_dict(response.json())

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
) -> Response[ReportResponse | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workspace_id: str,
    report_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ReportResponse | str]:
    """Get a print report

     Observed. One report with its layout (§3.2, [1]: W6W `actions/report-get.ts`).

    Args:
        workspace_id (str):
        report_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReportResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        report_id=report_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_id: str,
    report_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ReportResponse | str | None:
    """Get a print report

     Observed. One report with its layout (§3.2, [1]: W6W `actions/report-get.ts`).

    Args:
        workspace_id (str):
        report_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReportResponse | str
    """

    return sync_detailed(
        workspace_id=workspace_id,
        report_id=report_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    workspace_id: str,
    report_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ReportResponse | str]:
    """Get a print report

     Observed. One report with its layout (§3.2, [1]: W6W `actions/report-get.ts`).

    Args:
        workspace_id (str):
        report_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReportResponse | str]
    """

    kwargs = request_kwargs(
        workspace_id=workspace_id,
        report_id=report_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_id: str,
    report_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ReportResponse | str | None:
    """Get a print report

     Observed. One report with its layout (§3.2, [1]: W6W `actions/report-get.ts`).

    Args:
        workspace_id (str):
        report_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReportResponse | str
    """

    return (
        await asyncio_detailed(
            workspace_id=workspace_id,
            report_id=report_id,
            client=client,
        )
    ).parsed
