import type { InventoryHandlers } from '@omnistream/inventory';

const metadata = () => ({ now: new Date().toISOString(), correlationId: 'bench-seed' });

/** 1 DC and 20 stores in GB, a web channel over all of them, 1,000 SKUs at the DC and 5 stores, and a hot SKU. */
export const seedInventory = async (handlers: InventoryHandlers): Promise<void> => {
  const stores = Array.from({ length: 20 }, (_, i) => `store-${i}`);
  for (const [index, locationId] of ['dc-1', ...stores].entries())
    await handlers.location(`location-${locationId}`, {
      type: 'RegisterLocation',
      data: {
        locationId,
        name: locationId,
        type: index === 0 ? 'dc' : 'store',
        market: 'GB',
        lat: 51 + index / 20,
        lon: -1 + index / 20,
        priority: index === 0 ? 10 : index % 5,
        dailyCapacity: 1000,
        capabilities: index === 0 ? ['ship'] : ['pick_up', 'ship_from_store'],
      },
      metadata: metadata(),
    });
  await handlers.channel('saleschannel-web-gb', {
    type: 'DefineSalesChannel',
    data: {
      channelId: 'web-gb',
      market: 'GB',
      priceChannel: 'web',
      currency: 'GBP',
      locationTypes: ['dc', 'store'],
      requiredCapability: null,
      excludedLocations: [],
    },
    metadata: metadata(),
  });
  const receipts: Promise<unknown>[] = [];
  for (let sku = 0; sku < 1000; sku += 1)
    for (const locationId of ['dc-1', ...stores.filter((_, i) => (i + sku) % 4 === 0).slice(0, 5)])
      receipts.push(
        handlers.stock(`stock-SKU-${sku}`, {
          type: 'ReceiveStock',
          data: { sku: `SKU-${sku}`, locationId, quantity: 1_000_000 },
          metadata: metadata(),
        }),
      );
  receipts.push(
    handlers.stock('stock-HOT-1', {
      type: 'ReceiveStock',
      data: { sku: 'HOT-1', locationId: 'dc-1', quantity: 10_000_000 },
      metadata: metadata(),
    }),
  );
  await Promise.all(receipts);
};
