/**
 * Presets, generated from rule metadata (never listed by hand, so a new rule joins them by
 * setting `meta.recommended`):
 *   recommended (the default): the rules marked recommended, at their default severities;
 *   strict: every rule, at its default severities;
 *   none: every rule off, for configurations that list exactly the rules they want.
 */
import type { Rule } from '../rules/rule';
import type { RuleSetting } from '../settings';

export const PRESETS = ['recommended', 'strict', 'none'] as const;
export type PresetName = (typeof PRESETS)[number];
export const DEFAULT_PRESET: PresetName = 'recommended';

/**
 * The rules a preset turns off. Rules it keeps are left out rather than set to their default
 * severity: an explicit severity would override the per-finding severities rules may choose
 * (e.g. an error for an unprotected write, a warning for a read).
 */
export function presetRules(preset: PresetName, rules: readonly Rule[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const r of rules) {
    const on = preset === 'strict' || (preset === 'recommended' && r.meta.recommended);
    if (!on) out[r.meta.id] = 'off';
  }
  return out;
}
