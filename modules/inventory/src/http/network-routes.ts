import { Type } from '@sinclair/typebox';
import { DomainError, isDomainError } from '@omnistream/kernel';
import type { HttpApp } from '@omnistream/http';
import type { InventoryRouteDependencies } from './inventory-route-dependencies.js';
import { ChannelBody, Id, LocationBody, LocationView } from './inventory-schemas.js';

const Problem = Type.Ref('ProblemDetails');
const tags = ['inventory'];

/** DCs, stores and sales channels: what stock is held at and promised to. */
export const registerNetworkRoutes = (
  app: HttpApp,
  { handlers, view, metadata }: InventoryRouteDependencies,
) => {
  app.put(
    '/inventory/locations/:locationId',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Register a DC or store, or update its profile',
        tags,
        params: Type.Object({ locationId: Id }),
        body: LocationBody,
        response: {
          200: Type.Object({ locationId: Type.String(), version: Type.Integer() }),
          400: Problem,
          409: Problem,
        },
      },
    },
    async (request) => {
      const { locationId } = request.params;
      const streamId = `location-${locationId}`;
      const profile = { locationId, ...request.body };
      try {
        const result = await handlers.location(streamId, {
          type: 'RegisterLocation',
          data: profile,
          metadata: metadata(request.id),
        });
        return { locationId, version: result.nextExpectedVersion };
      } catch (error) {
        if (!isDomainError(error, 'LOCATION_ALREADY_EXISTS')) throw error;
        const { type: _type, ...changes } = request.body;
        const result = await handlers.location(streamId, {
          type: 'UpdateLocation',
          data: { locationId, ...changes },
          metadata: metadata(request.id),
        });
        return { locationId, version: result.nextExpectedVersion };
      }
    },
  );

  for (const action of ['close', 'reopen'] as const)
    app.post(
      `/inventory/locations/:locationId/${action}`,
      {
        schema: {
          summary:
            action === 'close' ? 'Close a location: it promises and sources nothing' : 'Reopen a location',
          tags,
          params: Type.Object({ locationId: Id }),
          body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500, default: 'not given' }) }),
          response: {
            200: Type.Object({ locationId: Type.String(), version: Type.Integer() }),
            404: Problem,
          },
        },
      },
      async (request) => {
        const { locationId } = request.params;
        const result = await handlers.location(`location-${locationId}`, {
          ...(action === 'close'
            ? { type: 'CloseLocation' as const, data: { locationId, reason: request.body.reason } }
            : { type: 'ReopenLocation' as const, data: { locationId } }),
          metadata: metadata(request.id),
        });
        return { locationId, version: result.nextExpectedVersion };
      },
    );

  app.get(
    '/inventory/locations',
    {
      schema: {
        summary: 'Every location, open or closed',
        tags,
        response: { 200: Type.Array(LocationView) },
      },
    },
    (_request, reply) => {
      const all = [...view.locations()].map(({ profile: { address, ...profile }, open }) => ({
        ...profile,
        capabilities: [...profile.capabilities],
        ...(address === undefined ? {} : { address: { ...address, lines: [...address.lines] } }),
        open,
      }));
      void reply.send(all);
    },
  );

  app.put(
    '/inventory/channels/:channelId',
    {
      config: { idempotent: true },
      schema: {
        summary: 'Define a sales channel and which locations may promise to it',
        tags,
        params: Type.Object({ channelId: Id }),
        body: ChannelBody,
        response: { 200: Type.Object({ channelId: Type.String(), version: Type.Integer() }), 400: Problem },
      },
    },
    async (request) => {
      const { channelId } = request.params;
      const result = await handlers.channel(`saleschannel-${channelId}`, {
        type: 'DefineSalesChannel',
        data: { channelId, ...request.body, requiredCapability: request.body.requiredCapability ?? null },
        metadata: metadata(request.id),
      });
      return { channelId, version: result.nextExpectedVersion };
    },
  );

  app.get(
    '/inventory/channels/:channelId',
    {
      schema: {
        summary: 'A sales channel and the locations eligible for it now, most preferred first',
        tags,
        params: Type.Object({ channelId: Id }),
        response: {
          200: Type.Object({
            channelId: Type.String(),
            market: Type.String(),
            eligibleLocations: Type.Array(Type.String()),
          }),
          404: Problem,
        },
      },
    },
    (request, reply) => {
      const channel = view.channel(request.params.channelId);
      if (channel === undefined) throw channelNotFound(request.params.channelId);
      return reply.send({
        channelId: channel.channelId,
        market: channel.market,
        eligibleLocations: view.eligibleLocations(channel).map((l) => l.locationId),
      });
    },
  );
};

export const channelNotFound = (channelId: string) =>
  new DomainError(
    'SALES_CHANNEL_NOT_FOUND',
    `no sales channel ${channelId}; define it with PUT /inventory/channels/${channelId}`,
  );
