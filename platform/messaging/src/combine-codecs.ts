import type { PublicEventCodec } from './public-event-codec.js';

/**
 * One codec over several: the first that routes an event encodes it. The composition root combines the contracts'
 * codec with framework ones (saga commands), so the one outbox relay publishes all of them.
 */
export const combineCodecs = (...codecs: readonly PublicEventCodec[]): PublicEventCodec => {
  const owner = (event: Parameters<PublicEventCodec['route']>[0]) =>
    codecs.find((codec) => codec.route(event) !== undefined);
  return {
    route: (event) => {
      for (const codec of codecs) {
        const route = codec.route(event);
        if (route !== undefined) return route;
      }
      return undefined;
    },
    encode: (event) => {
      const codec = owner(event);
      return codec === undefined
        ? Promise.reject(new Error(`no codec routes ${event.type} of ${event.streamId}`))
        : codec.encode(event);
    },
  };
};
