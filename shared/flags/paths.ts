/** Where a flag is read and decided in the review API, relative to its base. */
export function reviewPaths(platformId: string, flagId: string) {
  const flag = `/v1/platforms/${platformId}/flags/${flagId}`;
  return {
    flag,
    evidence: `${flag}/evidence`,
    decisions: `${flag}/decisions`,
  };
}
