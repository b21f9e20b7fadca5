// Shared by the TypeScript scenarios: one session against the emulator, the same for every client.
// Each generated client supplies the calls; this file holds the data and the checks.
export const BASE_URL = required("NINOX_BASE_URL");
export const TOKEN = required("NINOX_TOKEN");
export const PAGE_SIZE = 2;
export const FILE_NAME = "all-bytes.bin";
export const QUERY = "count(select Contacts)";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** Every byte value, then a CRLF and a multipart-boundary look-alike: binary safety, not text. */
export function payload(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(256 + 8);
  for (let i = 0; i < 256; i++) bytes[i] = i;
  bytes.set([13, 10, 45, 45, 43, 43, 43, 0], 256);
  return bytes;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

export function byName<T extends { id: string; name: string }>(items: readonly T[], name: string): string {
  const found = items.find((item) => item.name === name);
  check(found, `a ${name} in ${JSON.stringify(items.map((i) => i.name))}`);
  return found.id;
}

/** The steps every scenario performs, in order; each client implements them with its own calls. */
export interface Steps {
  teams(): Promise<{ id: string; name: string }[]>;
  databases(teamId: string): Promise<{ id: string; name: string }[]>;
  tables(teamId: string, dbId: string): Promise<{ id: string; name: string }[]>;
  page(ids: Ids, page: number): Promise<{ id: number }[]>;
  create(ids: Ids, fields: Record<string, unknown>): Promise<number>;
  update(ids: Ids, recordId: number, fields: Record<string, unknown>): Promise<Record<string, unknown>>;
  upload(ids: Ids, recordId: number, file: File): Promise<void>;
  download(ids: Ids, recordId: number, name: string): Promise<Uint8Array>;
  query(ids: Ids, query: string): Promise<unknown>;
  changes(ids: Ids, sinceSq: number): Promise<{ seq: number; updates?: Record<string, unknown> }>;
  remove(ids: Ids, recordId: number): Promise<number>;
  getStatus(ids: Ids, recordId: number): Promise<number>;
}

export interface Ids {
  teamId: string;
  dbId: string;
  tableId: string;
}

export async function run(client: string, steps: Steps): Promise<void> {
  const teamId = byName(await steps.teams(), "Acme");
  const dbId = byName(await steps.databases(teamId), "CRM");
  const tableId = byName(await steps.tables(teamId, dbId), "Contacts");
  const ids: Ids = { teamId, dbId, tableId };
  const seen: number[] = [];
  for (let page = 0; ; page++) {
    const records = await steps.page(ids, page);
    seen.push(...records.map((r) => r.id));
    if (records.length < PAGE_SIZE) break;
    check(page < 10, "paging ends");
  }
  check(JSON.stringify(seen) === "[1,2,3,4,5]", `paged through records 1-5, got ${JSON.stringify(seen)}`);
  const recordId = await steps.create(ids, { "First Name": "Zed", "Last Name": "Consumer" });
  check(recordId === 6, `created record 6, got ${recordId}`);
  const fields = await steps.update(ids, recordId, { Email: "zed@consumer.example" });
  check(fields["Email"] === "zed@consumer.example" && fields["First Name"] === "Zed", "updated the record");
  const bytes = payload();
  await steps.upload(ids, recordId, new File([bytes], FILE_NAME, { type: "application/octet-stream" }));
  const back = await steps.download(ids, recordId, FILE_NAME);
  check(sameBytes(bytes, back), `file round trip byte for byte (${back.length} bytes back)`);
  check((await steps.query(ids, QUERY)) === 6, "query counts 6 contacts");
  const changes = await steps.changes(ids, 0);
  check(changes.seq > 0 && `${tableId}${recordId}` in (changes.updates ?? {}), "change feed has the new record");
  const deleted = await steps.remove(ids, recordId);
  check(deleted === 200 || deleted === 204, `delete answered ${deleted}`);
  const status = await steps.getStatus(ids, recordId);
  check(status === 404, `get after delete answered ${status}`);
  console.log(`${client}: ok (teams, databases, tables, ${seen.length} records in pages of ${PAGE_SIZE}, create, update, ${bytes.length}-byte file round trip, query, changes, delete, 404)`);
}

export function main(client: string, steps: Steps): void {
  run(client, steps).catch((error: unknown) => {
    console.error(`${client}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  });
}
