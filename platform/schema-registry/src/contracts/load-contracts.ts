import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '@omnistream/kernel';
import { DRAFT_2020_12, schemaProblems } from '../json-schema/compile-json-schema.js';
import { isSchemaObject } from '../json-schema/json-schema.js';
import { contractSubject, type Contract } from './contract.js';

const CONTEXT = /^[a-z][a-z0-9-]*$/;
/** The stream category rule of the event store: a letter, then letters, digits or _. */
const CATEGORY = /^[A-Za-z][A-Za-z0-9_]*$/;
const FILE = /^([A-Z][A-Za-z0-9]*)\.v([1-9]\d{0,5})\.schema\.json$/;

const invalid = (file: string, problem: string) =>
  new DomainError('INVALID_CONTRACT', `contracts/${file}: ${problem}`, { file });

const folders = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();

/**
 * Reads every contract under `dir`: `<context>/<category>/<EventType>.v<N>.schema.json`. Anything else that
 * looks like a contract (a .json file not named so) is an error, so a misnamed file is not silently unpublished.
 * Sorted by subject then version, so registration order is stable.
 */
export const loadContracts = async (dir: string): Promise<Contract[]> => {
  const contracts: Contract[] = [];
  const owners = new Map<string, string>();
  for (const context of await folders(dir)) {
    if (!CONTEXT.test(context)) throw invalid(context, 'a context folder is named in lower-case kebab-case');
    for (const category of await folders(join(dir, context))) {
      const where = `${context}/${category}`;
      if (!CATEGORY.test(category)) throw invalid(where, 'a category folder is named like a stream category');
      const owner = owners.get(category);
      if (owner !== undefined && owner !== context)
        throw invalid(where, `stream category "${category}" is already published by context "${owner}"`);
      owners.set(category, context);
      for (const name of (await readdir(join(dir, context, category))).sort()) {
        const file = `${where}/${name}`;
        if (!name.endsWith('.json')) continue; // generated types and notes live beside the schemas
        const match = FILE.exec(name);
        if (match === null)
          throw invalid(file, 'expected <EventType>.v<N>.schema.json, e.g. OrderPlaced.v1.schema.json');
        const [, eventType = '', version = ''] = match;
        let schema: unknown;
        try {
          schema = JSON.parse(await readFile(join(dir, context, category, name), 'utf8'));
        } catch (error) {
          throw invalid(file, `not JSON (${(error as Error).message})`);
        }
        if (!isSchemaObject(schema)) throw invalid(file, 'a contract is a JSON Schema object');
        if (schema.$schema !== DRAFT_2020_12) throw invalid(file, `$schema must be "${DRAFT_2020_12}"`);
        const problems = schemaProblems(schema);
        if (problems.length > 0) throw invalid(file, `not a valid JSON Schema: ${problems.join('; ')}`);
        const topic = `${context}.${category}`;
        const number = Number(version);
        contracts.push({
          context,
          category,
          topic,
          eventType,
          version: number,
          subject: contractSubject(topic, eventType, number),
          schema,
          file,
        });
      }
    }
  }
  return contracts.sort((a, b) => a.subject.localeCompare(b.subject) || a.version - b.version);
};
