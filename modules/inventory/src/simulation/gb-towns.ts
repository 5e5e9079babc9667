export interface Town {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** Built-up area population in thousands, rounded (ONS 2011 and NRS figures, to the nearest tens). */
  readonly population: number;
}

/**
 * Great Britain's larger towns and cities, enough to give generated stores and customers a realistic shape:
 * dense in London and the Midlands and North, sparse in Scotland and the South West.
 */
export const GB_TOWNS: readonly Town[] = [
  { name: 'London', lat: 51.507, lon: -0.128, population: 9_000 },
  { name: 'Birmingham', lat: 52.486, lon: -1.89, population: 2_400 },
  { name: 'Manchester', lat: 53.481, lon: -2.243, population: 2_500 },
  { name: 'Leeds', lat: 53.801, lon: -1.549, population: 1_800 },
  { name: 'Glasgow', lat: 55.864, lon: -4.252, population: 1_000 },
  { name: 'Liverpool', lat: 53.408, lon: -2.992, population: 860 },
  { name: 'Newcastle', lat: 54.978, lon: -1.618, population: 780 },
  { name: 'Sheffield', lat: 53.381, lon: -1.47, population: 690 },
  { name: 'Nottingham', lat: 52.954, lon: -1.158, population: 730 },
  { name: 'Bristol', lat: 51.455, lon: -2.588, population: 620 },
  { name: 'Edinburgh', lat: 55.953, lon: -3.189, population: 530 },
  { name: 'Leicester', lat: 52.637, lon: -1.14, population: 510 },
  { name: 'Brighton', lat: 50.823, lon: -0.137, population: 470 },
  { name: 'Bournemouth', lat: 50.72, lon: -1.88, population: 470 },
  { name: 'Cardiff', lat: 51.482, lon: -3.179, population: 450 },
  { name: 'Middlesbrough', lat: 54.576, lon: -1.235, population: 380 },
  { name: 'Stoke-on-Trent', lat: 53.003, lon: -2.18, population: 370 },
  { name: 'Coventry', lat: 52.406, lon: -1.52, population: 360 },
  { name: 'Reading', lat: 51.455, lon: -0.978, population: 320 },
  { name: 'Hull', lat: 53.767, lon: -0.327, population: 310 },
  { name: 'Preston', lat: 53.763, lon: -2.703, population: 310 },
  { name: 'Swansea', lat: 51.621, lon: -3.944, population: 300 },
  { name: 'Southampton', lat: 50.91, lon: -1.404, population: 290 },
  { name: 'Portsmouth', lat: 50.82, lon: -1.088, population: 260 },
  { name: 'Derby', lat: 52.922, lon: -1.478, population: 270 },
  { name: 'Plymouth', lat: 50.376, lon: -4.143, population: 260 },
  { name: 'Milton Keynes', lat: 52.041, lon: -0.759, population: 230 },
  { name: 'Northampton', lat: 52.24, lon: -0.902, population: 220 },
  { name: 'Norwich', lat: 52.63, lon: 1.297, population: 210 },
  { name: 'Aberdeen', lat: 57.149, lon: -2.094, population: 200 },
  { name: 'Peterborough', lat: 52.573, lon: -0.241, population: 190 },
  { name: 'Ipswich', lat: 52.057, lon: 1.148, population: 180 },
  { name: 'Oxford', lat: 51.752, lon: -1.258, population: 160 },
  { name: 'Cambridge', lat: 52.205, lon: 0.122, population: 150 },
  { name: 'York', lat: 53.96, lon: -1.082, population: 150 },
  { name: 'Gloucester', lat: 51.864, lon: -2.244, population: 150 },
  { name: 'Dundee', lat: 56.462, lon: -2.971, population: 150 },
  { name: 'Exeter', lat: 50.718, lon: -3.534, population: 130 },
  { name: 'Lincoln', lat: 53.23, lon: -0.54, population: 130 },
  { name: 'Carlisle', lat: 54.892, lon: -2.932, population: 75 },
  { name: 'Inverness', lat: 57.478, lon: -4.224, population: 60 },
  { name: 'Truro', lat: 50.263, lon: -5.051, population: 40 },
];

/** The "golden triangle" of British logistics, near Daventry: where a national DC usually sits. */
export const GB_DC_SITE = { lat: 52.257, lon: -1.162 } as const;
