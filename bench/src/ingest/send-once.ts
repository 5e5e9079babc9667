import { fillIn, type LoadRequest } from './load-request.js';
import { failureOf } from './response-check.js';

export interface SentOnce {
  readonly status: number;
  readonly body: string;
  /** Why the answer failed the request's check; undefined when it passed. */
  readonly failure: string | undefined;
}

/** One request outside the load, `{n}` filled with `n`: the sample before a case, and the dedup replay. */
export const sendOnce = async (request: LoadRequest, n: number): Promise<SentOnce> => {
  const response = await fetch(request.url, {
    method: request.method,
    headers: Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, fillIn(value, n)]),
    ),
    ...(request.body === undefined ? {} : { body: fillIn(request.body, n) }),
  });
  const body = await response.text();
  return { status: response.status, body, failure: failureOf(request.check, response.status, body) };
};
