/** Why a request about a flag's review could not be carried out. */
export class ReviewError extends Error {
  override name = 'ReviewError';
}

export class FlagNotFoundError extends ReviewError {
  override name = 'FlagNotFoundError';

  constructor(platformId: string, flagId: string) {
    super(`No flag "${flagId}" exists on platform "${platformId}"; it may ` +
      'have expired, or the id is mistyped.');
  }
}

/** The flag's state does not allow what was asked; the message says why. */
export class FlagStateError extends ReviewError {
  override name = 'FlagStateError';
}
