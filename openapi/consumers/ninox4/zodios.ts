// openapi-zod-client (Zodios + zod + axios): the scenario of common.ts, responses validated by zod.
import { isAxiosError } from "axios";
import { BASE_URL, check, main, MODULE, PAGE_SIZE, TABLE, TOKEN, WORKSPACE, WRONG_TOKEN } from "./common";
import { createApiClient } from "./gen/zodios/api";

const api = createApiClient(BASE_URL, { axiosConfig: { headers: { Authorization: `Bearer ${TOKEN}` } } });
const stranger = createApiClient(BASE_URL, { axiosConfig: { headers: { Authorization: `Bearer ${WRONG_TOKEN}` } } });
const params = { workspaceId: WORKSPACE, moduleName: MODULE, tableName: TABLE };

async function refused(call: () => Promise<unknown>): Promise<{ status: number; contentType: string; data: unknown }> {
  try {
    await call();
  } catch (error) {
    if (isAxiosError(error) && error.response) {
      const { status, headers, data } = error.response;
      return { status, contentType: String(headers["content-type"] ?? ""), data };
    }
    throw error;
  }
  throw new Error("the call succeeded");
}

main("openapi-zod-client", {
  modules: async () => (await api.listModules({ params: { workspaceId: WORKSPACE } })).data,
  tables: async (moduleName) => (await api.listTables({ params: { workspaceId: WORKSPACE, moduleName } })).data,
  page: async (offset) => {
    const page = await api.listRecords({ params, queries: { offset, limit: PAGE_SIZE } });
    return { ids: page.data.map((r) => r.id), hasMore: page.page_info.has_more, offset: page.page_info.offset };
  },
  create: async (records) => (await api.addRecords({ records }, { params })).data.ids,
  update: async (id, values) => (await api.updateRecords({ records: [{ ...values, id }] }, { params })).data.updatedIds,
  get: async (recordId) => (await api.getRecord({ params: { ...params, recordId } })).data.values,
  upsert: async (matchField, records) => (await api.upsertRecords({ matchField, records }, { params })).data,
  changes: async (since) => (await api.listRecordChanges({ params, queries: { since } })).data,
  remove: async (records) => (await api.deleteRecords({ records }, { params })).data.deletedIds,
  getStatus: async (recordId) => (await refused(() => api.getRecord({ params: { ...params, recordId } }))).status,
  wrongKey: async () => {
    const r = await refused(() => stranger.listModules({ params: { workspaceId: WORKSPACE } }));
    check(typeof r.data === "string", `the 401 body is text: ${JSON.stringify(r.data)}`);
    return { status: r.status, contentType: r.contentType, text: r.data };
  },
});
