import type { FastifyInstance } from 'fastify';

/**
 * Graceful close needs every connection to end. Node closes connections that are idle when `close()` is called,
 * but a keep-alive connection busy with a request then turns idle and stays open until its keep-alive timeout,
 * holding the close for that long. Responses sent while closing therefore say `Connection: close`.
 */
export const closeConnectionsWhenClosing = (app: FastifyInstance): void => {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
};
