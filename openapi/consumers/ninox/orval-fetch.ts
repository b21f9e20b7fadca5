// The custom fetch orval's generated functions call: adds base URL and token, parses by media type.
import { BASE_URL, TOKEN } from "./common";

export const customFetch = async <T>(url: string, options: RequestInit): Promise<T> => {
  const headers = new Headers(options.headers);
  headers.set("Authorization", `Bearer ${TOKEN}`);
  const res = await fetch(`${BASE_URL}${url}`, { ...options, headers });
  const type = res.headers.get("content-type") ?? "";
  const empty = [204, 205, 304].includes(res.status);
  const data = empty ? null : type.includes("json") ? await res.json() : await res.blob();
  return { data, status: res.status, headers: res.headers } as T;
};
