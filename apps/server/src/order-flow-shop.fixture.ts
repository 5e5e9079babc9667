/** Test fixture: the shop both order-flow proofs run: a customer's home, a DC in Leeds and a store in Soho. */
export const home = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postcode: 'SW1Y 4JH',
  country: 'GB',
  location: { lat: 51.507, lon: -0.134 },
};

/** PUT /inventory/locations/dc-north */
export const dcNorth = (dailyCapacity: number) => ({
  name: 'DC North',
  type: 'dc',
  market: 'GB',
  lat: 53.8,
  lon: -1.55,
  priority: 10,
  dailyCapacity,
  capabilities: ['ship'],
  address: {
    name: 'DC North',
    lines: ['1 Depot Road'],
    city: 'Leeds',
    postalCode: 'LS1 1AA',
    countryCode: 'GB',
  },
});

/** PUT /inventory/locations/store-soho */
export const storeSoho = (dailyCapacity: number) => ({
  name: 'Soho',
  type: 'store',
  market: 'GB',
  lat: 51.513,
  lon: -0.136,
  priority: 1,
  dailyCapacity,
  capabilities: ['ship', 'ship_from_store', 'pick_up'],
  address: {
    name: 'Soho store',
    lines: ['1 Carnaby St'],
    city: 'London',
    postalCode: 'W1F 9PS',
    countryCode: 'GB',
  },
});

/** PUT /inventory/channels/web-gb */
export const webGb = { market: 'GB', priceChannel: 'web', currency: 'GBP', locationTypes: ['dc', 'store'] };
