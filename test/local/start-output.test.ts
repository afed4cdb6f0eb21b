import { describe, expect, it } from 'vitest';
import { LocalConfigError } from '../../local/config';
import { DEV_WEBHOOK_SECRET } from '../../local/defaults';
import { DynamoDbLocalUnavailableError } from '../../local/dynamodb-local';
import { PortInUseError } from '../../local/serve';
import { sendCommand, startFailure } from '../../local/start-output';

const DEVELOPMENT = { demo: [DEV_WEBHOOK_SECRET] };
const ACME_SECRET = 'whsec_YWNtZS1sb2NhbC1zaWduaW5nLWtleS0xMjM0NQ==';

describe('sendCommand', () => {
  it('needs no options against the development defaults', () => {
    expect(sendCommand('http://127.0.0.1:3000', DEVELOPMENT)).toBe(
      'npm run send -- --restamp examples/blocked-by-two-minors.json');
  });

  it('passes the URL when Vigil listens on another port', () => {
    expect(sendCommand('http://127.0.0.1:3911', DEVELOPMENT)).toBe(
      'npm run send -- --url http://127.0.0.1:3911 --restamp ' +
        'examples/blocked-by-two-minors.json');
  });

  it('signs as the first configured platform, without echoing its secret',
    () => {
      const platforms = { acme: [ACME_SECRET], other: [DEV_WEBHOOK_SECRET] };

      const command = sendCommand('http://127.0.0.1:3000', platforms);

      expect(command).toBe('npm run send -- --platform acme --secret ' +
        '"$SECRET" --restamp examples/blocked-by-two-minors.json');
      expect(command).not.toContain(ACME_SECRET);
    });
});

describe('startFailure', () => {
  it('says which port is in use and what to do', () => {
    expect(startFailure(new PortInUseError(3911))).toBe(
      'Vigil could not start: port 3911 is in use; stop what runs there ' +
        'or set PORT to another port');
  });

  it('lists each bad setting on a line of its own', () => {
    const error = new LocalConfigError(['PORT is "abc"; expected a port',
      'VIGIL_LOG_LEVEL is "verbose"; expected DEBUG']);

    expect(startFailure(error)).toBe([
      'Vigil could not start. Fix these settings:',
      '  PORT is "abc"; expected a port',
      '  VIGIL_LOG_LEVEL is "verbose"; expected DEBUG',
    ].join('\n'));
  });

  it('passes on what DynamoDB Local needs', () => {
    const error = new DynamoDbLocalUnavailableError('needs Java');

    expect(startFailure(error)).toBe('Vigil could not start: needs Java');
  });

  it('leaves a fault of its own to be printed with its stack', () => {
    expect(startFailure(new TypeError('undefined is not a function')))
      .toBeUndefined();
  });
});
