/** One document of the SLO kit. */
import type { KitData } from '../kit-data.js';

export interface KitDocument {
  /** File name without extension, and the path segment under /api/kit/. */
  id: string;
  title: string;
  /** One line for lists. */
  summary: string;
  /** The body in Markdown, below the title and the generated-at line the renderer adds. */
  render(data: KitData): string;
}
