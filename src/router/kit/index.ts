/** The SLO kit: six documents filled from the live config and the measured figures. */
import { budgetGuardrails } from './documents/budget-guardrails.js';
import { cacheRecipe } from './documents/cache-recipe.js';
import { drillSop } from './documents/drill-sop.js';
import { proposalLanguage } from './documents/proposal-language.js';
import { routerConfig } from './documents/router-config.js';
import { sloOnePager } from './documents/slo-one-pager.js';
import type { KitDocument } from './documents/types.js';

/** In the order the kit lists them. */
export const KIT_DOCUMENTS: readonly KitDocument[] = [sloOnePager, budgetGuardrails, routerConfig, cacheRecipe, drillSop, proposalLanguage];

export type { KitDocument } from './documents/types.js';
export { collectKitData, type KitData } from './kit-data.js';
export { renderHtml, renderMarkdown, DISCLAIMER } from './render.js';
