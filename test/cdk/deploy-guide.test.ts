import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNTH_TIMEOUT_MS, synthesizeVigil } from './synth';

const GUIDE = readFileSync(
  path.resolve(import.meta.dirname, '../../docs/deploy.md'),
  'utf8',
);

/** Every shell command of the guide, its continuation lines joined. */
const commands = [...GUIDE.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((block) => (block[1] ?? '').replace(/\\\n\s*/g, ' ').split('\n'))
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

describe('the deploy guide', () => {
  it(
    'lists every output of the stack',
    () => {
      const { template } = synthesizeVigil({ bundle: false });

      const outputs = Object.keys(template.toJSON().Outputs ?? {});
      for (const output of outputs) {
        expect(GUIDE, output).toContain(`\`${output}\``);
      }
    },
    SYNTH_TIMEOUT_MS,
  );

  it('passes jq every variable its filter reads', () => {
    const jqCalls = commands.flatMap((line) =>
      [...line.matchAll(/\bjq ((?:-r |--arg \w+ \S+ )*)'([^']*)'/g)]);

    // Registering, rotating out and reading outputs all go through jq.
    expect(jqCalls.map(([, , filter]) => filter)).toEqual(
      expect.arrayContaining(['.[$p] -= [$old]']));
    for (const [call, args = '', filter = ''] of jqCalls) {
      const given = [...args.matchAll(/--arg (\w+)/g)].map((m) => m[1]);
      const read = [...filter.matchAll(/\$(\w+)/g)].map((m) => m[1]);
      expect(given, call).toEqual(expect.arrayContaining(read));
    }
  });

  it('answers every Cognito challenge with the user name', () => {
    const answers = commands.filter((line) =>
      line.includes('respond-to-auth-challenge'));

    expect(answers.some((answer) =>
      answer.includes('SOFTWARE_TOKEN_MFA_CODE='))).toBe(true);
    for (const answer of answers) {
      expect(answer).toMatch(/--challenge-responses USERNAME=/);
    }
  });

  it('leaves the shell it runs in as it found it', () => {
    expect(commands.filter((line) => /\bumask\b/.test(line))).toEqual([]);
  });
});
