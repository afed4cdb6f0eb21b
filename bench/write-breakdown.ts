import * as z from 'zod';
import { marksNeeded, planEvent } from '../shared/counters/plan';
import type { SocialEvent } from '../shared/events/schema';
import { RuleBook } from '../shared/rules/rule-book';
import { keys } from '../shared/store/keys';
import type { MeteredCall } from './meter';
import { fmt, type Table } from './table';
import { BENCH_PLATFORM } from './vigil-under-test';

/** What kind of item a write touched, named by its key's prefix. */
const KINDS: [string, (key: Key) => boolean][] = [
  ['event id marker', (key) => key.pk.startsWith('E#')],
  ['day counter', (key) => key.sk.startsWith('D#')],
  ['hour counter', (key) => key.sk.startsWith('H#')],
  ['pair-day messages', (key) => key.sk.startsWith('P#')],
  ['distinct mark', (key) => key.sk.startsWith('M#')],
  ['connection', (key) => key.sk.startsWith('C#')],
  ['flag and its lock', (key) => /^[FO]#/.test(key.sk)],
];

interface Key {
  pk: string;
  sk: string;
}

const key = z.looseObject({ pk: z.string(), sk: z.string() });
const action = z.looseObject({
  Put: z.looseObject({ Item: key }).optional(),
  Update: z.looseObject({ Key: key }).optional(),
  Delete: z.looseObject({ Key: key }).optional(),
});
const transaction = z.looseObject({ TransactItems: z.array(action) });
const put = z.looseObject({ Item: key });

interface Write {
  key: Key;
  units: number;
  /** An ADD to a counter, which another event's ADD could share. */
  additive: boolean;
}

/**
 * Splits the computed write units of a run by the kind of item written,
 * and works out what two further changes to the ingest path would save on
 * the same events: not marking events that can never count, and merging
 * the additions to one item that a delivery still writes more than once.
 */
export function writeBreakdown(
  calls: readonly MeteredCall[],
  events: readonly SocialEvent[],
  batchSize: number,
): Table {
  const timed = timedEvents(calls, events);
  const writes = calls.flatMap(writesOf);
  const byKind = new Map<string, number>();
  for (const write of writes) {
    const kind = KINDS.find(([, matches]) => matches(write.key))?.[0] ??
      'other';
    byKind.set(kind, (byKind.get(kind) ?? 0) + write.units);
  }
  const n = timed.length;
  return {
    title: '   Where the write units go (Vigil over HTTP), per event',
    headings: ['item written', 'WRU/event'],
    rows: [...byKind.entries()].sort(([, a], [, b]) => b - a)
      .map(([kind, units]) => [kind, fmt(units / n, 3)]),
    notes: [
      `events that can never count: ${fmt(100 * neverCount(timed) / n, 1)}%;` +
        ` skipping their marker would save ${fmt(neverCount(timed) / n, 2)}` +
        ' WRU/event',
      `additions to one item written again within a delivery of ` +
        `${batchSize}: ${fmt(mergeSaving(calls, events, batchSize) / n, 2)} ` +
        'WRU/event (where a chunk or a transaction filled up)',
    ],
  };
}

/** Every write a call made, with the units it is billed. */
function writesOf(call: MeteredCall): Write[] {
  if (call.command === 'PutItemCommand') {
    return [{ key: put.parse(call.input).Item, units: 1, additive: false }];
  }
  if (call.command !== 'TransactWriteItemsCommand') return [];

  return transaction.parse(call.input).TransactItems.map((item) => ({
    key: item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ??
      { pk: '', sk: '' },
    units: 2,
    additive: item.Update !== undefined && /^[DHP]#/.test(
      item.Update.Key.sk),
  }));
}

/** The events whose markers the timed calls wrote, in workload order. */
function timedEvents(
  calls: readonly MeteredCall[],
  events: readonly SocialEvent[],
): SocialEvent[] {
  const markers = new Set(calls.flatMap(writesOf)
    .filter((write) => write.key.pk.startsWith('E#'))
    .map((write) => write.key.pk));
  return events.filter((event) =>
    markers.has(keys.event(BENCH_PLATFORM.id, event.id).pk));
}

/**
 * Events whose plan is empty whatever is stored: they read no mark and
 * change nothing, so counting them twice would change nothing either.
 */
function neverCount(events: readonly SocialEvent[]): number {
  const settings = RuleBook.defaults().settingsFor(BENCH_PLATFORM.id);
  return events.filter((event) => marksNeeded(event, settings).length === 0 &&
    planEvent(event, settings, { connectedSinceMs: null,
      markCountedAtMs: new Map() }).mutations.length === 0).length;
}

/**
 * Units that would be saved if each delivery's additions to one item were
 * one write. Vigil merges them already; what remains is where one pair's
 * events filled a chunk, or a transaction filled up, and the rest went to
 * another. Deliveries are cut from the workload as the run cut them.
 */
function mergeSaving(
  calls: readonly MeteredCall[],
  events: readonly SocialEvent[],
  batchSize: number,
): number {
  const deliveryOf = new Map(events.map((event, i) =>
    [keys.event(BENCH_PLATFORM.id, event.id).pk, Math.floor(i / batchSize)]));
  const seen = new Set<string>();
  let saved = 0;
  for (const call of calls) {
    const writes = writesOf(call);
    const marker = writes.find((write) => write.key.pk.startsWith('E#'));
    const delivery = marker ? deliveryOf.get(marker.key.pk) : undefined;
    if (delivery === undefined) continue;
    for (const write of writes.filter((w) => w.additive)) {
      const id = JSON.stringify([delivery, write.key.pk, write.key.sk]);
      if (seen.has(id)) saved += write.units;
      seen.add(id);
    }
  }
  return saved;
}
