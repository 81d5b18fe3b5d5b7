/**
 * Every kind of provider ballast speaks, one entry each. Adding a kind: a folder under
 * providers/ with its adapter and its entry, the kind in ProviderKind, and one line in
 * each of the two lists below; the switch fails to compile until the entry is there.
 */
import { z } from 'zod';
import { anthropicKind, anthropicProviderSchema } from './anthropic/anthropic-kind.js';
import { openaiKind, openaiProviderSchema } from './openai/openai-kind.js';
import type { ProviderKindEntry } from './provider-kind.js';
import type { ProviderKind } from './types.js';

/** A provider block of ballast.yaml, whichever its kind. */
export const providerConfigSchema = z.discriminatedUnion('kind', [openaiProviderSchema, anthropicProviderSchema]);

export type ProviderConfig = z.infer<typeof providerConfigSchema>;

/** The entry of a kind. */
export function providerKind(kind: ProviderKind): ProviderKindEntry {
  switch (kind) {
    case 'openai':
      return openaiKind as ProviderKindEntry;
    case 'anthropic':
      return anthropicKind as ProviderKindEntry;
    default:
      return unknownKind(kind);
  }
}

function unknownKind(kind: never): never {
  throw new Error(`no registry entry for provider kind ${String(kind)}`);
}
