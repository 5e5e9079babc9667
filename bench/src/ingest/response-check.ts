/**
 * What makes an answer a success beyond its 2xx status, decided in the load process for every response. Plain
 * data, so it crosses the process boundary as JSON.
 */
export type ResponseCheck =
  | { readonly kind: 'status' }
  /** Confluent REST v3 produce: one record, `error_code` 200. */
  | { readonly kind: 'v3-record' }
  /** Confluent REST v2 produce: `offsets` holds one entry per record sent, none carrying an error. */
  | { readonly kind: 'v2-offsets'; readonly records: number };

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why `body` with `status` fails `check`, or undefined when it passes. */
export const failureOf = (check: ResponseCheck, status: number, body: string): string | undefined => {
  if (status < 200 || status > 299) return `status ${status}`;
  switch (check.kind) {
    case 'status':
      return undefined;
    case 'v3-record': {
      const answer = parse(body);
      if (!isObject(answer)) return 'answer is not a JSON object';
      return answer.error_code === 200 ? undefined : `error_code ${JSON.stringify(answer.error_code)}`;
    }
    case 'v2-offsets': {
      const answer = parse(body);
      if (!isObject(answer) || !Array.isArray(answer.offsets)) return 'answer has no offsets array';
      const offsets: readonly unknown[] = answer.offsets;
      if (offsets.length !== check.records) return `${offsets.length} offsets for ${check.records} records`;
      // Confluent's v2 proxy writes `"error_code": null` beside every successful offset.
      const failed = offsets.find(
        (offset) => !isObject(offset) || (offset.error_code !== undefined && offset.error_code !== null),
      );
      return failed === undefined ? undefined : `an offset carries an error: ${JSON.stringify(failed)}`;
    }
  }
};
