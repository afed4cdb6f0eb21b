import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INBOX_FILE,
  LocalConfigError,
  readLocalConfig,
  readPort,
} from '../../local/config';
import {
  DEV_MODERATOR_TOKEN,
  DEV_PLATFORM_ID,
  DEV_WEBHOOK_SECRET,
} from '../../local/defaults';

const SECRET = DEV_WEBHOOK_SECRET;

/** The problems readLocalConfig refuses an environment with. */
function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readLocalConfig(env);
  } catch (error) {
    if (error instanceof LocalConfigError) return error.problems;
    throw error;
  }
  throw new Error('the environment was accepted');
}

describe('readLocalConfig', () => {
  it('runs the development platform and token when nothing is set', () => {
    const config = readLocalConfig({});

    expect(config).toMatchObject({
      platforms: { [DEV_PLATFORM_ID]: [SECRET] },
      developmentPlatform: true,
      moderatorToken: DEV_MODERATOR_TOKEN,
      developmentToken: true,
      port: 3000,
      dbPath: undefined,
      logLevel: 'WARN',
      inboxFile: DEFAULT_INBOX_FILE,
    });
  });

  it('reads every setting it is given', () => {
    const config = readLocalConfig({
      PORT: '3911',
      VIGIL_PLATFORMS: JSON.stringify({ acme: [SECRET] }),
      VIGIL_MODERATOR_TOKEN: 'a-token-of-sixteen',
      VIGIL_DB_PATH: '.vigil/db',
      VIGIL_INBOX_FILE: 'inbox.jsonl',
      VIGIL_LOG_LEVEL: 'DEBUG',
    });

    expect(config).toMatchObject({
      platforms: { acme: [SECRET] },
      developmentPlatform: false,
      moderatorToken: 'a-token-of-sixteen',
      developmentToken: false,
      port: 3911,
      dbPath: '.vigil/db',
      logLevel: 'DEBUG',
      inboxFile: 'inbox.jsonl',
    });
  });

  it('prefers --db-path to VIGIL_DB_PATH', () => {
    const config = readLocalConfig({ VIGIL_DB_PATH: 'from-env' }, 'from-flag');

    expect(config.dbPath).toBe('from-flag');
  });

  it('names every bad setting at once, with what it expects', () => {
    const problems = problemsOf({
      PORT: 'abc',
      VIGIL_PLATFORMS: '{bad',
      VIGIL_MODERATOR_TOKEN: 'short',
      VIGIL_LOG_LEVEL: 'verbose',
      VIGIL_RULES_FILE: '/nonexistent/rules.json',
    });

    expect(problems).toEqual([
      'PORT is "abc"; expected a port number from 0 to 65535 ' +
        '(0 picks a free one)',
      'VIGIL_PLATFORMS is not valid JSON; expected ' +
        '{"platformId": ["whsec_..."]}',
      'VIGIL_MODERATOR_TOKEN is 5 characters long; expected at least 16',
      'VIGIL_LOG_LEVEL is "verbose"; expected DEBUG, INFO, WARN or ERROR',
      'VIGIL_RULES_FILE is /nonexistent/rules.json, which cannot be read ' +
        '(no such file); expected the path of a rules document',
    ]);
  });

  it('says where inside VIGIL_PLATFORMS a secret or id is wrong', () => {
    const problems = problemsOf({
      VIGIL_PLATFORMS: JSON.stringify({ acme: ['nope'], Acme: [SECRET] }),
    });

    expect(problems).toEqual([
      'VIGIL_PLATFORMS at acme[0]: a webhook secret must be "whsec_" ' +
        'followed by base64 key bytes',
      'VIGIL_PLATFORMS at Acme: platform id must be 1 to 63 lower-case ' +
        'letters, digits or hyphens, starting with a letter or digit',
    ]);
  });

  it('refuses VIGIL_PLATFORMS that is no object or names no platform', () => {
    expect(problemsOf({ VIGIL_PLATFORMS: '["acme"]' })).toEqual([
      'VIGIL_PLATFORMS is not a JSON object; expected ' +
        '{"platformId": ["whsec_..."]}',
    ]);
    expect(problemsOf({ VIGIL_PLATFORMS: '{}' })).toEqual([
      'VIGIL_PLATFORMS names no platform; expected ' +
        '{"platformId": ["whsec_..."]}',
    ]);
  });

  it('never repeats the secrets it refuses', () => {
    const secretLike = 'whsec_not-base64-but-secret!';

    const problems = problemsOf({
      VIGIL_PLATFORMS: `{"acme": ["${secretLike}"`,
      VIGIL_MODERATOR_TOKEN: 'secret-token',
    });

    expect(problems.join('\n')).not.toContain('secret-token');
    expect(problems.join('\n')).not.toContain(secretLike);
  });

  it('refuses ports that are out of range or not plain digits', () => {
    for (const port of ['65536', '', '-1', '3e3', ' 3000']) {
      expect(problemsOf({ PORT: port })).toEqual([
        `PORT is ${JSON.stringify(port)}; expected a port number from 0 to ` +
          '65535 (0 picks a free one)',
      ]);
    }
  });

  it('says why a rules file is not a rules document', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'vigil-rules-')),
      'rules.json');
    await writeFile(file, '{"schemaVersion": 1, "surprise": true}');

    const problems = problemsOf({ VIGIL_RULES_FILE: file });

    expect(problems).toEqual([
      `VIGIL_RULES_FILE is ${file}, which is not a usable rules document: ` +
        '(root): Unrecognized key: "surprise"',
    ]);
  });
});

describe('readPort', () => {
  it('reads PORT, or answers 3000 when it is unset', () => {
    expect(readPort({ PORT: '3911' })).toBe(3911);
    expect(readPort({})).toBe(3000);
  });

  it('refuses a PORT that is not a port', () => {
    expect(() => readPort({ PORT: 'abc' })).toThrow(new LocalConfigError([
      'PORT is "abc"; expected a port number from 0 to 65535 ' +
        '(0 picks a free one)',
    ]));
  });
});
