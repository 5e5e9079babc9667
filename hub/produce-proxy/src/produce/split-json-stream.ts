/**
 * Concatenated JSON values (streaming mode of the v3 records API) as they arrive: each complete top-level value is
 * parsed and yielded, whitespace between them skipped. A value that does not parse is yielded as an Error, and
 * the stream ends there (nothing after a broken value can be framed reliably).
 */
export async function* splitJsonStream(
  stream: AsyncIterable<Buffer | string>,
  maxRecordChars = Number.POSITIVE_INFINITY,
): AsyncGenerator<unknown> {
  let buffer = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let scanned = 0;
  for await (const chunk of stream) {
    buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (buffer.length > maxRecordChars) {
      yield new Error(`a streamed record may be at most ${maxRecordChars} characters of JSON`);
      return;
    }
    for (let i = scanned; i < buffer.length; i += 1) {
      const c = buffer[i]!;
      if (start < 0) {
        if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
        if (c !== '{') {
          yield new Error('streamed records must be JSON objects, one after another');
          return;
        }
        start = i;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth += 1;
      else if (c === '}' || c === ']') {
        depth -= 1;
        if (depth === 0) {
          const text = buffer.slice(start, i + 1);
          try {
            yield JSON.parse(text) as unknown;
          } catch {
            yield new Error('a streamed record is not valid JSON');
            return;
          }
          buffer = buffer.slice(i + 1);
          i = -1;
          start = -1;
        }
      }
    }
    scanned = buffer.length;
    if (start > 0) {
      buffer = buffer.slice(start);
      scanned -= start;
      start = 0;
    }
  }
  if (buffer.trim() !== '') yield new Error('the stream ended inside a record');
}
