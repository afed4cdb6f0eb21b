import { describe, expect, it } from 'vitest';
import { UsageError, readStartArgs } from '../../local/start-args';

describe('readStartArgs', () => {
  it('reads --db-path and --help', () => {
    expect(readStartArgs(['--db-path', '.vigil/db'], {}))
      .toEqual({ help: false, dbPath: '.vigil/db' });
    expect(readStartArgs(['-h'], {})).toEqual({ help: true,
      dbPath: undefined });
  });

  it('names every unknown option and stray argument at once', () => {
    const read = () => readStartArgs(['--bogus', 'x', '--db-path'], {});

    expect(read).toThrow(new UsageError([
      'unknown option --bogus',
      'unexpected argument "x"',
      '--db-path needs a directory, as in --db-path .vigil/db',
    ].join('\n')));
  });

  it('says when npm kept --db-path for itself', () => {
    // `npm start --db-path x` sets npm_config_db_path and passes on x.
    const read = () => readStartArgs(['x'], { npm_config_db_path: 'true' });

    expect(read).toThrow(new UsageError([
      'unexpected argument "x"',
      'npm kept --db-path for itself; put -- before Vigil\'s options, as ' +
        'in npm start -- --db-path DIR',
    ].join('\n')));
  });

  it('says so when npm kept --db-path=DIR and passed nothing on', () => {
    const read = () => readStartArgs([], { npm_config_db_path: 'x' });

    expect(read).toThrow(/^npm kept --db-path for itself/);
  });
});
