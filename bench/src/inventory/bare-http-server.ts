import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The ceiling: node's own HTTP server answering every request with a fixed JSON body of the subject's size. */
export const startBareHttpServer = async (body: string): Promise<{ url: string; close(): Promise<void> }> => {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
