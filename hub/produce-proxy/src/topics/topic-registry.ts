import type { Sql } from '@omnistream/event-store';
import { DomainError } from '@omnistream/kernel';
import type { TopicSpecBody, TopicView } from './topic-spec.js';

export interface TopicRegistryDependencies {
  readonly db: Sql;
  /** Whether the schema registry knows the subject: a topic never points at a subject that does not exist. */
  readonly subjectExists: (subject: string) => Promise<boolean>;
  /** Creates the topic on the bus (Kafka, or the in-process log); existing topics are left as they are. */
  readonly provision: (topic: { name: string; partitions: number; retentionMs?: number }) => Promise<void>;
}

interface TopicRow {
  name: string;
  owner: string;
  subject: string;
  partitions: number;
  retention_ms: string | null;
  sensitive: string;
  description: string;
  version: number;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `name, owner, subject, partitions, retention_ms::text as retention_ms, sensitive::text as sensitive,
  description, version, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at`;

const toView = (row: TopicRow): TopicView => ({
  name: row.name,
  owner: row.owner,
  subject: row.subject,
  partitions: Number(row.partitions),
  retentionMs: row.retention_ms === null ? null : Number(row.retention_ms),
  sensitiveFields: JSON.parse(row.sensitive) as TopicView['sensitiveFields'],
  description: row.description,
  version: Number(row.version),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The hub's topic registry: topics as products, in the platform database. */
export const createTopicRegistry = ({ db, subjectExists, provision }: TopicRegistryDependencies) => {
  const get = async (name: string): Promise<TopicView | undefined> => {
    const [row] = await db.query<TopicRow>(`select ${COLUMNS} from omnistream.hub_topics where name = $1`, [
      name,
    ]);
    return row === undefined ? undefined : toView(row);
  };

  return {
    get,
    list: async (): Promise<TopicView[]> =>
      (await db.query<TopicRow>(`select ${COLUMNS} from omnistream.hub_topics order by name`)).map(toView),
    /**
     * Registers a topic or changes it. `expectedVersion` (If-Match) guards against a lost update; 0 means it must
     * be new. Partitions only grow: Kafka cannot take them back.
     */
    put: async (
      name: string,
      spec: TopicSpecBody,
      expectedVersion?: number,
    ): Promise<{ topic: TopicView; created: boolean }> => {
      if (!(await subjectExists(spec.subject)))
        throw new DomainError(
          'SCHEMA_SUBJECT_NOT_FOUND',
          `subject ${spec.subject} is not in the schema registry: register the topic's schema first`,
        );
      const current = await get(name);
      if (expectedVersion !== undefined && (current?.version ?? 0) !== expectedVersion)
        throw new DomainError(
          'TOPIC_VERSION_CONFLICT',
          `topic ${name} is at version ${current?.version ?? 0}`,
          {
            actualVersion: current?.version ?? 0,
          },
        );
      if (current !== undefined && spec.partitions < current.partitions)
        throw new DomainError(
          'INVALID_PARTITIONS',
          `topic ${name} has ${current.partitions} partitions; partitions can be added, never removed`,
        );
      await provision({
        name,
        partitions: spec.partitions,
        ...(spec.retentionMs === undefined || spec.retentionMs === null
          ? {}
          : { retentionMs: spec.retentionMs }),
      });
      const rows = await db.query<TopicRow>(
        `insert into omnistream.hub_topics (name, owner, subject, partitions, retention_ms, sensitive, description, version)
         values ($1, $2, $3, $4, $5::bigint, $6::text::jsonb, $7, 1)
         on conflict (name) do update set owner = excluded.owner, subject = excluded.subject,
           partitions = excluded.partitions, retention_ms = excluded.retention_ms, sensitive = excluded.sensitive,
           description = excluded.description, version = omnistream.hub_topics.version + 1, updated_at = now()
           where omnistream.hub_topics.version = $8
         returning ${COLUMNS}`,
        [
          name,
          spec.owner,
          spec.subject,
          spec.partitions,
          spec.retentionMs === undefined || spec.retentionMs === null ? null : String(spec.retentionMs),
          JSON.stringify(spec.sensitiveFields ?? {}),
          spec.description ?? '',
          current?.version ?? 0,
        ],
      );
      const [row] = rows;
      // Nothing returned: someone changed it between our read and this write.
      if (row === undefined)
        throw new DomainError(
          'TOPIC_VERSION_CONFLICT',
          `topic ${name} changed meanwhile; read it and try again`,
        );
      return { topic: toView(row), created: current === undefined };
    },
  };
};

export type TopicRegistry = ReturnType<typeof createTopicRegistry>;
