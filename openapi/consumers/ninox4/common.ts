// Shared by the TypeScript scenarios: one session against the Ninox 4 emulator (sample fixture),
// the same for every client. Each generated client supplies the calls; this file holds the checks.
export const BASE_URL = required("NINOX_BASE_URL");
export const TOKEN = required("NINOX_TOKEN");
export const WORKSPACE = required("NINOX_WORKSPACE");
export const WRONG_TOKEN = "not-a-ninox-key";
export const PAGE_SIZE = 2;
/** Start of the emulator's deterministic clock: every change of the session comes after it. */
export const SINCE = "2026-10-01T00:00:00Z";
export const MODULE = "crm";
export const TABLE = "customers";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

export type Values = Record<string, unknown>;

export interface Page {
  ids: string[];
  hasMore: boolean;
  offset: number;
}

/** What a call with a wrong key answered: the gateway's text/plain 401. */
export interface Refusal {
  status: number;
  contentType: string;
  text: string;
}

/** The steps every scenario performs, in order; each client implements them with its own calls. */
export interface Steps {
  modules(): Promise<{ name: string }[]>;
  tables(module: string): Promise<{ name: string }[]>;
  page(offset: number): Promise<Page>;
  create(records: Values[]): Promise<string[]>;
  update(id: number, values: Values): Promise<string[]>;
  get(id: string): Promise<Values>;
  upsert(matchField: string, records: Values[]): Promise<{ createdIds: string[]; updatedIds: string[] }>;
  changes(since: string): Promise<{ id: string; changeType: string }[]>;
  remove(ids: number[]): Promise<string[]>;
  getStatus(id: string): Promise<number>;
  wrongKey(): Promise<Refusal>;
}

const names = (items: { name: string }[]) => items.map((i) => i.name);

export async function run(client: string, steps: Steps): Promise<void> {
  check(names(await steps.modules()).includes(MODULE), "the crm module is listed");
  const tables = names(await steps.tables(MODULE));
  check(tables.includes(TABLE) && tables.includes("companies"), `tables of crm: ${JSON.stringify(tables)}`);
  const seen: string[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await steps.page(offset);
    check(page.offset === offset, `page_info.offset ${page.offset} for offset ${offset}`);
    seen.push(...page.ids);
    if (!page.hasMore) break;
    check(offset < 20, "paging ends");
  }
  check(JSON.stringify(seen) === '["1","2","3"]', `paged through records 1-3, got ${JSON.stringify(seen)}`);
  const created = await steps.create([{ email: "zed@consumer.example", name: "Zed", status: "Lead" }]);
  check(JSON.stringify(created) === '["4"]', `created record 4, got ${JSON.stringify(created)}`);
  const updated = await steps.update(4, { amount: 7, tags: ["vip"] });
  check(JSON.stringify(updated) === '["4"]', `updated record 4, got ${JSON.stringify(updated)}`);
  const values = await steps.get("4");
  check(values["amount"] === 7 && values["name"] === "Zed", `read back record 4: ${JSON.stringify(values)}`);
  const upserted = await steps.upsert("email", [
    { email: "lisa@example.com", amount: 1 },
    { email: "new@consumer.example", name: "New" },
  ]);
  check(
    JSON.stringify(upserted.updatedIds) === '["1"]' && JSON.stringify(upserted.createdIds) === '["5"]',
    `upsert updated 1 and created 5, got ${JSON.stringify(upserted)}`,
  );
  const changes = (await steps.changes(SINCE)).map((c) => `${c.changeType} ${c.id}`);
  const expected = ["created 4", "updated 4", "updated 1", "created 5"];
  check(JSON.stringify(changes) === JSON.stringify(expected), `change feed: ${JSON.stringify(changes)}`);
  const deleted = await steps.remove([4]);
  check(JSON.stringify(deleted) === '["4"]', `deleted record 4, got ${JSON.stringify(deleted)}`);
  const status = await steps.getStatus("4");
  check(status === 404, `get after delete answered ${status}`);
  const refusal = await steps.wrongKey();
  check(
    refusal.status === 401 && refusal.contentType.startsWith("text/plain") && refusal.text === "Workspace orchestrator error",
    `wrong key answered ${JSON.stringify(refusal)}`,
  );
  console.log(
    `${client}: ok (modules, tables, ${seen.length} records in pages of ${PAGE_SIZE}, create, update, get, upsert, ` +
      `${changes.length} changes, delete, 404, text/plain 401)`,
  );
}

export function main(client: string, steps: Steps): void {
  run(client, steps).catch((error: unknown) => {
    console.error(`${client}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  });
}
