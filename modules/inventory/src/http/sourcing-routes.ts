import { Type } from '@sinclair/typebox';
import { DomainError } from '@omnistream/kernel';
import { ifMatchVersion, type HttpApp } from '@omnistream/http';
import { parseRuleSet } from '../domain/sourcing/parse-rule-set.js';
import { parseSourcingRequest } from '../domain/sourcing/parse-sourcing-request.js';
import type { OrderSourcingEvent } from '../domain/order-sourcing/order-sourcing.js';
import type { PublishedRuleSet } from '../sourcing-service/rule-set-catalogue.js';
import type { InventoryRouteDependencies } from './inventory-route-dependencies.js';
import { Id } from './inventory-schemas.js';

const Problem = Type.Ref('ProblemDetails');
const tags = ['sourcing'];
const Open = Type.Object({}, { additionalProperties: true });
const RuleSetView = Type.Object({ ruleSet: Open, publishedAt: Type.String() });
const DecisionView = Type.Object({
  sequence: Type.Union([Type.Integer(), Type.Null()]),
  decision: Open,
  decidedAt: Type.Optional(Type.String()),
});

const view = ({ ruleSet, publishedAt }: PublishedRuleSet) => ({ ruleSet, publishedAt });

/**
 * Rule sets (versioned: every PUT publishes a new version, decisions name the one they used) and sourcing
 * decisions on live stock: `POST /inventory/sourcing/decisions` plans an order and records the decision.
 */
export const registerSourcingRoutes = (
  app: HttpApp,
  { eventStore, handlers, metadata, ruleSets, sourceOrder }: InventoryRouteDependencies,
) => {
  app.put(
    '/inventory/sourcing/rule-sets/:ruleSetId',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Publish a new version of a sourcing rule set',
        description:
          'The body is a rule set as `omnistream sourcing simulate --rules` reads it; `id` may be left out and ' +
          '`version`, when given, must be the next version (like If-Match with the current one). Publishing the ' +
          'latest content again publishes nothing.',
        tags,
        params: Type.Object({ ruleSetId: Id }),
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        body: Open,
        response: { 200: RuleSetView, 400: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { ruleSetId } = request.params;
      const body = request.body as Record<string, unknown>;
      if (body.id !== undefined && body.id !== ruleSetId)
        throw new DomainError(
          'INVALID_RULE_SET',
          `$.id is ${JSON.stringify(body.id)} but the URL names rule set ${ruleSetId}`,
        );
      const current = ifMatchVersion(request.headers['if-match']);
      const bodyVersion = typeof body.version === 'number' ? body.version : undefined;
      if (current !== undefined && bodyVersion !== undefined && bodyVersion !== current + 1)
        throw new DomainError(
          'INVALID_RULE_SET',
          `If-Match names version ${current} but $.version is ${bodyVersion}; give one or the other`,
        );
      const ruleSet = parseRuleSet({ ...body, id: ruleSetId, version: bodyVersion ?? 1 });
      const expectedNextVersion = current === undefined ? bodyVersion : current + 1;
      const result = await handlers.ruleSet(`sourcingrules-${ruleSetId}`, {
        type: 'PublishRuleSet',
        data: { ruleSet, ...(expectedNextVersion === undefined ? {} : { expectedNextVersion }) },
        metadata: metadata(request.id),
      });
      if (result.state.status !== 'published') throw new Error(`rule set ${ruleSetId} was not published`);
      return view(await ruleSets.version(ruleSetId, result.state.latest.version));
    },
  );

  app.get(
    '/inventory/sourcing/rule-sets',
    {
      schema: {
        summary: 'The latest version of every sourcing rule set',
        tags,
        response: { 200: Type.Object({ items: Type.Array(RuleSetView) }) },
      },
    },
    async () => ({ items: (await ruleSets.list()).map(view) }),
  );

  app.get(
    '/inventory/sourcing/rule-sets/:ruleSetId',
    {
      schema: {
        summary: 'A sourcing rule set: its latest version, or every version with ?history=true',
        tags,
        params: Type.Object({ ruleSetId: Id }),
        querystring: Type.Object({ history: Type.Boolean({ default: false }) }),
        response: {
          200: Type.Union([RuleSetView, Type.Object({ items: Type.Array(RuleSetView) })]),
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const { ruleSetId } = request.params;
      if (request.query.history) return { items: (await ruleSets.history(ruleSetId)).map(view) };
      const latest = await ruleSets.latest(ruleSetId);
      void reply.header('etag', `"${latest.ruleSet.version}"`);
      return view(latest);
    },
  );

  app.get(
    '/inventory/sourcing/rule-sets/:ruleSetId/versions/:version',
    {
      schema: {
        summary: 'One published version of a sourcing rule set',
        tags,
        params: Type.Object({ ruleSetId: Id, version: Type.Integer({ minimum: 1 }) }),
        response: { 200: RuleSetView, 404: Problem },
      },
    },
    async (request) => view(await ruleSets.version(request.params.ruleSetId, request.params.version)),
  );

  app.post(
    '/inventory/sourcing/decisions',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Source an order on live stock and record the decision',
        description:
          'Plans where each line comes from under a rule set (the latest version of `ruleSetId`, default ' +
          '`default`, unless `ruleSetVersion` pins one), explains every candidate score and exclusion, and records ' +
          'the decision with the rule-set version on the order. `record: false` plans without recording. An order ' +
          'that cannot be served is a decision with status `unfulfillable`, not an error.',
        tags,
        body: Type.Object(
          {
            orderId: Id,
            channel: Id,
            lines: Type.Array(Open, { minItems: 1, maxItems: 200 }),
            fulfilment: Open,
            ruleSetId: Type.Optional(Id),
            ruleSetVersion: Type.Optional(Type.Integer({ minimum: 1 })),
            excludeLocations: Type.Optional(Type.Array(Id, { maxItems: 1000, uniqueItems: true })),
            reservationIds: Type.Optional(Type.Array(Id, { maxItems: 200, uniqueItems: true })),
            record: Type.Boolean({ default: true }),
          },
          { additionalProperties: false },
        ),
        response: { 200: DecisionView, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { orderId, channel, lines, fulfilment, record, ...options } = request.body;
      return sourceOrder(
        {
          request: parseSourcingRequest({ orderId, lines, fulfilment }),
          channelId: channel,
          record,
          ...options,
        },
        request.id,
      );
    },
  );

  app.get(
    '/inventory/sourcing/decisions/:orderId',
    {
      schema: {
        summary: 'Every sourcing decision recorded for an order, the one in force last',
        tags,
        params: Type.Object({ orderId: Id }),
        response: { 200: Type.Object({ items: Type.Array(DecisionView) }), 404: Problem },
      },
    },
    async (request) => {
      const { orderId } = request.params;
      const events = await eventStore.readStream(`sourcing-${orderId}`);
      if (events.length === 0)
        throw new DomainError('SOURCING_DECISION_NOT_FOUND', `order ${orderId} has not been sourced`);
      return {
        items: events.map((event) => {
          const { sequence, decision, at } = (event as unknown as OrderSourcingEvent).data;
          return { sequence, decision, decidedAt: at };
        }),
      };
    },
  );
};
