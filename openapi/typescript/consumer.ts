// Proof that another language can consume openapi/ninox.yaml: the types in ninox.d.ts are
// generated from the spec by openapi-typescript (scripts/lint-spec) and this file must type-check
// against them with `tsc --noEmit`. It lists teams and builds a record batch, as a client would.
import type { components, operations, paths } from "./ninox.d.ts";

type Team = components["schemas"]["Team"];
type RecordWrite = components["schemas"]["RecordWrite"];
type NinoxRecord = components["schemas"]["TableRecord"];
type ListRecordsQuery = NonNullable<operations["listRecords"]["parameters"]["query"]>;
type SaveRecordsBody = operations["saveRecords"]["requestBody"]["content"]["application/json"];

const teamsPath: keyof paths = "/teams";
const recordsPath: keyof paths = "/teams/{teamId}/databases/{databaseId}/tables/{tableId}/records";

export async function listTeams(baseUrl: string, token: string): Promise<Team[]> {
  const response = await fetch(`${baseUrl}${teamsPath}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    throw new Error(`${response.status}: ${await response.text()}`);
  }
  const teams = (await response.json()) as operations["listTeams"]["responses"]["200"]["content"]["application/json"];
  return teams.map((team) => ({ id: team.id, name: team.name }));
}

export function buildBatch(names: readonly string[], updateId: number): SaveRecordsBody {
  const creates: RecordWrite[] = names.map((name) => ({ fields: { "First Name": name } }));
  const update: RecordWrite = { id: updateId, fields: { Email: "lisa@example.com" }, _upsert: true };
  return [...creates, update];
}

export const firstPage: ListRecordsQuery = { page: 0, perPage: 500, desc: true, filters: '{"fields":{"Status":"Lead"}}' };

export function recordTitle(record: NinoxRecord): string {
  const name = record.fields["First Name"];
  return `${record.id}: ${typeof name === "string" ? name : "?"} (${recordsPath})`;
}

// @ts-expect-error a record write needs `fields`; the spec says so and TypeScript must enforce it.
export const invalid: RecordWrite = { id: 3 };
