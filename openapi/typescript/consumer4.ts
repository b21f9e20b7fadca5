// Proof that another language can consume openapi/ninox4.yaml: the types in ninox4.d.ts are
// generated from the contract by openapi-typescript (scripts/lint-spec) and this file must
// type-check against them with `tsc --noEmit`. It pages through the records of a table, builds
// write batches and reads a change feed, as a Ninox 4 client would.
import type { components, operations, paths } from "./ninox4.d.ts";

type RecordItem = components["schemas"]["RecordItem"];
type RowsResponse = components["schemas"]["RowsResponse"];
type AddRowsBody = components["schemas"]["AddRowsBody"];
type UpdateRowsBody = operations["updateRecords"]["requestBody"]["content"]["application/json"];
type DeleteRowsBody = components["schemas"]["DeleteRowsBody"];
type CreateFieldBody = components["schemas"]["CreateFieldBody"];
type ListRecordsQuery = NonNullable<operations["listRecords"]["parameters"]["query"]>;
type RecordChangesQuery = operations["listRecordChanges"]["parameters"]["query"];
type ChangesPage = operations["listRecordChanges"]["responses"]["200"]["content"]["application/json"];
type ErrorBody = operations["addRecords"]["responses"]["413"]["content"]["application/json"];
type UnauthorizedText = operations["getWorkspace"]["responses"]["401"]["content"]["text/plain"];

const recordsPath: keyof paths = "/api/v1/workspace/{workspaceId}/modules/{moduleName}/tables/{tableName}/records";
const oneRecordPath: keyof paths =
  "/api/v1/workspace/{workspaceId}/modules/{moduleName}/tables/{tableName}/record/{recordId}";

export function recordsUrl(workspaceId: string, moduleName: string, tableName: string, query: ListRecordsQuery): string {
  const path = recordsPath
    .replace("{workspaceId}", workspaceId)
    .replace("{moduleName}", moduleName)
    .replace("{tableName}", tableName);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return `https://go.ninox.com${path}?${params.toString()}`;
}

// Every page: an unknown path answers 200 with HTML, so success is a JSON body with `data`.
export async function allRecords(token: string, url: (offset: number) => string): Promise<RecordItem[]> {
  const rows: RecordItem[] = [];
  for (let offset = 0; ; ) {
    const response = await fetch(url(offset), { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) {
      const text: UnauthorizedText = await response.text();
      throw new Error(`${response.status}: ${text}`);
    }
    const page = (await response.json()) as RowsResponse;
    rows.push(...page.data);
    if (!page.page_info.has_more || page.data.length === 0) return rows;
    offset = page.page_info.offset + page.page_info.limit;
  }
}

export const firstPage: ListRecordsQuery = { offset: 0, limit: 100, filter: '{"status":"Lead"}', sort: "name" };

export function create(names: readonly string[]): AddRowsBody {
  return { records: names.map((name) => ({ name, tags: ["new"] })) };
}

export function update(ids: readonly string[]): UpdateRowsBody {
  return { records: ids.map((id) => ({ id, status: null })) };
}

export const remove: DeleteRowsBody = { records: [101, "102"] };

export const statusField: CreateFieldBody = {
  name: "status",
  labels: { "": "Status", de: "Status" },
  type: "choice",
  options: [{ name: "Lead" }, { name: "Customer", order: 1 }],
};

export const firstPoll: RecordChangesQuery = { since: "2026-10-01T00:00:00Z", limit: 100 };

export function nextPoll(page: ChangesPage): RecordChangesQuery {
  return { since: page.meta.asOf };
}

export function message(body: ErrorBody): string {
  return body.error.message ?? `(no message) ${oneRecordPath}`;
}

export function values(record: RecordItem): string {
  const name = record.values["name"];
  return `${record.id}: ${typeof name === "string" ? name : "?"}`;
}

// @ts-expect-error a field needs `labels` and `type`; the contract says so and TypeScript must enforce it.
export const invalidField: CreateFieldBody = { name: "x" };

// @ts-expect-error `type` is not a key of an update: changing it means delete and recreate.
export const invalidUpdate: components["schemas"]["UpdateFieldBody"] = { type: "number" };
