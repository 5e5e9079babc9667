import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * Test fixture: a local server implementing the documented UPS contract the adapter uses (OAuth client
 * credentials, Rating, Shipping ship and void, Tracking). It issues tokens for one client id and secret, refuses a
 * call without its bearer token or without transId/transactionSrc, answers in the spec's shapes, and records
 * every call.
 */
export const startUpsContractServer = async ({
  clientId,
  clientSecret,
}: {
  clientId: string;
  clientSecret: string;
}) => {
  const calls: { method: string; path: string; headers: IncomingMessage['headers']; body: unknown }[] = [];
  const issued = new Set<string>();
  const labels = new Map<string, string>();
  let ships = 0;
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0] ?? '';
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const error = (status: number, code: string, message: string) =>
        answer(status, { response: { errors: [{ code, message }] } });
      let body: unknown = raw;
      try {
        body = raw && request.headers['content-type'] === 'application/json' ? JSON.parse(raw) : raw;
      } catch {
        return error(400, '10007', 'Requested Content Type is not supported');
      }
      calls.push({ method: request.method ?? '', path, headers: request.headers, body });
      if (path === '/security/v1/oauth/token' && request.method === 'POST') {
        const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
        if (request.headers.authorization !== basic) return error(401, '10401', 'ClientId is Invalid');
        if (
          request.headers['content-type'] !== 'application/x-www-form-urlencoded' ||
          raw !== 'grant_type=client_credentials'
        )
          return error(400, '10400', 'Invalid/Missing grant_type');
        const token = `tok-${issued.size + 1}`;
        issued.add(token);
        return answer(200, {
          token_type: 'Bearer',
          access_token: token,
          expires_in: '14399',
          status: 'approved',
        });
      }
      const bearer = request.headers.authorization?.replace(/^Bearer /, '');
      if (bearer === undefined || !issued.has(bearer))
        return error(401, '250002', 'Invalid Authentication Information.');
      const transId = request.headers.transid;
      if (typeof transId !== 'string' || transId.length === 0 || transId.length > 32)
        return error(400, 'VSS002', 'Missing transId');
      if (typeof request.headers.transactionsrc !== 'string')
        return error(400, 'VSS004', 'Missing transactionSrc');
      const rate = path.match(/^\/api\/rating\/(v\d+)\/(Rate|Shop)$/);
      if (rate !== null && request.method === 'POST') {
        const shipment = (body as { RateRequest?: { Shipment?: { Service?: { Code?: string } } } })
          .RateRequest?.Shipment;
        if (shipment === undefined) return error(400, '111100', 'Missing RateRequest/Shipment');
        const codes = rate[2] === 'Shop' ? ['11', '07', '65'] : [shipment.Service?.Code ?? '11'];
        return answer(200, {
          RateResponse: {
            Response: { ResponseStatus: { Code: '1', Description: 'Success' } },
            RatedShipment: codes.map((code, i) => ({
              Service: { Code: code },
              TotalCharges: { CurrencyCode: 'GBP', MonetaryValue: (8.5 + i * 4.25).toFixed(2) },
            })),
          },
        });
      }
      if (/^\/api\/shipments\/v\d+\/ship$/.test(path) && request.method === 'POST') {
        const shipment = (
          body as { ShipmentRequest?: { Shipment?: { ShipTo?: { Address?: { PostalCode?: string } } } } }
        ).ShipmentRequest?.Shipment;
        if (shipment?.ShipTo?.Address?.PostalCode === 'ZZ9 9ZZ')
          return error(400, '120802', 'The postal code is invalid for the destination country.');
        ships += 1;
        const id = `1Z999AA1${String(ships).padStart(10, '0')}`;
        labels.set(id, 'active');
        return answer(200, {
          ShipmentResponse: {
            Response: { ResponseStatus: { Code: '1', Description: 'Success' } },
            ShipmentResults: {
              ShipmentCharges: { TotalCharges: { CurrencyCode: 'GBP', MonetaryValue: '12.30' } },
              BillingWeight: { UnitOfMeasurement: { Code: 'KGS' }, Weight: '2.0' },
              ShipmentIdentificationNumber: id,
              PackageResults: [
                {
                  TrackingNumber: id,
                  ShippingLabel: { ImageFormat: { Code: 'GIF' }, GraphicImage: 'R0lGOD' },
                },
              ],
            },
          },
        });
      }
      const voided = path.match(/^\/api\/shipments\/v\d+\/void\/cancel\/([^/]+)$/);
      if (voided !== null && request.method === 'DELETE') {
        if (!labels.has(voided[1] ?? ''))
          return error(400, '190102', 'No shipment found within the allowed void period');
        labels.set(voided[1] ?? '', 'void');
        return answer(200, {
          VoidShipmentResponse: {
            Response: { ResponseStatus: { Code: '1' } },
            SummaryResult: { Status: { Code: '1', Description: 'Voided' } },
          },
        });
      }
      const tracked = path.match(/^\/api\/track\/v1\/details\/([^/]+)$/);
      if (tracked !== null && request.method === 'GET')
        return answer(200, {
          trackResponse: {
            shipment: [
              {
                inquiryNumber: tracked[1],
                package: [
                  {
                    trackingNumber: tracked[1],
                    activity: [
                      {
                        gmtDate: '20260303',
                        gmtTime: '101500',
                        status: { type: 'D', code: 'FS', description: 'DELIVERED' },
                        location: { address: { city: 'LONDON', countryCode: 'GB' } },
                      },
                      {
                        gmtDate: '20260302',
                        gmtTime: '080000',
                        status: { type: 'I', code: 'DP', description: 'Departed from Facility' },
                        location: { address: { city: 'LEEDS', countryCode: 'GB' } },
                      },
                      {
                        gmtDate: '20260301',
                        gmtTime: '170000',
                        status: { type: 'M', code: 'MP', description: 'Shipper created a label' },
                      },
                    ],
                  },
                ],
              },
            ],
          },
        });
      return error(404, '404', 'The requested resource was not found.');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    labels,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
