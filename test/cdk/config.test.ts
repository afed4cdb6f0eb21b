import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../cdk/config';
import { cdkJsonContext } from './synth';

const configFrom = (context: Record<string, unknown>) =>
  readConfig(new App({ context }).node);

const withDefaults = (overrides: Record<string, unknown>) =>
  configFrom({ ...cdkJsonContext(), ...overrides });

describe('readConfig', () => {
  it('reads the defaults an operator gets from cdk.json', () => {
    const config = withDefaults({});

    expect(config).toEqual({
      environment: 'dev',
      logRetentionDays: RetentionDays.ONE_MONTH,
      queueRetentionDays: 4,
      deadLetterRetentionDays: 14,
    });
  });

  it('accepts values given as strings with -c on the command line', () => {
    const config = withDefaults({
      environment: 'prod',
      alarmEmail: 'oncall@example.org',
      logRetentionDays: '365',
      queueRetentionDays: '7',
    });

    expect(config).toMatchObject({
      environment: 'prod',
      alarmEmail: 'oncall@example.org',
      logRetentionDays: RetentionDays.ONE_YEAR,
      queueRetentionDays: 7,
    });
  });

  it('rejects a log retention that CloudWatch Logs does not offer', () => {
    expect(() => withDefaults({ logRetentionDays: 45 })).toThrow(
      'logRetentionDays: must be a retention CloudWatch Logs offers',
    );
  });

  it('rejects dead letters kept no longer than the messages', () => {
    expect(() =>
      withDefaults({ queueRetentionDays: 14, deadLetterRetentionDays: 14 }),
    ).toThrow(
      'deadLetterRetentionDays: must be longer than queueRetentionDays',
    );
  });

  it('rejects logs kept for ever, which CDK spells 9999', () => {
    expect(() => withDefaults({ logRetentionDays: '9999' })).toThrow(
      'logRetentionDays: must be a number of days: 9999, which CDK reads ' +
        'as "keep for ever", is refused because the logs hold IP ' +
        'addresses and moderator ids',
    );
  });

  it('compares the retentions even when another value is bad too', () => {
    const message = messageThrownBy(() =>
      withDefaults({
        queueRetentionDays: 14,
        deadLetterRetentionDays: 14,
        logRetentionDays: 45,
        environment: 'Prod',
      }),
    );

    expect(message.split('\n').slice(1).sort()).toEqual([
      '  deadLetterRetentionDays: must be longer than queueRetentionDays',
      '  environment: must be 1 to 20 lower-case letters, digits or ' +
        'hyphens, starting with a letter',
      '  logRetentionDays: must be a retention CloudWatch Logs offers, ' +
        'such as 30 or 90',
    ]);
  });

  it('rejects an environment name that cannot prefix resource names', () => {
    expect(() => withDefaults({ environment: 'Prod_1' })).toThrow(
      'environment: must be 1 to 20 lower-case letters',
    );
  });

  it('rejects an alarm address that is not an e-mail address', () => {
    expect(() => withDefaults({ alarmEmail: 'oncall' })).toThrow(
      'alarmEmail: must be an e-mail address',
    );
  });

  it('names every missing setting at once, with how to set it', () => {
    const message = messageThrownBy(() => configFrom({}));

    for (const key of [
      'environment',
      'logRetentionDays',
      'queueRetentionDays',
      'deadLetterRetentionDays',
    ]) {
      expect(message).toContain(
        `${key}: is not set; add it to cdk.json or pass -c ${key}=...`,
      );
    }
  });
});

function messageThrownBy(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return String(error);
  }
  return expect.fail('expected an error');
}
