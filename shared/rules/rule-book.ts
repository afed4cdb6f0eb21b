import type { z } from 'zod';
import { DEFAULT_SETTINGS } from './catalogue';
import {
  ruleBookSchema,
  ruleSettingsSchema,
  type RuleOverride,
  type RuleSettings,
} from './config';

/** Raised when a rules document cannot be used; lists every problem. */
export class RuleBookError extends Error {
  override name = 'RuleBookError';
}

/** Resolves the settings each platform's events are judged by. */
export class RuleBook {
  private readonly resolved = new Map<string, RuleSettings>();

  private constructor(
    private readonly defaults: RuleSettings,
    private readonly overrides: Record<string, RuleOverride>,
  ) {}

  /** The shipped defaults with no overrides. */
  static defaults(): RuleBook {
    return new RuleBook(DEFAULT_SETTINGS, {});
  }

  /**
   * Parses a rules document (JSON text) and checks every platform's merged
   * settings up front, so a bad override stops start-up rather than the
   * first webhook of that platform.
   */
  static parse(json: string): RuleBook {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch (error) {
      throw new RuleBookError(`rules document is not JSON: ${String(error)}`);
    }

    const document = ruleBookSchema.safeParse(raw);
    if (!document.success) {
      throw new RuleBookError(describeIssues(document.error.issues));
    }

    const defaults = mergeChecked(DEFAULT_SETTINGS, document.data.defaults);
    const book = new RuleBook(defaults, document.data.platforms ?? {});
    for (const platformId of Object.keys(book.overrides)) {
      book.settingsFor(platformId);
    }
    return book;
  }

  /** The settings for one platform: defaults with its overrides applied. */
  settingsFor(platformId: string): RuleSettings {
    const cached = this.resolved.get(platformId);
    if (cached) return cached;

    const override = Object.hasOwn(this.overrides, platformId)
      ? this.overrides[platformId]
      : undefined;
    const settings = mergeChecked(this.defaults, override, platformId);
    this.resolved.set(platformId, settings);
    return settings;
  }
}

function mergeChecked(
  base: RuleSettings,
  override: RuleOverride | undefined,
  platformId?: string,
): RuleSettings {
  if (!override) return base;

  const merged = ruleSettingsSchema.safeParse(deepMerge(base, override));
  if (merged.success) return merged.data;

  const where = platformId ? `platform "${platformId}"` : 'defaults';
  throw new RuleBookError(
    `rules for ${where}: ${describeIssues(merged.error.issues)}`,
  );
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) {
    return override === undefined ? base : override;
  }
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    result[key] = deepMerge(base[key], value);
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ` +
      reasonOf(issue))
    .join('; ');
}

/** A refused record key's own reason says more than "Invalid key". */
function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_key') return issue.message;
  return issue.issues.map((inner) => inner.message).join(', ');
}
