import type { Flag } from '../flags/flag';

/**
 * Delivers a new flag to moderators: SNS in AWS, an inbox file locally.
 * Called at least once per flag; consumers drop repeats by flag id.
 */
export interface FlagPublisher {
  publish(flag: Flag): Promise<void>;
}
