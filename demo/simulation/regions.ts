/**
 * Coarse regions as ISO 3166-2 subdivisions of the United Kingdom, most
 * populous first. Populations on a platform cluster in cities, so earlier
 * regions are drawn more often.
 */
export const REGIONS = [
  'GB-LND', 'GB-BIR', 'GB-MAN', 'GB-LDS', 'GB-GLG', 'GB-LIV', 'GB-SHF',
  'GB-BST', 'GB-EDH', 'GB-CRF', 'GB-NTT', 'GB-DBY', 'GB-KEN', 'GB-BFS',
  'GB-NET', 'GB-CAM',
] as const;

/** Each region's weight falls with its rank, as city sizes roughly do. */
export const REGION_WEIGHTS: readonly (readonly [string, number])[] =
  REGIONS.map((region, rank) => [region, 1 / (rank + 1) ** 0.8]);
