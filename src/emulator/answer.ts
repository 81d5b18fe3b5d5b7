/**
 * The deterministic answer: the same request always gets the same words, so tests
 * and drills can compare outputs. One token = one word (with its trailing space).
 */
import { hashString } from './rng.js';

export const DEFAULT_ANSWER_TOKENS = 24;

export type ToolChoice =
  | { kind: 'auto' }
  | { kind: 'none' }
  /** OpenAI 'required', Anthropic {type:'any'}: some tool must be called. */
  | { kind: 'any' }
  | { kind: 'tool'; name: string };

/** A request as both wire formats reduce it, before any answering. */
export interface AnswerInput {
  provider: string;
  model: string;
  lastUserText: string;
  maxTokens: number | undefined;
  tools: string[];
  toolChoice: ToolChoice;
}

export type Answer =
  | { kind: 'text'; tokens: string[]; finish: 'stop' | 'length' }
  /** `argumentTokens` concatenate to `argumentsJson`; they are what a stream sends. */
  | { kind: 'tool'; toolName: string; argumentsJson: string; argumentTokens: string[] };

const FILLER = [
  'steady', 'ballast', 'keeps', 'the', 'answer', 'level', 'while', 'providers',
  'drift', 'and', 'the', 'router', 'holds', 'its', 'course', 'through', 'calm',
  'water', 'with', 'measured', 'words', 'for', 'every', 'request',
];

/** prompt tokens = ceil(characters / 4), the usual rule of thumb. */
export function tokensForChars(chars: number): number {
  return Math.ceil(chars / 4);
}

export function buildAnswer(input: AnswerInput): Answer {
  const tool = chosenTool(input);
  if (tool !== undefined) {
    const argumentsJson = JSON.stringify({ query: input.lastUserText });
    return { kind: 'tool', toolName: tool, argumentsJson, argumentTokens: splitKeepingSpaces(argumentsJson) };
  }
  const words = answerWords(input);
  const limit = input.maxTokens !== undefined && input.maxTokens < words.length ? input.maxTokens : words.length;
  const tokens = words.slice(0, limit).map((word, i) => (i < limit - 1 ? `${word} ` : word));
  return { kind: 'text', tokens, finish: limit < words.length ? 'length' : 'stop' };
}

export function answerText(answer: Answer): string {
  return answer.kind === 'text' ? answer.tokens.join('') : answer.argumentsJson;
}

export function completionTokens(answer: Answer): number {
  return answer.kind === 'text' ? answer.tokens.length : answer.argumentTokens.length;
}

function chosenTool(input: AnswerInput): string | undefined {
  const choice = input.toolChoice;
  if (input.tools.length === 0 || choice.kind === 'none') return undefined;
  if (choice.kind === 'tool') return choice.name;
  if (choice.kind === 'any') return input.tools[0];
  return /\buse a tool\b/i.test(input.lastUserText) ? input.tools[0] : undefined;
}

function answerWords(input: AnswerInput): string[] {
  const header = `Emulated answer from ${input.provider} (${input.model}):`.split(/\s+/).filter(Boolean);
  const echoed = input.lastUserText.match(/[\p{L}\p{N}'-]+/gu)?.slice(0, 8) ?? [];
  const words = [...header, ...echoed];
  const offset = hashString(input.lastUserText) % FILLER.length;
  for (let i = 0; words.length < DEFAULT_ANSWER_TOKENS; i++) {
    words.push(FILLER[(offset + i) % FILLER.length] ?? 'steady');
  }
  return words.slice(0, DEFAULT_ANSWER_TOKENS);
}

function splitKeepingSpaces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}
